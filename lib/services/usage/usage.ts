import { MAX_QUANTITY } from "@/lib/billing/rating";
import "server-only";
// Recording usage (DESIGN §8 POST /usage): a batch of up to 1,000 events, each accepted,
// duplicate or rejected with a reason; a rejected event never blocks the others. Everything of
// a batch happens in one transaction with a fixed number of set-based statements:
//   lock the customers' wallet accounts → drop events already recorded → rate each event in
//   order against the wallet as it stands → insert the events, which transfer charged how much
//   of each, and the daily aggregates → post the draws as ledger transfers (one per bucket,
//   action and day), last, so the merchant's shared accounts are locked only until the commit.
// The event id is the idempotency key: the same id sent again (even concurrently) is a duplicate.
import { merchantAccountId } from "@/lib/billing/accounts";
import { periodAt, utcDayKey } from "@/lib/billing/periods";
import { applyDraws, rateUsage, type Draw, type RatingWallet, type RejectReason, type Source } from "@/lib/billing/rating";
import type { PlanDef } from "@/lib/billing/plans";
import { pgArray } from "@/lib/db/pg-array";
import { transaction, txSql, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import type { Account, LedgerRequest } from "@/lib/ledger";
import { postFromLockedAccounts } from "../ledger/ledger";
import { afterUsageRecorded } from "./usage-hooks";
import { DESTINATION, indexSources, knownCustomers, ledgerAccounts, loadCustomersAt, walletAccounts, walletFor, type CustomerCtx } from "./usage-context";
import { writeUsageRecords, type UsageRecord } from "./usage-records";

const MAX_BATCH = 1_000;
const MAX_FUTURE_MS = 5 * 60_000;

export type UsageEventInput = {
  id: string;
  /** Portico customer id or "ext:<external_id>". */
  customer: string;
  action: string;
  quantity: bigint;
  timestamp: Date;
  properties?: Record<string, unknown>;
};

type UsageRejectReason =
  | RejectReason
  | "unknown_customer"
  | "no_active_subscription"
  | "timestamp_in_future"
  | "timestamp_before_open_period"
  | "invalid_timestamp"
  | "invalid_event";

export type UsageResult =
  | { id: string; status: "accepted"; customerId: string; costAsset: string; costAmount: bigint; overageMicros: bigint; currency: string }
  | { id: string; status: "duplicate" }
  | { id: string; status: "rejected"; reason: UsageRejectReason; message: string };

/** Reasons that mean "the wallet ran out" (what an automatic top-up would fix). */
export const OUT_OF_FUNDS: ReadonlySet<string> = new Set<UsageRejectReason>(["insufficient_credits", "insufficient_balance"]);

function reject(id: string, reason: UsageRejectReason, message: string): UsageResult {
  return { id, status: "rejected", reason, message };
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
    const day = utcDayKey(a.input.timestamp);
    for (const d of a.draws) {
      const key = `${d.accountId}|${a.input.action}|${day}`;
      let g = groups.get(key);
      if (!g) {
        const destination = merchantAccountId(a.ctx.merchantId, DESTINATION[d.kind], a.ctx.plan.currency);
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
  if (typeof e.quantity !== "bigint" || e.quantity <= 0n || e.quantity > MAX_QUANTITY) {
    return reject(e.id, "invalid_quantity", "Quantity must be a whole number from 1 to 10^12.");
  }
  if (!(e.timestamp instanceof Date) || Number.isNaN(e.timestamp.getTime())) return reject(e.id, "invalid_timestamp", "Timestamp is not a valid date.");
  if (e.timestamp.getTime() > now.getTime() + MAX_FUTURE_MS) {
    return reject(e.id, "timestamp_in_future", `Timestamp ${e.timestamp.toISOString()} is more than 5 minutes in the future.`);
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
  const customers = await loadCustomersAt(tx, merchantId, refs, now);

  // Lock the wallets; then nothing they hold can change under us.
  const accounts = await walletAccounts(tx, knownCustomers(customers).map((c) => c.id), { lock: true });

  // Duplicates: recorded before, or repeated within this batch.
  const candidateIds = events.filter((_, i) => !results[i]).map((e) => e.id);
  const seen = new Set(
    candidateIds.length === 0
      ? []
      : (
          await txSql(tx).query<{ event_id: string }>(
            `SELECT event_id FROM usage_event_keys WHERE merchant_id = $1 AND event_id = ANY($2::text[])`,
            merchantId,
            pgArray(candidateIds),
          )
        ).map((r) => r.event_id),
  );

  const { sources, sourceIdsByCustomer } = indexSources(accounts);
  const overageAccrued = new Map<string, bigint>();
  // Which accounts make up each (customer, period) wallet: computed once per batch.
  const walletShapes = new Map<string, { ids: string[]; overage: RatingWallet["overage"] }>();
  const currentOpens = new Map<string, ReturnType<CustomerCtx["openPeriods"]["get"]>>();
  const currentOpen = (ctx: CustomerCtx) => {
    if (!currentOpens.has(ctx.id)) currentOpens.set(ctx.id, ctx.openPeriods.get(ctx.currentPeriodStart.toISOString()));
    return currentOpens.get(ctx.id);
  };
  const accepted: Accepted[] = [];
  const outOfFunds = new Set<string>();

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
      results[i] = reject(
        e.id,
        "no_active_subscription",
        ctx?.status === "suspended"
          ? `Customer "${e.customer}" has its subscription suspended for an unpaid invoice; usage resumes once it is paid.`
          : `Customer "${e.customer}" has no active subscription.`,
      );
      return;
    }
    const t = e.timestamp.getTime();
    // Most events fall in the current period: skip the calendar arithmetic for them.
    const inCurrent = t >= ctx.currentPeriodStart.getTime() && t < ctx.currentPeriodEnd.getTime();
    const open = inCurrent
      ? currentOpen(ctx)
      : ctx.openPeriods.get(periodAt(ctx.anchorAt, ctx.plan.intervalMonths, e.timestamp).start.toISOString());
    if (!open) {
      results[i] = reject(
        e.id,
        "timestamp_before_open_period",
        e.timestamp.getTime() < ctx.anchorAt.getTime()
          ? `Timestamp ${e.timestamp.toISOString()} is before the subscription started (${ctx.anchorAt.toISOString()}).`
          : `Timestamp ${e.timestamp.toISOString()} falls in a billing period that is already closed.`,
      );
      return;
    }
    // Rated by the plan of the event's own period (it may still be the one before a plan change).
    const plan: PlanDef = open.plan;
    const walletKey = `${ctx.id}|${open.start.getTime()}`;
    let shape = walletShapes.get(walletKey);
    if (!shape) {
      const w = walletFor(ctx, open.plan, open.start, sources, sourceIdsByCustomer.get(ctx.id) ?? [], accounts);
      shape = { ids: w.sources.map((x) => x.accountId), overage: w.overage };
      walletShapes.set(walletKey, shape);
    }
    // The wallet as it stands now (earlier events of the batch have drawn on the shared sources).
    let wallet: RatingWallet = { sources: shape.ids.map((id) => sources.get(id)!), overage: shape.overage };
    if (wallet.overage) {
      wallet = { ...wallet, overage: { ...wallet.overage, accruedMicros: wallet.overage.accruedMicros + (overageAccrued.get(wallet.overage.accountId) ?? 0n) } };
    }
    const rated = rateUsage(plan, e.action, e.quantity, wallet, e.timestamp);
    if (!rated.ok) {
      results[i] = reject(e.id, rated.reason, rated.message);
      if (OUT_OF_FUNDS.has(rated.reason)) outOfFunds.add(ctx.id);
      return;
    }
    const after = applyDraws(wallet, rated.draws);
    for (const s of after.sources) sources.set(s.accountId, s as Source);
    for (const d of rated.draws) if (d.kind === "overage") overageAccrued.set(d.accountId, (overageAccrued.get(d.accountId) ?? 0n) + d.amount);
    seen.add(e.id);
    accepted.push({ input: e, ctx, periodStart: open.start, costAsset: rated.costAsset, costAmount: rated.costAmount, overageMicros: rated.overageMicros, draws: rated.draws });
    results[i] = { id: e.id, status: "accepted", customerId: ctx.id, costAsset: rated.costAsset, costAmount: rated.costAmount, overageMicros: rated.overageMicros, currency: ctx.plan.currency };
  });

  const finish = accepted.length > 0 ? await writeAccepted(tx, merchantId, accepted, ledgerAccounts(accounts), now) : null;
  const touched = [...new Set([...accepted.map((a) => a.ctx.id), ...outOfFunds])];
  if (touched.length > 0) await afterUsageRecorded(tx, { merchantId, customerIds: touched, now, outOfFunds: [...outOfFunds] });
  // Last before the commit: the merchant's shared accounts, which every batch of the merchant adds to.
  if (finish) await finish();
  return results as UsageResult[];
}

/** Writes the events and the transfers; returns the write of the merchant's side, for the caller to run last. */
async function writeAccepted(tx: Tx, merchantId: string, accepted: Accepted[], wallets: Map<string, Account>, now: Date) {
  const groups = toTransfers(accepted);
  const records: UsageRecord[] = accepted.map((a) => ({
    eventId: a.input.id,
    customerId: a.ctx.id,
    action: a.input.action,
    quantity: a.input.quantity,
    timestamp: a.input.timestamp,
    properties: a.input.properties ?? {},
    costAsset: a.costAsset,
    costAmount: a.costAmount,
    overageMicros: a.overageMicros,
    periodStart: a.periodStart,
    holdId: null,
    charges: [],
  }));
  for (const g of groups) {
    for (const c of g.charges) records[c.event]!.charges.push({ transferId: g.request.id, asset: g.request.asset, amount: c.amount });
  }
  await writeUsageRecords(tx, merchantId, records);
  // The transfers and the wallets' new totals now; the merchant's destination accounts (revenue,
  // credits used …), which every batch of the merchant shares, in `finish`, last.
  const { outcome, finish } = await postFromLockedAccounts(tx, groups.map((g) => g.request), wallets, now);
  const refused = outcome.results.find((r) => !r.ok);
  // The wallets are locked and the draws were rated against them: a refusal here is a bug.
  if (refused && !refused.ok) throw new Error(`Ledger refused a rated usage transfer: ${refused.code} ${refused.message}`);
  return finish;
}
