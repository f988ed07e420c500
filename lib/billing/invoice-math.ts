// Invoice arithmetic (DESIGN §3, §7): lines in micros, tax half-even to the micro, the total
// rounded once to whole cents (ROUNDING_RULE), numbers without gaps, and how a refund of part or
// all of a charge splits back into subtotal, tax and units. Pure: no clock, no database.
import { chargeStep } from "./chargeable";
import { centsToMicros, divRoundHalfEven, microsToCentsHalfEven, USD_MICROS_PER_CENT } from "./money";

export const BPS = 10_000n;

export type LineAmount = { amountMicros: bigint };

export type InvoiceTotals = {
  subtotalMicros: bigint;
  taxMicros: bigint;
  /** What is charged: subtotal + tax, rounded once, half-even, to whole cents (to the currency's charge step). */
  totalCents: bigint;
  /** totalCents in micros minus (subtotal + tax): the sub-cent the rounding added (or took). */
  roundingMicros: bigint;
};

/** Tax on an amount, half-even to the micro. */
export function taxOn(subtotalMicros: bigint, taxRateBps: number): bigint {
  if (!Number.isInteger(taxRateBps) || taxRateBps < 0 || taxRateBps > 10_000) throw new RangeError(`Tax rate ${taxRateBps} bps is out of range`);
  return divRoundHalfEven(subtotalMicros * BigInt(taxRateBps), BPS);
}

/** With `currency`, the total lands on what a card can be charged in it (chargeStep: 0.010 KWD). */
export function invoiceTotals(lines: readonly LineAmount[], taxRateBps: number, currency?: string): InvoiceTotals {
  const subtotalMicros = lines.reduce((s, l) => s + l.amountMicros, 0n);
  const taxMicros = taxOn(subtotalMicros, taxRateBps);
  const exactMicros = subtotalMicros + taxMicros;
  // half-even once, straight to the step: rounding to the minor unit first would round twice
  const totalCents = currency ? divRoundHalfEven(exactMicros, centsToMicros(chargeStep(currency))) * chargeStep(currency) : microsToCentsHalfEven(exactMicros);
  return { subtotalMicros, taxMicros, totalCents, roundingMicros: centsToMicros(totalCents) - subtotalMicros - taxMicros };
}

/** "INV-000123": sequential per merchant, never reused. */
export function formatInvoiceNumber(seq: number | bigint): string {
  const n = BigInt(seq);
  if (n <= 0n) throw new RangeError("Invoice numbers start at 1");
  return `INV-${n.toString().padStart(6, "0")}`;
}

/** "8 %", "7.25 %" in English; the reader's way elsewhere ("7,25 %" in German, "7.25%" in Japanese). */
export function formatTaxRate(taxRateBps: number, locale = "en-US"): string {
  if (!locale.toLowerCase().startsWith("en")) {
    // bps / 10,000 exactly, as a decimal string (no float): 725 → "0.0725".
    const fraction = `${Math.trunc(taxRateBps / 10_000)}.${(taxRateBps % 10_000).toString().padStart(4, "0")}`;
    return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(fraction as unknown as number);
  }
  const whole = Math.trunc(taxRateBps / 100);
  const frac = (taxRateBps % 100).toString().padStart(2, "0").replace(/0+$/, "");
  return `${whole}${frac ? `.${frac}` : ""} %`;
}

export type FundsLimits = { minMicros: bigint; maxMicros: bigint };

export type FundsCheck = { ok: true } | { ok: false; code: "amount_not_whole_cents" | "amount_below_minimum" | "amount_above_maximum"; };

/** An add-funds amount must be whole cents, within the plan's limits. */
export function checkFundsAmount(amountMicros: bigint, limits: FundsLimits): FundsCheck {
  if (amountMicros % USD_MICROS_PER_CENT !== 0n) return { ok: false, code: "amount_not_whole_cents" };
  if (amountMicros < limits.minMicros) return { ok: false, code: "amount_below_minimum" };
  if (amountMicros > limits.maxMicros) return { ok: false, code: "amount_above_maximum" };
  return { ok: true };
}

/** What was charged once, and the units it bought (milli-credits; or the money itself for funds). */
export type ChargedAmounts = { subtotalMicros: bigint; taxMicros: bigint; totalCents: bigint; units: bigint };

export type RefundShare = { subtotalMicros: bigint; taxMicros: bigint; roundingMicros: bigint; units: bigint; cents: bigint };

/** The part of a charge that `refundedCents` (cumulative, ≤ total) gives back. */
function cumulativeShare(c: ChargedAmounts, refundedCents: bigint): RefundShare {
  if (refundedCents < 0n) throw new RangeError("A refund cannot be negative");
  if (refundedCents >= c.totalCents) {
    const rounding = centsToMicros(c.totalCents) - c.subtotalMicros - c.taxMicros;
    return { subtotalMicros: c.subtotalMicros, taxMicros: c.taxMicros, roundingMicros: rounding, units: c.units, cents: c.totalCents };
  }
  const part = (x: bigint) => divRoundHalfEven(x * refundedCents, c.totalCents);
  const subtotalMicros = part(c.subtotalMicros);
  const taxMicros = part(c.taxMicros);
  return {
    subtotalMicros,
    taxMicros,
    roundingMicros: centsToMicros(refundedCents) - subtotalMicros - taxMicros,
    units: part(c.units),
    cents: refundedCents,
  };
}

/**
 * What one refund takes back when `beforeCents` had been refunded already and `afterCents` has
 * now (both cumulative, as the provider reports them). Computed as the difference of cumulative
 * shares, so a series of partial refunds adds up exactly to the whole charge — the last one takes
 * whatever is left, with no drift.
 */
export function refundShare(c: ChargedAmounts, beforeCents: bigint, afterCents: bigint): RefundShare {
  const before = cumulativeShare(c, beforeCents < c.totalCents ? beforeCents : c.totalCents);
  const after = cumulativeShare(c, afterCents < c.totalCents ? afterCents : c.totalCents);
  return {
    subtotalMicros: after.subtotalMicros - before.subtotalMicros,
    taxMicros: after.taxMicros - before.taxMicros,
    roundingMicros: after.roundingMicros - before.roundingMicros,
    units: after.units - before.units,
    cents: after.cents - before.cents,
  };
}

/** Take back `wanted` from a wallet that has `available`: never below zero; the rest was used. */
export function takeBack(wanted: bigint, available: bigint): { removed: bigint; usedBefore: bigint } {
  const removed = available <= 0n ? 0n : available < wanted ? available : wanted;
  return { removed, usedBefore: wanted - removed };
}
