// The upcoming invoice preview (DESIGN §7, §9): what the invoice at the end of the current period
// will be if usage continues at the recent rate. Pure: the caller passes the plans, what has been
// used, the recent rate and the clock.
//
// The subscription invoice issued when a period closes bills the next period's fee (of the plan
// that takes effect then) and, on Metered plans, the closing period's overage. So the preview is:
//   • the recurring fee of the next period — none when the subscription is canceled at period end;
//   • Metered with overage: the overage so far, and the overage projected to the period end at the
//     recent rate (never beyond the spending cap);
//   • tax at the merchant's rate, and the total rounded once to whole cents (half-even).
import { invoiceTotals } from "./invoice-math";
import { formatMoney } from "./money";
import { rulesFor } from "./models";
import { usageAsset, type PlanDef } from "./plans";
import { formatDate } from "@/lib/format/dates";
import { renewalInvoiceAt } from "./renewal";
import { billingWords } from "./words";

export type UpcomingLine = {
  kind: "fee" | "overage_so_far" | "overage_projected";
  description: string;
  amountMicros: bigint;
  /** Overage lines: API calls (units of the meter). */
  units?: bigint;
};

export type UpcomingInput = {
  now: Date;
  periodStart: Date;
  periodEnd: Date;
  /** The period after this one (the fee on the invoice pays for it). */
  nextPeriodEnd: Date;
  plan: PlanDef;
  /** A plan change scheduled for the period end. */
  pendingPlan: PlanDef | null;
  cancelAtPeriodEnd: boolean;
  taxRateBps: number;
  /** Metered only: included units left, overage so far, the cap, and the recent usage rate. */
  metered?: {
    includedLeft: bigint;
    overageMicros: bigint;
    capMicros: bigint | null;
    /** Units used over `windowMs` (the forecast's last-7-days window). */
    windowUnits: bigint;
    windowMs: number;
  } | null;
  locale?: string;
  /** The plan's late-usage window: a Metered period is invoiced when it closes, this long after its end. */
  graceHours: number;
};

export type UpcomingInvoice = {
  /** When it is issued and charged (renewalInvoiceAt: the period end, or its close on Metered plans). */
  date: Date;
  lines: UpcomingLine[];
  subtotalMicros: bigint;
  taxMicros: bigint;
  totalCents: bigint;
  /** Plain-word notes (in `locale`'s language, like the lines): a pending plan change, a cancel at period end, how the projection is made. */
  notes: string[];
};

export function upcomingInvoice(input: UpcomingInput): UpcomingInvoice {
  const { plan, pendingPlan, now, periodEnd } = input;
  const locale = input.locale ?? "en-US";
  const usd = (m: bigint, exact = false) => formatMoney({ amount: m, asset: plan.currency }, { locale, exact });
  const calls = (n: bigint) => formatMoney({ amount: n, asset: usageAsset(plan) }, { locale });
  const rules = rulesFor(plan);
  const date = (d: Date) => formatDate(d, locale);
  const t = billingWords(locale);
  const lines: UpcomingLine[] = [];
  const notes: string[] = [];

  const nextPlan = pendingPlan ?? plan;
  if (input.cancelAtPeriodEnd) {
    notes.push(t(rules.tracksOverage ? "upcoming.endsOverage" : "upcoming.ends", { date: date(periodEnd) }));
  } else {
    if (nextPlan.priceMicros > 0n) {
      lines.push({ kind: "fee", description: t("upcoming.fee", { plan: nextPlan.name, from: date(periodEnd), to: date(input.nextPeriodEnd) }), amountMicros: nextPlan.priceMicros });
    }
    if (pendingPlan) notes.push(t("upcoming.planChanges", { from: plan.name, to: pendingPlan.name, date: date(periodEnd) }));
  }

  const m = input.metered;
  const price = rules.overageUnitPrice(plan);
  if (price !== null && m) {
    const soFarUnits = price > 0n ? m.overageMicros / price : 0n;
    if (m.overageMicros > 0n) {
      lines.push({ kind: "overage_so_far", description: t("upcoming.overageSoFar", { units: calls(soFarUnits), price: usd(price, true) }), amountMicros: m.overageMicros, units: soFarUnits });
    }
    const leftMs = BigInt(Math.max(0, periodEnd.getTime() - now.getTime()));
    // Units expected between now and the period end at the recent rate (rounded down: no unit is invented).
    const expected = m.windowMs > 0 ? (m.windowUnits * leftMs) / BigInt(m.windowMs) : 0n;
    let projectedUnits = expected > m.includedLeft ? expected - m.includedLeft : 0n;
    let projectedMicros = projectedUnits * price;
    if (m.capMicros !== null) {
      const room = m.capMicros > m.overageMicros ? m.capMicros - m.overageMicros : 0n;
      if (projectedMicros > room) {
        projectedUnits = price > 0n ? room / price : 0n;
        projectedMicros = projectedUnits * price;
        notes.push(t("upcoming.capLimits", { cap: usd(m.capMicros) }));
      }
    }
    if (projectedMicros > 0n) {
      lines.push({
        kind: "overage_projected",
        description: t("upcoming.projected", { date: date(periodEnd), units: calls(projectedUnits), price: usd(price, true) }),
        amountMicros: projectedMicros,
        units: projectedUnits,
      });
    }
    notes.push(t("upcoming.projectedFrom"));
  }

  const issueAt = renewalInvoiceAt(plan.model, periodEnd, input.graceHours);
  if (issueAt.getTime() !== periodEnd.getTime()) {
    notes.push(t("upcoming.issuedLate", { date: date(issueAt), hours: input.graceHours, end: date(periodEnd) }));
  }
  const totals = invoiceTotals(lines, input.taxRateBps, plan.currency);
  return { date: issueAt, lines, subtotalMicros: totals.subtotalMicros, taxMicros: totals.taxMicros, totalCents: totals.totalCents, notes };
}
