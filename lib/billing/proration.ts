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
import { isCurrency, type AssetCode } from "@/lib/ledger/assets";
import { invoiceTotals } from "./invoice-math";
import { divRoundHalfEven, formatMoney, USD_MICROS_PER_CENT } from "./money";
import { rulesFor } from "./models";
import { modelWord } from "./models/shared";
import { usageAsset, type PlanDef } from "./plans";
import { formatDate } from "@/lib/format/dates";
import { billingWords } from "./words";
import { actionName, actionUnit } from "./action-words";

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

/** The smallest allowance a customer counts, per asset, in minor units (CREDIT scale 3, USD scale 6). */
const ALLOWANCE_UNIT: Partial<Record<AssetCode, bigint>> = { CREDIT: 1_000n };
/** Money allowances are counted in whole minor units (a cent, a yen): 10,000 ledger units. */
const allowanceUnit = (asset: AssetCode): bigint | undefined => ALLOWANCE_UNIT[asset] ?? (isCurrency(asset) ? USD_MICROS_PER_CENT : undefined);

/** The allowance a plan grants each period, in its allowance asset. */
export function periodAllowance(plan: PlanDef): { asset: AssetCode; amount: bigint } | null {
  return rulesFor(plan).periodAllowance(plan);
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
    // Pro-rated like the charge, then rounded (half to even) to what the customer counts in:
    // whole credits, whole cents of balance, whole calls — never "2,999.997 credits".
    const unit = allowanceUnit(after.asset) ?? 1n;
    const amount = diff > 0n ? divRoundHalfEven(diff * left, total * unit) * unit : 0n;
    extraAllowance = amount > 0n ? { asset: after.asset, amount } : null;
  }
  return { kind: "now", effectiveAt: at, chargeMicros, extraAllowance, remainingMs: Number(left), periodMs };
}

/** The rule in plain words, for the plan page, in the reader's language. */
export function prorationRule(locale = "en-US"): string[] {
  const t = billingWords(locale);
  return [t("planChange.rule.upgrade"), t("planChange.rule.declined"), t("planChange.rule.periodEnd"), t("planChange.rule.cancel")];
}

/** The rule in English (prorationRule names the language). */
export const PRORATION_RULE = prorationRule();

// ───────────────────────────── plan page ─────────────────────────────

const DAY_MS = 86_400_000;

/** Whole days left in the period, counted up ("3 days left" from 2.1 days): display only. */
export function daysLeft(at: Date, periodEnd: Date): number {
  const ms = periodEnd.getTime() - at.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}

export type ChargeNow = {
  subtotalMicros: bigint;
  taxMicros: bigint;
  /** The amount the card is charged: subtotal + tax rounded once, half-even, to what a card takes in the currency. */
  totalCents: bigint;
};

/**
 * What an immediate upgrade charges now, with the merchant's tax. A difference that rounds to no
 * cents is not charged at all: the upgrade then applies at once for free.
 */
export function chargeNow(preview: ChangePreview, taxRateBps: number, currency: string): ChargeNow | null {
  if (preview.kind !== "now") return null;
  const t = invoiceTotals([{ amountMicros: preview.chargeMicros }], taxRateBps, currency);
  return { subtotalMicros: t.subtotalMicros, taxMicros: t.taxMicros, totalCents: t.totalCents };
}

/** What a plan includes each period, in plain words ("10,000 API calls included", "1,000 credits"), in the reader's language. */
export function describeAllowance(plan: PlanDef, locale = "en-US"): string {
  const f = (amount: bigint, asset: AssetCode) => formatMoney({ amount, asset }, { locale, exact: true });
  return rulesFor(plan).describeAllowance(plan, { t: billingWords(locale), f });
}

/**
 * What changes when moving from one plan to another, in plain words (in the reader's language):
 * the model, the allowance, the prices of actions, and what happens to what the customer holds now.
 */
export function describePlanChange(args: {
  from: PlanDef;
  to: PlanDef;
  preview: ChangePreview;
  /** What the customer holds now, in the current plan's usage asset (credits, balance), if any. */
  held?: { planCredits?: bigint; purchasedCredits?: bigint; balanceMicros?: bigint };
  locale?: string;
}): string[] {
  const { from, to, preview } = args;
  const locale = args.locale ?? "en-US";
  const f = (amount: bigint, asset: AssetCode) => formatMoney({ amount, asset }, { locale, exact: true });
  const t = billingWords(locale);
  const date = preview.kind === "refused" ? "" : formatDate(preview.effectiveAt, locale);
  const out: string[] = [];
  out.push(t("planChange.price", { from: f(from.priceMicros, from.currency), to: f(to.priceMicros, to.currency), months: to.intervalMonths }));
  if (from.model !== to.model) out.push(t("planChange.kind", { from: modelWord(from.model, "kind", locale), to: modelWord(to.model, "kind", locale) }));
  out.push(t("planChange.allowance", { from: describeAllowance(from, locale), to: describeAllowance(to, locale) }));
  // Action prices that differ (or appear / disappear). Names and units are the merchant's words (translated where it gave them).
  const toAsset = usageAsset(to);
  for (const a of to.actions) {
    const old = from.model === to.model ? from.actions.find((x) => x.code === a.code) : undefined;
    const [name, unit] = [actionName(a, locale), actionUnit(a, 1n, locale)];
    if (!old) out.push(t("planChange.actionNew", { name, cost: f(a.unitCost, toAsset), unit }));
    else if (old.unitCost !== a.unitCost) out.push(t("planChange.actionChanged", { name, from: f(old.unitCost, toAsset), to: f(a.unitCost, toAsset), unit }));
  }
  const held = args.held ?? {};
  if (preview.kind === "now") {
    const extra = preview.extraAllowance ? f(preview.extraAllowance.amount, preview.extraAllowance.asset) : null;
    out.push(rulesFor(from).upgradeKeepsWords(extra, t));
  } else if (preview.kind === "period_end") {
    out.push(t("planChange.keepUntil", { date, plan: from.name }));
    out.push(...rulesFor(from).periodEndWords({ from, to, date, held, t, f }));
  }
  return out;
}
