import "server-only";
// Recording usage (DESIGN §8 POST /usage): a batch of up to 1,000 events, each accepted,
// duplicate or rejected with a reason; a rejected event never blocks the others. Everything of
// a batch happens in one transaction with a fixed number of set-based statements:
//   lock the customers' wallet accounts → drop events already recorded → rate each event in
//   order against the wallet as it stands → post the draws as ledger transfers (one per bucket,
//   action and day) → insert the events, which transfer charged how much of each, and the daily
//   aggregates.
// The event id is the idempotency key: the same id sent again (even concurrently) is a duplicate.
import { merchantAccountId, periodAccountId, type MerchantAccountName } from "@/lib/billing/accounts";
import { periodAt, utcDay } from "@/lib/billing/periods";
import { applyDraws, rateUsage, type Draw, type RatingWallet, type RejectReason, type Source } from "@/lib/billing/rating";
import type { PlanDef } from "@/lib/billing/plans";
import { RetryableConflict } from "@/lib/db/errors";
import { plansById, type StoredPlan } from "@/lib/db/plans";
import { transaction, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import type { LedgerRequest } from "@/lib/ledger";
import { applyLedgerBatch } from "./ledger";
import { rollSubscription } from "./subscriptions";
import { afterUsageRecorded } from "./usage-hooks";

export const MAX_BATCH = 1_000;
export const MAX_FUTURE_MS = 5 * 60_000;

export type UsageEventInput = {
  id: string;
  /** Portico customer id or "ext:<external_id>". */
  customer: string;
  action: string;
  quantity: bigint;
  timestamp: Date;
  properties?: Record<string, unknown>;
};

export type UsageRejectReason =
  | RejectReason
  | "unknown_customer"
  | "no_active_subscription"
  | "timestamp_in_future"
  | "timestamp_before_open_period"
  | "invalid_event";

export type UsageResult =
  | { id: string; status: "accepted"; customerId: string; costAsset: string; costAmount: bigint; overageMicros: bigint }
  | { id: string; status: "duplicate" }
  | { id: string; status: "rejected"; reason: UsageRejectReason; message: string };

type CustomerCtx = {
  id: string;
  externalId: string;
  merchantId: string;
  subscriptionId: string;
  status: string;
  anchorAt: Date;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  spendingCapMicros: bigint | null;
  plan: StoredPlan;
  /** Open periods (start ISO → period), the ones an event may land in. */
  openPeriods: Map<string, { start: Date; end: Date; planId: string }>;
};

type AccountRow = {
  id: string;
  customer_id: string;
  bucket: string;
  asset: string;
  expires_at: Date | null;
  posted_debits: bigint;
  posted_credits: bigint;
  pending_debits: bigint;
};

const DESTINATION: Record<Draw["kind"], MerchantAccountName> = {
  included: "units_used",
  plan_credits: "credits_used",
  lot: "credits_used",
  balance: "revenue",
  overage: "overage_revenue",
};

function reject(id: string, reason: UsageRejectReason, message: string): UsageResult {
  return { id, status: "rejected", reason, message };
}

/** By reference ("cus_…" or "ext:…"); null for a known customer without a usable subscription. */
async function loadCustomers(tx: Tx, merchantId: string, refs: string[]): Promise<Map<string, CustomerCtx | null>> {
  const ids = refs.filter((r) => !r.startsWith("ext:"));
  const externalIds = refs.filter((r) => r.startsWith("ext:")).map((r) => r.slice(4));
  const rows = await tx.customer.findMany({
    where: { merchantId, OR: [{ id: { in: ids } }, { externalId: { in: externalIds } }] },
    include: { subscription: { include: { periods: { where: { status: "open" } } } } },
  });
  const plans = await plansById(tx, merchantId);
  const byRef = new Map<string, CustomerCtx | null>();
  for (const c of rows) {
    const s = c.subscription;
    const plan = s ? plans.get(s.planId) : undefined;
    if (!s || !plan) {
      byRef.set(c.id, null);
      byRef.set(`ext:${c.externalId}`, null);
      continue;
    }
    const ctx: CustomerCtx = {
      id: c.id,
      externalId: c.externalId,
      merchantId,
      subscriptionId: s.id,
      status: s.status,
      anchorAt: s.anchorAt,
      currentPeriodStart: s.currentPeriodStart,
      currentPeriodEnd: s.currentPeriodEnd,
      spendingCapMicros: s.spendingCapMicros,
      plan,
      openPeriods: new Map(s.periods.map((p) => [p.periodStart.toISOString(), { start: p.periodStart, end: p.periodEnd, planId: p.planId }])),
    };
    byRef.set(c.id, ctx);
    byRef.set(`ext:${c.externalId}`, ctx);
  }
  return byRef;
}

/** Lock the spendable wallet accounts of these customers, in id order. */
async function lockWalletAccounts(tx: Tx, customerIds: string[]): Promise<Map<string, AccountRow>> {
  const rows = await tx.$queryRawUnsafe<AccountRow[]>(
    `SELECT id, customer_id, bucket::text AS bucket, asset, expires_at, posted_debits, posted_credits, pending_debits
       FROM ledger_accounts
      WHERE customer_id = ANY($1::text[])
        AND (bucket <> 'purchased_credits' OR posted_credits - posted_debits - pending_debits > 0)
      ORDER BY id FOR UPDATE`,
    customerIds,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function sourceFromRow(r: AccountRow): Source | null {
  const available = BigInt(r.posted_credits) - BigInt(r.posted_debits) - BigInt(r.pending_debits);
  const kind = r.bucket === "included_usage" ? "included" : r.bucket === "plan_credits" ? "plan_credits" : r.bucket === "purchased_credits" ? "lot" : r.bucket === "balance" ? "balance" : null;
  if (!kind) return null;
  return { accountId: r.id, asset: r.asset as Source["asset"], kind, available, expiresAt: r.expires_at ? new Date(r.expires_at) : null };
}

/**
 * The wallet an event in `periodStart` sees: that period's included units / plan credits, the
 * purchased lots and the money balance (shared by all periods), and that period's overage.
 */
function walletFor(
  ctx: CustomerCtx,
  periodStart: Date,
  sources: Map<string, Source>,
  sourceIds: readonly string[],
  accounts: Map<string, AccountRow>,
): RatingWallet {
  const own: Source[] = [];
  const periodIds = new Set([
    periodAccountId(ctx.id, "included_usage", periodStart),
    periodAccountId(ctx.id, "plan_credits", periodStart),
  ]);
  for (const id of sourceIds) {
    const s = sources.get(id)!;
    if (s.kind === "included" || s.kind === "plan_credits") {
      if (periodIds.has(s.accountId)) own.push(s);
    } else own.push(s);
  }
  let overage: RatingWallet["overage"] = null;
  if (ctx.plan.model === "metered") {
    const id = periodAccountId(ctx.id, "overage", periodStart);
    const row = accounts.get(id);
    const accrued = row ? BigInt(row.posted_debits) + BigInt(row.pending_debits) - BigInt(row.posted_credits) : 0n;
    overage = { accountId: id, accruedMicros: accrued, capMicros: ctx.spendingCapMicros };
  }
  return { sources: own, overage };
}

type Accepted = {
  input: UsageEventInput;
  ctx: CustomerCtx;
  periodStart: Date;
  costAsset: string;
  costAmount: bigint;
  overageMicros: bigint;
  draws: Draw[];
};

/** Group the draws of accepted events into transfers: one per account, action and UTC day. */
function toTransfers(accepted: Accepted[]) {
  type Group = { request: LedgerRequest & { op: "transfer" }; charges: { event: number; amount: bigint }[]; quantity: bigint; events: number; last: Date };
  const groups = new Map<string, Group>();
  accepted.forEach((a, index) => {
    const day = utcDay(a.input.timestamp).toISOString().slice(0, 10);
    for (const d of a.draws) {
      const key = `${d.accountId}|${a.input.action}|${day}`;
      let g = groups.get(key);
      if (!g) {
        const destination = merchantAccountId(a.ctx.merchantId, DESTINATION[d.kind]);
        g = {
          request: {
            op: "transfer",
            id: newId("use"),
            kind: "usage",
            asset: d.asset,
            amount: 0n,
            debitAccountId: d.accountId,
            creditAccountId: destination,
            customerId: a.ctx.id,
            effectiveAt: a.input.timestamp,
            refs: { action: a.input.action, day, bucket: d.kind },
          },
          charges: [],
          quantity: 0n,
          events: 0,
          last: a.input.timestamp,
        };
        groups.set(key, g);
      }
      g.request.amount += d.amount;
      g.charges.push({ event: index, amount: d.amount });
      g.quantity += a.input.quantity;
      g.events += 1;
      if (a.input.timestamp > g.last) g.last = a.input.timestamp;
    }
  });
  for (const g of groups.values()) {
    g.request.effectiveAt = g.last;
    g.request.refs = { ...g.request.refs, events: g.events, quantity: g.quantity.toString() };
  }
  return [...groups.values()];
}

function validate(e: UsageEventInput, now: Date): UsageResult | null {
  if (typeof e.id !== "string" || e.id.length === 0 || e.id.length > 200) return reject(String(e.id), "invalid_event", "Event id must be 1–200 characters.");
  if (typeof e.quantity !== "bigint" || e.quantity <= 0n) return reject(e.id, "invalid_quantity", "Quantity must be a whole number of at least 1.");
  if (!(e.timestamp instanceof Date) || Number.isNaN(e.timestamp.getTime())) return reject(e.id, "invalid_event", "Timestamp is not a valid date.");
  if (e.timestamp.getTime() > now.getTime() + MAX_FUTURE_MS) {
    return reject(e.id, "timestamp_in_future", "Timestamp is more than 5 minutes in the future.");
  }
  return null;
}

/** Record a batch of usage events for a merchant. */
export async function recordUsage(merchantId: string, events: UsageEventInput[], opts: { now?: Date } = {}): Promise<UsageResult[]> {
  if (events.length > MAX_BATCH) throw new RangeError(`At most ${MAX_BATCH} events per batch`);
  const now = opts.now ?? new Date();
  return transaction((tx) => recordUsageInTx(tx, merchantId, events, now));
}

export async function recordUsageInTx(tx: Tx, merchantId: string, events: UsageEventInput[], now: Date): Promise<UsageResult[]> {
  const results: (UsageResult | null)[] = events.map((e) => validate(e, now));

  // Customers, their subscriptions (rolled to now) and open periods.
  const refs = [...new Set(events.filter((_, i) => !results[i]).map((e) => e.customer))];
  let customers = await loadCustomers(tx, merchantId, refs);
  const known = () => [...new Set([...customers.values()])].filter((c): c is CustomerCtx => c !== null);
  // A period that has started opens on first use, even before the billing job gets to it.
  const stale = known().filter((c) => c.status !== "canceled" && c.currentPeriodEnd.getTime() <= now.getTime());
  if (stale.length > 0) {
    for (const c of stale) await rollSubscription(tx, c.subscriptionId, now);
    customers = await loadCustomers(tx, merchantId, refs);
  }

  // Lock the wallets; then nothing they hold can change under us.
  const customerIds = known().map((c) => c.id).sort();
  const accounts = await lockWalletAccounts(tx, customerIds);

  // Duplicates: recorded before, or repeated within this batch.
  const candidateIds = events.filter((_, i) => !results[i]).map((e) => e.id);
  const seen = new Set(
    candidateIds.length === 0
      ? []
      : (
          await tx.$queryRawUnsafe<{ event_id: string }[]>(
            `SELECT event_id FROM usage_events WHERE merchant_id = $1 AND event_id = ANY($2::text[])`,
            merchantId,
            candidateIds,
          )
        ).map((r) => r.event_id),
  );

  const sources = new Map<string, Source>();
  const sourceIdsByCustomer = new Map<string, string[]>();
  for (const row of accounts.values()) {
    const s = sourceFromRow(row);
    if (!s) continue;
    sources.set(s.accountId, s);
    const list = sourceIdsByCustomer.get(row.customer_id) ?? [];
    list.push(s.accountId);
    sourceIdsByCustomer.set(row.customer_id, list);
  }
  const overageAccrued = new Map<string, bigint>();
  const accepted: Accepted[] = [];
  const acceptedIndex: number[] = [];

  events.forEach((e, i) => {
    if (results[i]) return;
    if (seen.has(e.id)) {
      results[i] = { id: e.id, status: "duplicate" };
      return;
    }
    const ctx = customers.get(e.customer);
    if (ctx === undefined) {
      results[i] = reject(e.id, "unknown_customer", `No customer "${e.customer}" for this merchant.`);
      return;
    }
    if (ctx === null || ctx.status === "canceled" || ctx.status === "suspended") {
      results[i] = reject(e.id, "no_active_subscription", `Customer "${e.customer}" has no active subscription.`);
      return;
    }
    const period = periodAt(ctx.anchorAt, ctx.plan.intervalMonths, e.timestamp);
    const open = ctx.openPeriods.get(period.start.toISOString());
    if (!open) {
      results[i] = reject(e.id, "timestamp_before_open_period", `Timestamp ${e.timestamp.toISOString()} falls in a period that is already closed.`);
      return;
    }
    const plan: PlanDef = ctx.plan;
    let wallet = walletFor(ctx, open.start, sources, sourceIdsByCustomer.get(ctx.id) ?? [], accounts);
    if (wallet.overage) {
      wallet = { ...wallet, overage: { ...wallet.overage, accruedMicros: wallet.overage.accruedMicros + (overageAccrued.get(wallet.overage.accountId) ?? 0n) } };
    }
    const rated = rateUsage(plan, e.action, e.quantity, wallet, e.timestamp);
    if (!rated.ok) {
      results[i] = reject(e.id, rated.reason, rated.message);
      return;
    }
    const after = applyDraws(wallet, rated.draws);
    for (const s of after.sources) sources.set(s.accountId, s);
    for (const d of rated.draws) if (d.kind === "overage") overageAccrued.set(d.accountId, (overageAccrued.get(d.accountId) ?? 0n) + d.amount);
    seen.add(e.id);
    accepted.push({ input: e, ctx, periodStart: open.start, costAsset: rated.costAsset, costAmount: rated.costAmount, overageMicros: rated.overageMicros, draws: rated.draws });
    acceptedIndex.push(i);
    results[i] = { id: e.id, status: "accepted", customerId: ctx.id, costAsset: rated.costAsset, costAmount: rated.costAmount, overageMicros: rated.overageMicros };
  });

  if (accepted.length > 0) {
    await writeAccepted(tx, merchantId, accepted, now);
    await afterUsageRecorded(tx, { merchantId, customerIds: [...new Set(accepted.map((a) => a.ctx.id))], now });
  }
  return results as UsageResult[];
}

async function writeAccepted(tx: Tx, merchantId: string, accepted: Accepted[], now: Date) {
  const groups = toTransfers(accepted);
  const outcome = await applyLedgerBatch(tx, groups.map((g) => g.request), now);
  const refused = outcome.results.find((r) => !r.ok);
  // The wallets are locked and the draws were rated against them: a refusal here is a bug.
  if (refused && !refused.ok) throw new Error(`Ledger refused a rated usage transfer: ${refused.code} ${refused.message}`);

  const inserted = await tx.$queryRawUnsafe<{ pk: bigint; event_id: string }[]>(
    `INSERT INTO usage_events (merchant_id, event_id, customer_id, action, quantity, timestamp, properties, cost_asset, cost_amount, overage_micros, period_start)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::jsonb[], $8::text[], $9::bigint[], $10::bigint[], $11::timestamptz[])
     ON CONFLICT (merchant_id, event_id) DO NOTHING
     RETURNING pk, event_id`,
    merchantId,
    accepted.map((a) => a.input.id),
    accepted.map((a) => a.ctx.id),
    accepted.map((a) => a.input.action),
    accepted.map((a) => a.input.quantity),
    accepted.map((a) => a.input.timestamp),
    accepted.map((a) => JSON.stringify(a.input.properties ?? {})),
    accepted.map((a) => a.costAsset),
    accepted.map((a) => a.costAmount),
    accepted.map((a) => a.overageMicros),
    accepted.map((a) => a.periodStart),
  );
  if (inserted.length !== accepted.length) {
    // An event id was recorded by a concurrent batch after we looked: start over and see it.
    throw new RetryableConflict("A usage event id was recorded concurrently");
  }
  const pkByEvent = new Map(inserted.map((r) => [r.event_id, BigInt(r.pk)]));

  const chargeEvent: bigint[] = [];
  const chargeTransfer: string[] = [];
  const chargeAsset: string[] = [];
  const chargeAmount: bigint[] = [];
  for (const g of groups) {
    // one row per (event, transfer): an event split across days never shares a transfer twice
    const perEvent = new Map<number, bigint>();
    for (const c of g.charges) perEvent.set(c.event, (perEvent.get(c.event) ?? 0n) + c.amount);
    for (const [event, amount] of perEvent) {
      chargeEvent.push(pkByEvent.get(accepted[event]!.input.id)!);
      chargeTransfer.push(g.request.id);
      chargeAsset.push(g.request.asset);
      chargeAmount.push(amount);
    }
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO usage_charges (event_pk, transfer_id, asset, amount)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])`,
    chargeEvent,
    chargeTransfer,
    chargeAsset,
    chargeAmount,
  );

  // Daily aggregates, summed here so each (customer, action, day) is one upsert.
  const daily = new Map<string, { customerId: string; action: string; day: Date; quantity: bigint; costAsset: string; costAmount: bigint; overage: bigint; events: bigint }>();
  for (const a of accepted) {
    const day = utcDay(a.input.timestamp);
    const key = `${a.ctx.id}|${a.input.action}|${day.toISOString()}`;
    const d = daily.get(key) ?? { customerId: a.ctx.id, action: a.input.action, day, quantity: 0n, costAsset: a.costAsset, costAmount: 0n, overage: 0n, events: 0n };
    d.quantity += a.input.quantity;
    d.costAmount += a.costAmount;
    d.overage += a.overageMicros;
    d.events += 1n;
    daily.set(key, d);
  }
  const rows = [...daily.values()].sort((x, y) => (`${x.customerId}|${x.action}|${x.day.toISOString()}` < `${y.customerId}|${y.action}|${y.day.toISOString()}` ? -1 : 1));
  await tx.$executeRawUnsafe(
    `INSERT INTO daily_usage (customer_id, action, day, quantity, cost_asset, cost_amount, overage_micros, events)
     SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::bigint[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
     ON CONFLICT (customer_id, action, day) DO UPDATE SET
       quantity = daily_usage.quantity + EXCLUDED.quantity,
       cost_amount = daily_usage.cost_amount + EXCLUDED.cost_amount,
       overage_micros = daily_usage.overage_micros + EXCLUDED.overage_micros,
       events = daily_usage.events + EXCLUDED.events`,
    rows.map((r) => r.customerId),
    rows.map((r) => r.action),
    rows.map((r) => r.day.toISOString().slice(0, 10)),
    rows.map((r) => r.quantity),
    rows.map((r) => r.costAsset),
    rows.map((r) => r.costAmount),
    rows.map((r) => r.overage),
    rows.map((r) => r.events),
  );
}
