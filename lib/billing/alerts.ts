// The alerts a customer sets (DESIGN §5): usage at chosen percentages of the included usage or
// allowance, a low-balance threshold, overage beginning and the spending cap reached — "no silent
// overage". Pure: given the wallet as it stands, which alerts are due, each with a dedupe key so
// it fires once (per period, or per crossing for low balance).
import type { AssetCode } from "@/lib/ledger/assets";
import { formatMoney } from "./money";
import type { ConsumptionModel, ZeroBalancePolicy } from "./plans";
import { formatDate } from "@/lib/format/dates";
import { rulesFor } from "./models";
import { modelWord } from "./models/shared";

export const ALERT_PERCENT_CHOICES = [25, 50, 75, 80, 90, 100] as const;
export const MAX_ALERT_PERCENTS = 10;

export type AlertState = {
  model: ConsumptionModel;
  /** The plan's currency (ISO 4217): overage and caps are in it. */
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  /** Metered: included units; Credits: the period's plan credits. Null for Balance plans. */
  allowance: { asset: AssetCode; granted: bigint; used: bigint } | null;
  percents: readonly number[];
  /** What can be spent now, and everything ever credited to those accounts (a new top-up or
   *  grant changes it, which re-arms the low-balance alert). */
  usable: { asset: AssetCode; available: bigint; credited: bigint } | null;
  lowBalanceThreshold: bigint | null;
  overage: { policy: ZeroBalancePolicy; unitPriceMicros: bigint; accruedMicros: bigint; capMicros: bigint | null } | null;
};

export type DueAlert = {
  type: "usage.threshold" | "balance.low";
  dedupeKey: string;
  title: string;
  body: string;
  data: Record<string, string | number | null>;
};

export function dueAlerts(s: AlertState, locale = "en-US"): DueAlert[] {
  const out: DueAlert[] = [];
  const period = s.periodStart.toISOString();
  const f = (amount: bigint, asset: AssetCode) => formatMoney({ amount, asset }, { locale });
  const renews = formatDate(s.periodEnd, locale);
  const rules = rulesFor(s.model);
  // An alert is recorded with its words and sent as the webhook event's: English words, the
  // customer's figures (lib/services/webhooks/notification-words.ts words the emails).
  const noun = modelWord(s.model, "allowanceNoun", "en-US");
  const billsOverage = rules.tracksOverage && s.overage?.policy === "overage";

  if (s.allowance && s.allowance.granted > 0n) {
    const { granted, used, asset } = s.allowance;
    for (const pct of [...new Set(s.percents)].sort((a, b) => a - b)) {
      if (used * 100n < granted * BigInt(pct)) continue;
      const tail =
        pct < 100 ? `It resets on ${renews}.`
        : billsOverage ? `Further calls are billed as overage (${formatMoney({ amount: s.overage!.unitPriceMicros, asset: s.currency }, { locale, exact: true })} each) at the end of the period.`
        : rules.exhaustedWords(renews);
      out.push({
        type: "usage.threshold",
        dedupeKey: `usage.threshold:${pct}:${period}`,
        title: pct >= 100 ? `You have used all your ${noun}` : `You have used ${pct}% of your ${noun}`,
        body: `${f(used > granted ? granted : used, asset)} of ${f(granted, asset)} used this period. ${tail}`,
        data: { percent: pct, used: used.toString(), granted: granted.toString(), asset, period_start: period },
      });
    }
  }

  if (billsOverage && s.overage && s.overage.accruedMicros > 0n) {
    const { accruedMicros, capMicros, unitPriceMicros } = s.overage;
    out.push({
      type: "usage.threshold",
      dedupeKey: `usage.overage:${period}`,
      title: "Overage has started",
      body: `Your included API calls are used up; further calls cost ${formatMoney({ amount: unitPriceMicros, asset: s.currency }, { locale, exact: true })} each, billed at the end of the period.${capMicros === null ? " You can set a spending cap in Settings." : ` Your spending cap is ${f(capMicros, s.currency)}.`}`,
      data: { kind: "overage_started", accrued_micros: accruedMicros.toString(), period_start: period },
    });
    if (capMicros !== null && accruedMicros + unitPriceMicros > capMicros) {
      out.push({
        type: "usage.threshold",
        dedupeKey: `usage.cap:${capMicros}:${period}`,
        title: "Spending cap reached",
        body: `Overage has reached your ${f(capMicros, s.currency)} cap: further calls are refused until ${renews}, unless you raise the cap.`,
        data: { kind: "cap_reached", accrued_micros: accruedMicros.toString(), cap_micros: capMicros.toString(), period_start: period },
      });
    }
  }

  if (s.usable && s.lowBalanceThreshold !== null && s.usable.available < s.lowBalanceThreshold) {
    const { asset, available, credited } = s.usable;
    const { what, action } = rules.lowBalanceWords ?? { what: "balance", action: "Add funds" };
    out.push({
      type: "balance.low",
      dedupeKey: `balance.low:${s.lowBalanceThreshold}:${credited}`,
      title: `Low ${what}: ${f(available, asset)} left`,
      body: `Your ${what} fell below the ${f(s.lowBalanceThreshold, asset)} alert you set. ${action} to keep your actions running.`,
      data: { available: available.toString(), threshold: s.lowBalanceThreshold.toString(), asset },
    });
  }
  return out;
}
