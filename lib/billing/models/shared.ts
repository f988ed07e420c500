// Rules the two top-up models (Credits, Balance) share: they never bill overage.
import type { PlanBase } from "../plans";

export function noOverage(p: Pick<PlanBase, "zeroBalancePolicy">): string[] {
  return p.zeroBalancePolicy === "overage" ? ["only metered plans bill overage; credits and balance plans block or top up"] : [];
}

/** "When you run out, …" for a plan that blocks or tops up. */
export function whenRunOut(p: Pick<PlanBase, "zeroBalancePolicy">, buyMore: string): string {
  return p.zeroBalancePolicy === "auto_top_up"
    ? "When you run out, your automatic top-up buys more."
    : `When you run out, actions are refused until you ${buyMore}.`;
}
