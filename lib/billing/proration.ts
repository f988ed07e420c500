// Changing plan mid-period (DESIGN §7): what changes and what it costs now. Pure.
//
// The rule, as the portal states it:
//   • Upgrade within the same consumption model (a higher price): takes effect now. You pay the
//     price difference for the rest of the period, pro-rated by time:
//         (new price − old price) × time left / period length
//     and receive the difference in allowance (plan credits, included calls or balance), pro-rated
//     the same way. The next period is billed at the new price.
//   • Downgrade, same price, or a different consumption model: takes effect at the end of the
//     period. Nothing is charged or refunded now; what you have stays until then.
// Amounts are exact to the micro-dollar / milli-credit (half to even); the invoice total is rounded
// to whole cents by the one rounding rule.
import type { AssetCode } from "@/lib/ledger/assets";
import { divRoundHalfEven } from "./money";
import { usageAsset, type PlanDef } from "./plans";

export type ChangePreview =
  | {
      kind: "now";
      effectiveAt: Date;
      /** Pro-rated price difference to charge now, USD micros. */
      chargeMicros: bigint;
      /** Pro-rated extra allowance granted now, in the plan's allowance asset. */
      extraAllowance: { asset: AssetCode; amount: bigint } | null;
      /** Share of the period left, as the fraction remainingMs / periodMs. */
      remainingMs: number;
      periodMs: number;
    }
  | { kind: "period_end"; effectiveAt: Date; reason: "downgrade" | "same_price" | "different_model" }
  | { kind: "refused"; reason: "same_plan" | "period_over" };

/** The allowance a plan grants each period, in its allowance asset. */
export function periodAllowance(plan: PlanDef): { asset: AssetCode; amount: bigint } | null {
  switch (plan.model) {
    case "metered":
      return plan.includedUnits ? { asset: usageAsset(plan), amount: plan.includedUnits } : null;
    case "credits":
      return plan.allowanceMilli ? { asset: "CREDIT", amount: plan.allowanceMilli } : null;
    case "balance":
      return plan.grantMicros ? { asset: "USD", amount: plan.grantMicros } : null;
  }
}

export function previewPlanChange(args: { from: PlanDef; to: PlanDef; periodStart: Date; periodEnd: Date; at: Date }): ChangePreview {
  const { from, to, periodStart, periodEnd, at } = args;
  if (from.code === to.code) return { kind: "refused", reason: "same_plan" };
  const periodMs = periodEnd.getTime() - periodStart.getTime();
  const remainingMs = periodEnd.getTime() - at.getTime();
  if (remainingMs <= 0 || periodMs <= 0) return { kind: "refused", reason: "period_over" };
  if (from.model !== to.model) return { kind: "period_end", effectiveAt: periodEnd, reason: "different_model" };
  if (to.priceMicros < from.priceMicros) return { kind: "period_end", effectiveAt: periodEnd, reason: "downgrade" };
  if (to.priceMicros === from.priceMicros) return { kind: "period_end", effectiveAt: periodEnd, reason: "same_price" };

  const left = BigInt(Math.min(remainingMs, periodMs));
  const total = BigInt(periodMs);
  const chargeMicros = divRoundHalfEven((to.priceMicros - from.priceMicros) * left, total);
  const before = periodAllowance(from);
  const after = periodAllowance(to);
  let extraAllowance: { asset: AssetCode; amount: bigint } | null = null;
  if (after && (!before || before.asset === after.asset)) {
    const diff = after.amount - (before?.amount ?? 0n);
    const amount = diff > 0n ? divRoundHalfEven(diff * left, total) : 0n;
    extraAllowance = amount > 0n ? { asset: after.asset, amount } : null;
  }
  return { kind: "now", effectiveAt: at, chargeMicros, extraAllowance, remainingMs: Number(left), periodMs };
}

/** The rule in plain words, for the plan page. */
export const PRORATION_RULE = [
  "Upgrading within the same kind of plan takes effect now: you pay the price difference for the rest of this period, pro-rated by time, and get the extra allowance pro-rated the same way.",
  "Downgrading, or moving to a plan of another kind (metered, credits or balance), takes effect at the end of this period; nothing is charged or refunded now.",
];
