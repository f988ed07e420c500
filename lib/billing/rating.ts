// Rating: what one usage event costs and which wallet buckets pay for it (DESIGN §2, §5).
// Pure: the caller passes the wallet as it stands (accounts locked) and applies the draws.
//   Metered — units count against the included amount; the rest accrues as overage money,
//             within the customer's spending cap (reaching it acts as block).
//   Credits — the burn table in milli-credits; plan credits first, then purchased lots, the
//             soonest expiring first.
//   Balance — the price table in USD micros, from the money balance.
// An event is all-or-nothing: either its whole cost is drawn, or it is refused with a reason.
import { MAX_AMOUNT } from "@/lib/ledger/apply";
import type { AssetCode } from "@/lib/ledger/assets";
import { formatMoney } from "./money";
import { rulesFor } from "./models";
import { usageAsset, type PlanAction, type PlanDef } from "./plans";
import type { RejectReason } from "./terms";

export type { RejectReason };

export type SourceKind = "included" | "plan_credits" | "lot" | "balance";

export type Source = {
  accountId: string;
  asset: AssetCode;
  kind: SourceKind;
  /** What can be spent now (posted − held). */
  available: bigint;
  expiresAt: Date | null;
};

export type RatingWallet = {
  sources: Source[];
  /** Metered only: this period's overage account, what it has accrued, and the customer's cap. */
  overage: { accountId: string; accruedMicros: bigint; capMicros: bigint | null } | null;
};

/** Part of an event's cost taken from one account. `overage` draws add to the receivable. */
export type Draw = { accountId: string; asset: AssetCode; amount: bigint; kind: SourceKind | "overage" };

export type Rated =
  | { ok: true; action: PlanAction; costAsset: AssetCode; costAmount: bigint; overageMicros: bigint; draws: Draw[] }
  | { ok: false; reason: RejectReason; message: string };

/** Plan credits first, then purchased lots by soonest expiry (never-expiring last). */
export function spendOrder(sources: readonly Source[]): Source[] {
  const rank = (s: Source) => (s.kind === "plan_credits" || s.kind === "included" ? 0 : s.kind === "lot" ? 1 : 2);
  return [...sources].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    if (ea !== eb) return ea - eb;
    return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
  });
}

/** Lots past their expiry cannot be spent, even before the expiry job has run. */
export function spendableSources(wallet: RatingWallet, at: Date): Source[] {
  return spendOrder(wallet.sources.filter((s) => s.expiresAt === null || s.expiresAt.getTime() > at.getTime()));
}

export function totalAvailable(wallet: RatingWallet, at: Date): bigint {
  return spendableSources(wallet, at).reduce((sum, s) => sum + (s.available > 0n ? s.available : 0n), 0n);
}

/** The most one usage event, hold or check may ask for (the API, the service and rating all use it). */
export const MAX_QUANTITY = 1_000_000_000_000n;

export function rateUsage(plan: PlanDef, actionCode: string, quantity: bigint, wallet: RatingWallet, at: Date): Rated {
  const action = plan.actions.find((a) => a.code === actionCode);
  if (!action) {
    return { ok: false, reason: "unknown_action", message: `Plan ${plan.code} has no action "${actionCode}".` };
  }
  if (typeof quantity !== "bigint" || quantity <= 0n || quantity > MAX_QUANTITY) {
    return { ok: false, reason: "invalid_quantity", message: "Quantity must be a whole number from 1 to 10^12." };
  }
  const asset = usageAsset(plan);
  const cost = quantity * action.unitCost;
  if (cost > MAX_AMOUNT) return { ok: false, reason: "invalid_quantity", message: "Quantity is too large." };

  const draws: Draw[] = [];
  let left = cost;
  for (const s of spendableSources(wallet, at)) {
    if (left === 0n) break;
    if (s.asset !== asset || s.available <= 0n) continue;
    const take = s.available < left ? s.available : left;
    draws.push({ accountId: s.accountId, asset, amount: take, kind: s.kind });
    left -= take;
  }

  let overageMicros = 0n;
  if (left > 0n) {
    const fmt = (amount: bigint, a: AssetCode) => formatMoney({ amount, asset: a }, { exact: true });
    const rules = rulesFor(plan);
    const overagePrice = rules.overageUnitPrice(plan);
    if (overagePrice !== null && wallet.overage) {
      overageMicros = left * overagePrice;
      const { accruedMicros, capMicros } = wallet.overage;
      if (capMicros !== null && accruedMicros + overageMicros > capMicros) {
        return {
          ok: false,
          reason: "spending_cap_reached",
          message: `This would bring overage to ${fmt(accruedMicros + overageMicros, plan.currency)}, over the cap of ${fmt(capMicros, plan.currency)} set for this period.`,
        };
      }
      if (overageMicros > 0n) draws.push({ accountId: wallet.overage.accountId, asset: plan.currency, amount: overageMicros, kind: "overage" });
    } else {
      const have = cost - left;
      return {
        ok: false,
        reason: rules.shortfallReason,
        message: `${action.name} × ${quantity} costs ${fmt(cost, asset)}; ${fmt(have, asset)} available.`,
      };
    }
  }
  return { ok: true, action, costAsset: asset, costAmount: cost, overageMicros, draws };
}

/** The wallet after these draws (so the next event of a batch sees them). */
export function applyDraws(wallet: RatingWallet, draws: readonly Draw[]): RatingWallet {
  const taken = new Map<string, bigint>();
  let overage = 0n;
  for (const d of draws) {
    if (d.kind === "overage") overage += d.amount;
    else taken.set(d.accountId, (taken.get(d.accountId) ?? 0n) + d.amount);
  }
  return {
    sources: wallet.sources.map((s) => (taken.has(s.accountId) ? { ...s, available: s.available - taken.get(s.accountId)! } : s)),
    overage: wallet.overage && { ...wallet.overage, accruedMicros: wallet.overage.accruedMicros + overage },
  };
}

/**
 * Split a capture of `captured` (≤ the held total) over the holds, in the order they were drawn:
 * the earliest buckets are charged first, the rest released.
 */
export function splitCapture(held: readonly bigint[], captured: bigint): bigint[] {
  let left = captured;
  return held.map((h) => {
    const take = h < left ? h : left;
    left -= take;
    return take;
  });
}
