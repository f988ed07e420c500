import "server-only";
// Authorize and holds (DESIGN §8 POST /authorize, /holds/{id}/capture|release):
//   authorize — "may customer X run action Y × N now?", rated against the wallet as it stands
//     and the plan's zero-balance policy, with the reason when not and what remains;
//   hold      — the same, with the cost reserved as pending ledger transfers (one per bucket
//     drawn, a linked group) against the *locked* wallet, so two callers never reserve the same
//     balance; recorded as a Hold row;
//   capture   — posts what was used (possibly less: the earliest buckets are charged first, the
//     rest released) and records it as a usage event (cost, charges, daily aggregate);
//   release   — voids the reservation; expiry — a recurring task expires holds past their time.
import { merchantAccountId } from "@/lib/billing/accounts";
import { formatMoney } from "@/lib/billing/money";
import { periodAt } from "@/lib/billing/periods";
import { rateUsage, splitCapture, totalAvailable, type RejectReason } from "@/lib/billing/rating";
import { usageAsset } from "@/lib/billing/plans";
import type { Hold } from "@/lib/db/generated/client";
import { lockRow } from "@/lib/db/lock-row";
import { loadTransfersById } from "@/lib/db/ledger-store";
import { transaction, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import type { LedgerRequest, RequestResult } from "@/lib/ledger";
import type { AssetCode } from "@/lib/ledger/assets";
import { ServiceError } from "../shared/errors";
import { applyLedgerBatch } from "../ledger/ledger";
import { afterUsageRecorded } from "./usage-hooks";
import { DESTINATION, indexSources, loadCustomersAt, walletAccounts, walletFor } from "./usage-context";
import { OUT_OF_FUNDS } from "./usage";
import { writeUsageRecords } from "./usage-records";

const DEFAULT_HOLD_TTL_SECONDS = 900;
const MAX_HOLD_TTL_SECONDS = 86_400;

type HoldErrorCode = "hold_not_pending" | "hold_expired" | "capture_exceeds_hold";

/** An expected refusal of a hold operation (mapped to a 409 / 400 by the API). */
export class HoldError extends Error {
  constructor(
    readonly code: HoldErrorCode,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = "HoldError";
  }
}

export type Authorization = {
  allowed: boolean;
  reason: RejectReason | "no_active_subscription" | null;
  message: string;
  customerId: string;
  action: string;
  quantity: bigint;
  asset: AssetCode | null;
  cost: bigint | null;
  overageMicros: bigint | null;
  available: bigint | null;
  remaining: bigint | null;
  overageCapLeftMicros: bigint | null;
  hold: HoldView | null;
  currency: string; // the plan's: the one overage is reserved and billed in
};

/** A hold as the API shows it: with the currency its overage part is in (the customer's). */
type HoldView = Hold & { currency: string };
const holdView = async (tx: Pick<Tx, "customer">, hold: Hold): Promise<HoldView> => ({ ...hold, currency: (await tx.customer.findUniqueOrThrow({ where: { id: hold.customerId }, select: { currency: true } })).currency });

const fmt = (amount: bigint, asset: string) => formatMoney({ amount, asset }, { exact: true });

export async function authorize(args: {
  merchantId: string;
  customer: string;
  action: string;
  quantity: bigint;
  hold: boolean;
  holdTtlSeconds?: number;
  now?: Date;
}): Promise<Authorization> {
  const now = args.now ?? new Date();
  const ttl = args.holdTtlSeconds ?? DEFAULT_HOLD_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_HOLD_TTL_SECONDS) throw new ServiceError("invalid_input", "hold_ttl_seconds must be 1–86,400.", "hold_ttl_seconds");
  return transaction(async (tx) => {
    const customers = await loadCustomersAt(tx, args.merchantId, [args.customer], now);
    const ctx = customers.get(args.customer);
    if (ctx === undefined) throw new ServiceError("customer_not_found", `No customer "${args.customer}".`, "customer");
    const base = { action: args.action, quantity: args.quantity, hold: null };
    if (ctx === null || ctx.status === "canceled" || ctx.status === "suspended") {
      const ref = args.customer;
      const c = await tx.customer.findFirstOrThrow({
        where: ref.startsWith("ext:") ? { merchantId: args.merchantId, externalId: ref.slice(4) } : { merchantId: args.merchantId, id: ref },
      });
      return {
        ...base,
        allowed: false,
        reason: "no_active_subscription",
        currency: c.currency,
        message:
          ctx?.status === "suspended"
            ? `Customer "${args.customer}" has its subscription suspended for an unpaid invoice; usage resumes once it is paid.`
            : `Customer "${args.customer}" has no active subscription.`,
        customerId: c.id,
        asset: null,
        cost: null,
        overageMicros: null,
        available: null,
        remaining: null,
        overageCapLeftMicros: null,
      };
    }
    const period = periodAt(ctx.anchorAt, ctx.plan.intervalMonths, now);
    const plan = ctx.openPeriods.get(period.start.toISOString())?.plan ?? ctx.plan;
    const asset = usageAsset(plan);
    // Only a hold writes; a plain question reads without locking anyone out.
    const accounts = await walletAccounts(tx, [ctx.id], { lock: args.hold });
    const { sources, sourceIdsByCustomer } = indexSources(accounts);
    const wallet = walletFor(ctx, plan, period.start, sources, sourceIdsByCustomer.get(ctx.id) ?? [], accounts);
    const available = totalAvailable(wallet, now);
    const capLeft = (accrued: bigint) =>
      wallet.overage && wallet.overage.capMicros !== null ? (wallet.overage.capMicros > accrued ? wallet.overage.capMicros - accrued : 0n) : null;
    const action = plan.actions.find((a) => a.code === args.action);
    const rated = rateUsage(plan, args.action, args.quantity, wallet, now);
    if (!rated.ok) {
      // The wallet ran out: the auto top-up follower (if the customer set one) may act on it.
      if (OUT_OF_FUNDS.has(rated.reason)) await afterUsageRecorded(tx, { merchantId: ctx.merchantId, customerIds: [ctx.id], now, outOfFunds: [ctx.id] });
      return {
        ...base,
        allowed: false,
        reason: rated.reason,
        currency: ctx.plan.currency,
        message:
          rated.message +
          (OUT_OF_FUNDS.has(rated.reason) && plan.zeroBalancePolicy === "auto_top_up" ? " An automatic top-up may add more shortly." : ""),
        customerId: ctx.id,
        asset,
        cost: action && rated.reason !== "invalid_quantity" ? args.quantity * action.unitCost : null,
        overageMicros: null,
        available,
        remaining: available,
        overageCapLeftMicros: capLeft(wallet.overage?.accruedMicros ?? 0n),
      };
    }
    const fromWallet = rated.draws.filter((d) => d.kind !== "overage").reduce((s, d) => s + d.amount, 0n);
    const remaining = available - fromWallet;
    const overageWords = rated.overageMicros > 0n ? `, ${fmt(rated.overageMicros, ctx.plan.currency)} of it as overage billed at period end` : "";
    const message = `${rated.action.name} × ${args.quantity} costs ${fmt(rated.costAmount, asset)}${overageWords}; ${fmt(available, asset)} available.`;
    let hold: HoldView | null = null;
    if (args.hold) {
      const holdId = newId("hld");
      const expiresAt = new Date(now.getTime() + ttl * 1000);
      const requests: LedgerRequest[] = rated.draws.map((d, i) => ({
        op: "hold",
        id: `${holdId}:${i}`,
        kind: "usage",
        asset: d.asset,
        amount: d.amount,
        debitAccountId: d.accountId,
        creditAccountId: merchantAccountId(ctx.merchantId, DESTINATION[d.kind], ctx.plan.currency),
        timeoutAt: expiresAt,
        customerId: ctx.id,
        effectiveAt: now,
        refs: { hold: holdId, action: args.action, quantity: args.quantity.toString(), bucket: d.kind, period_start: period.start.toISOString() },
      }));
      const out = await applyLedgerBatch(tx, [{ linked: requests }], now);
      assertApplied(out.results, "hold");
      const created = await tx.hold.create({
        data: {
          id: holdId,
          merchantId: ctx.merchantId,
          customerId: ctx.id,
          action: args.action,
          quantity: args.quantity,
          asset,
          amount: rated.costAmount,
          overageMicros: rated.overageMicros,
          transferIds: requests.map((r) => r.id),
          periodStart: period.start,
          expiresAt,
          createdAt: now,
        },
      });
      hold = { ...created, currency: ctx.plan.currency };
    }
    return {
      ...base,
      allowed: true,
      reason: null,
      currency: ctx.plan.currency,
      message,
      customerId: ctx.id,
      asset,
      cost: rated.costAmount,
      overageMicros: rated.overageMicros,
      available,
      remaining,
      overageCapLeftMicros: capLeft((wallet.overage?.accruedMicros ?? 0n) + rated.overageMicros),
      hold,
    };
  });
}

function assertApplied(results: RequestResult[], what: string) {
  const bad = results.find((r) => !r.ok);
  // The wallet is locked and the hold was rated against it: a refusal here is a bug.
  if (bad && !bad.ok) throw new Error(`Ledger refused a ${what}: ${bad.code} ${bad.message}`);
}

const STATUS_WORDS: Record<string, string> = { captured: "captured", released: "released", expired: "expired" };

/** The hold, locked, if it belongs to this merchant. */
async function lockHold(tx: Tx, merchantId: string, holdId: string): Promise<Hold> {
  if (!(await lockRow(tx, "hold", holdId, { merchantId }))) throw new ServiceError("not_found", `No hold "${holdId}".`);
  return tx.hold.findUniqueOrThrow({ where: { id: holdId } });
}

function assertPending(hold: Hold, now: Date, op: "capture" | "release") {
  if (hold.status !== "pending") {
    const when = hold.resolvedAt ? ` at ${hold.resolvedAt.toISOString()}` : "";
    throw new HoldError("hold_not_pending", `Hold ${hold.id} was already ${STATUS_WORDS[hold.status] ?? hold.status}${when}; there is nothing left to ${op}.`);
  }
  if (op === "capture" && now.getTime() >= hold.expiresAt.getTime()) {
    throw new HoldError(
      "hold_expired",
      `Hold ${hold.id} expired at ${hold.expiresAt.toISOString()}; its amount is released and cannot be captured. Authorize again, or send the usage with POST /usage.`,
    );
  }
}

export async function getHold(merchantId: string, holdId: string, opts: { tx?: Tx } = {}): Promise<HoldView | null> {
  const run = async (tx: Tx) => {
    const hold = await tx.hold.findFirst({ where: { id: holdId, merchantId } });
    return hold && holdView(tx, hold);
  };
  return opts.tx ? run(opts.tx) : transaction(run);
}

export async function captureHold(args: {
  merchantId: string;
  holdId: string;
  quantity?: bigint;
  properties?: Record<string, unknown>;
  now?: Date;
}): Promise<HoldView> {
  const now = args.now ?? new Date();
  return transaction(async (tx) => {
    const hold = await lockHold(tx, args.merchantId, args.holdId);
    assertPending(hold, now, "capture");
    const q = args.quantity ?? hold.quantity;
    if (q < 1n) throw new HoldError("capture_exceeds_hold", "Capture at least 1; release the hold to charge nothing.", "quantity");
    if (q > hold.quantity) {
      throw new HoldError("capture_exceeds_hold", `Cannot capture ${q}: hold ${hold.id} reserved ${hold.quantity}.`, "quantity");
    }
    const transfers = await loadTransfersById(tx, hold.transferIds);
    const ordered = hold.transferIds.map((id) => transfers.get(id)!);
    // The cost is linear in quantity (quantity × unit cost), so the captured part is exact.
    const capturedCost = (hold.amount * q) / hold.quantity;
    const walletHolds = ordered.filter((t) => t.refs.bucket !== "overage");
    const overageHold = ordered.find((t) => t.refs.bucket === "overage");
    const walletTake = splitCapture(
      walletHolds.map((t) => t.amount),
      capturedCost,
    );
    const fromWallet = walletTake.reduce((s, x) => s + x, 0n);
    let overageTake = 0n;
    if (overageHold) {
      // Units beyond the included ones were reserved as money at the overage price.
      const unitsHeld = hold.amount - walletHolds.reduce((s, t) => s + t.amount, 0n);
      overageTake = unitsHeld > 0n ? ((capturedCost - fromWallet) * overageHold.amount) / unitsHeld : 0n;
    }
    const take = new Map<string, bigint>(walletHolds.map((t, i) => [t.id, walletTake[i]!]));
    if (overageHold) take.set(overageHold.id, overageTake);
    const requests: LedgerRequest[] = ordered.map((t) =>
      take.get(t.id)! > 0n
        ? { op: "post", id: `${t.id}:capture`, holdId: t.id, amount: take.get(t.id)!, customerId: hold.customerId, effectiveAt: hold.createdAt }
        : { op: "void", id: `${t.id}:release`, holdId: t.id, customerId: hold.customerId, effectiveAt: hold.createdAt },
    );
    const out = await applyLedgerBatch(tx, [{ linked: requests }], now);
    assertApplied(out.results, "hold capture");
    const charges = out.results.flatMap((r) =>
      r.ok && r.transfer.phase === "post_pending" ? [{ transferId: r.transfer.id, asset: r.transfer.asset, amount: r.transfer.amount }] : [],
    );
    await writeUsageRecords(tx, args.merchantId, [
      {
        eventId: hold.id,
        customerId: hold.customerId,
        action: hold.action,
        quantity: q,
        timestamp: hold.createdAt,
        properties: { ...(args.properties ?? {}), hold: hold.id },
        costAsset: hold.asset,
        costAmount: capturedCost,
        overageMicros: overageTake,
        periodStart: hold.periodStart ?? hold.createdAt,
        holdId: hold.id,
        charges,
      },
    ]);
    const updated = await tx.hold.update({
      where: { id: hold.id },
      data: { status: "captured", capturedAmount: capturedCost, capturedQuantity: q, capturedOverageMicros: overageTake, resolvedAt: now },
    });
    await afterUsageRecorded(tx, { merchantId: args.merchantId, customerIds: [hold.customerId], now });
    return holdView(tx, updated);
  });
}

export async function releaseHold(args: { merchantId: string; holdId: string; now?: Date }): Promise<HoldView> {
  const now = args.now ?? new Date();
  return transaction(async (tx) => {
    const hold = await lockHold(tx, args.merchantId, args.holdId);
    assertPending(hold, now, "release");
    const requests: LedgerRequest[] = hold.transferIds.map((id) => ({ op: "void", id: `${id}:release`, holdId: id, customerId: hold.customerId }));
    const out = await applyLedgerBatch(tx, [{ linked: requests }], now);
    assertApplied(out.results, "hold release");
    return holdView(tx, await tx.hold.update({ where: { id: hold.id }, data: { status: "released", resolvedAt: now } }));
  });
}

/** Expire pending holds past their time (the recurring task). Safe on many workers at once. */
export async function expireDueHolds(now: Date = new Date(), opts: { limit?: number } = {}): Promise<number> {
  const limit = opts.limit ?? 500;
  let total = 0;
  for (;;) {
    const n = await transaction(async (tx) => {
      const due = await tx.$queryRawUnsafe<{ id: string; customer_id: string; transfer_ids: string[] }[]>(
        `SELECT id, customer_id, transfer_ids FROM holds
          WHERE status = 'pending' AND expires_at <= $1
          ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        now,
        limit,
      );
      if (due.length === 0) return 0;
      const requests: LedgerRequest[] = due.flatMap((h) =>
        h.transfer_ids.map((id) => ({ op: "expire" as const, id: `${id}:expire`, holdId: id, customerId: h.customer_id })),
      );
      const out = await applyLedgerBatch(tx, requests, now);
      const bad = out.results.find((r) => !r.ok && r.code !== "hold_not_pending");
      if (bad && !bad.ok) throw new Error(`Ledger refused a hold expiry: ${bad.code} ${bad.message}`);
      await tx.$executeRawUnsafe(`UPDATE holds SET status = 'expired', resolved_at = $2 WHERE id = ANY($1::text[])`, due.map((h) => h.id), now);
      return due.length;
    });
    total += n;
    if (n < limit) return total;
  }
}

/** Pending holds of a customer (the wallet shows them). */
export async function pendingHolds(tx: Pick<Tx, "hold">, customerId: string, limit = 100): Promise<Hold[]> {
  return tx.hold.findMany({ where: { customerId, status: "pending" }, orderBy: { createdAt: "asc" }, take: limit });
}
