// Rules the two top-up models (Credits, Balance) share: they never bill overage.
import type { PlanBase } from "../terms";

export function noOverage(p: Pick<PlanBase, "zeroBalancePolicy">): string[] {
  return p.zeroBalancePolicy === "overage" ? ["only metered plans bill overage; credits and balance plans block or top up"] : [];
}

/** Share of `part` in `whole` as a display percentage (0–100, one decimal): display only. */
export function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  const p = (part * 1000n) / whole;
  return Math.min(1000, Math.max(0, Number(p))) / 10;
}

/** "When you run out, …" for a plan that blocks or tops up. */
export function whenRunOut(p: Pick<PlanBase, "zeroBalancePolicy">, buyMore: string): string {
  return p.zeroBalancePolicy === "auto_top_up"
    ? "When you run out, your automatic top-up buys more."
    : `When you run out, actions are refused until you ${buyMore}.`;
}
