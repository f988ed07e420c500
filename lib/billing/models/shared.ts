// Rules the two top-up models (Credits, Balance) share: they never bill overage. And the words
// every model names itself with.
import { displayLocale } from "@/lib/i18n/locale-scope";
import type { ConsumptionModel, PlanBase } from "../terms";
import { billingWords, type Say } from "../words";

export function noOverage(p: Pick<PlanBase, "zeroBalancePolicy">): string[] {
  return p.zeroBalancePolicy === "overage" ? ["only metered plans bill overage; credits and balance plans block or top up"] : [];
}

/** Share of `part` in `whole` as a display percentage (0–100, one decimal): display only. */
export function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  const p = (part * 1000n) / whole;
  return Math.min(1000, Math.max(0, Number(p))) / 10;
}

/** "When you run out, …" for a plan that blocks or tops up; `buyMore` names what the customer does then. */
export function whenRunOut(p: Pick<PlanBase, "zeroBalancePolicy">, buyMore: "buyPack" | "addFunds", t: Say): string {
  return t(p.zeroBalancePolicy === "auto_top_up" ? "policies.whenRunOut.autoTopUp" : `policies.whenRunOut.${buyMore}`);
}

/** What a model calls itself and its parts, by key of messages' `models.<model>`. */
type ModelWordKey = "label" | "kind" | "spentLabel" | "usageWord" | "allowanceNoun" | "keeps";

/** A model's own word in a locale: `modelWord("credits", "spentLabel", "de-DE")` → "In diesem Zeitraum genutzt". */
export function modelWord(model: ConsumptionModel, key: ModelWordKey, locale: string): string {
  return billingWords(locale)(`models.${model}.${key}`);
}

/** The same, in the language of the portal request asking (English outside one): for the rules' word fields. */
export function scopedWord(model: ConsumptionModel, key: ModelWordKey): string {
  return modelWord(model, key, displayLocale(null));
}
