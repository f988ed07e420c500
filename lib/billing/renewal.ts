// The subscription invoice of a closed period and the dunning schedule, as pure functions
// (DESIGN §5, §7). A period's close invoices the next period's recurring fee (in advance) and the
// closed period's overage (in arrears), each line in product words that match the ledger. A
// failed renewal is retried on the plan's schedule (days after the first failure); after the last
// retry the plan's rule (cancel or suspend) applies.
import { formatMoney } from "./money";
import { formatDate } from "@/lib/format/dates";
import { rulesFor } from "./models";
import { billingWords, listOf } from "./words";
import type { ConsumptionModel } from "./plans";

export type RenewalLine = {
  description: string;
  quantity: bigint;
  unitLabel: string;
  unitPriceMicros: bigint | null;
  amountMicros: bigint;
  refs: Record<string, string>;
};

const day = (d: Date, locale: string) => formatDate(d, locale);

/**
 * When the renewal invoice of a period that ends at `periodEnd` is issued and charged: a Metered
 * period bills its overage in arrears, so it waits until the period closes (`graceHours` after
 * its end, when late usage stops being accepted); the others are invoiced as soon as they end.
 * (The billing cycle's query in lib/services/cycle/billing-cycle.ts applies the same rule.)
 */
export function renewalInvoiceAt(model: ConsumptionModel, periodEnd: Date, graceHours: number): Date {
  return rulesFor(model).invoicesAfterClose ? new Date(periodEnd.getTime() + graceHours * 3_600_000) : periodEnd;
}

/** "Jan 31, 2028 – Feb 29, 2028" (UTC, end exclusive shown as the renewal instant's day). */
export function periodWords(start: Date, end: Date, locale = "en-US"): string {
  return `${day(start, locale)} – ${day(end, locale)}`;
}

export type RenewalInput = {
  locale?: string;
  /** The subscription's currency (ISO 4217): every amount of the invoice is in it. */
  currency: string;
  /** The next period's plan and dates, or null when the subscription ends with the closed period. */
  /** planId: the version renewed into (the invoice's fee line names it). */
  next: { planName: string; planCode: string; planId?: string; model: ConsumptionModel; priceMicros: bigint; start: Date; end: Date } | null;
  /** The closed period's overage (Metered plans): what the overage account accrued. */
  overage: {
    planName: string;
    /** Units over the included amount, and the unit's asset (API_CALL …) for the words. */
    units: bigint;
    meterAsset: string;
    includedUnits: bigint;
    unitPriceMicros: bigint;
    amountMicros: bigint;
    start: Date;
    end: Date;
  } | null;
};

/** The lines of a renewal invoice (none when nothing is owed). */
export function renewalLines(input: RenewalInput): RenewalLine[] {
  const locale = input.locale ?? "en-US";
  // Issued in the customer's language: an invoice is a document, kept as it was sent.
  const say = billingWords(locale);
  const lines: RenewalLine[] = [];
  const n = input.next;
  if (n && n.priceMicros > 0n) {
    const what = rulesFor(n.model).feeLineNote(n.priceMicros, locale, input.currency);
    lines.push({
      description: say("invoice.feeLine", { plan: n.planName, period: periodWords(n.start, n.end, locale) }) + what,
      quantity: 1n,
      unitLabel: "period",
      unitPriceMicros: n.priceMicros,
      amountMicros: n.priceMicros,
      refs: { line: "fee", plan: n.planCode, ...(n.planId ? { plan_id: n.planId } : {}), period_start: n.start.toISOString(), period_end: n.end.toISOString() },
    });
  }
  const o = input.overage;
  if (o && o.amountMicros > 0n) {
    const units = formatMoney({ amount: o.units, asset: o.meterAsset }, { locale });
    const included = new Intl.NumberFormat(locale).format(o.includedUnits);
    const price = formatMoney({ amount: o.unitPriceMicros, asset: input.currency }, { locale, exact: true });
    lines.push({
      description: say("invoice.overageLine", { units, included, price, period: periodWords(o.start, o.end, locale) }),
      quantity: o.units,
      unitLabel: o.meterAsset === "API_CALL" ? "API call" : "unit",
      unitPriceMicros: o.unitPriceMicros,
      amountMicros: o.amountMicros,
      refs: { line: "overage", period_start: o.start.toISOString(), period_end: o.end.toISOString(), units: o.units.toString() },
    });
  }
  return lines;
}

export type DunningStep =
  | { kind: "retry"; attempt: number; at: Date }
  | { kind: "final" };

/**
 * After automatic attempt `attempt` failed (0 = the renewal charge itself), what comes next:
 * the next retry `retryDays[attempt]` days after the first failure, or the plan's final rule.
 */
export function nextDunningStep(retryDays: readonly number[], attempt: number, firstFailureAt: Date): DunningStep {
  if (attempt < 0 || !Number.isInteger(attempt)) throw new Error(`Bad dunning attempt ${attempt}`);
  const days = retryDays[attempt];
  if (days === undefined) return { kind: "final" };
  return { kind: "retry", attempt: attempt + 1, at: new Date(firstFailureAt.getTime() + days * 86_400_000) };
}

/** The plan's rule in plain words, for the portal and the emails, in the reader's language. */
export function dunningRuleWords(rule: "cancel" | "suspend", retryDays: readonly number[], locale = "en-US"): string {
  const t = billingWords(locale);
  if (retryDays.length === 0) return t(rule === "cancel" ? "dunning.cancel" : "dunning.suspend");
  const n = new Intl.NumberFormat(locale);
  return t(rule === "cancel" ? "dunning.retriedCancel" : "dunning.retriedSuspend", {
    count: retryDays.length,
    days: listOf(retryDays.map((d) => n.format(d)), locale),
    lastDay: retryDays[retryDays.length - 1]!,
  });
}
