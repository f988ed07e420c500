// What a card can be charged, in a currency's minor units. Stripe (docs "Supported currencies",
// special cases) takes the three-decimal currencies — BHD, JOD, KWD, OMR, TND — in multiples of 10
// of their minor unit only (5.120 KWD, never 5.124), and ISK, which ISO 4217 gives no minor unit,
// as a two-decimal amount divisible by 100: whole krónur, Portico's ISK minor unit already. So the
// step is 10 minor units for the first five and 1 for every other currency. An invoice total is
// rounded once, half to even, to the step (invoiceTotals; roundingRule says so), so what is
// charged is always chargeable; a catalogue price a card is charged as is must be a multiple of it (lib/catalog/config.ts).
import { assetOrThrow } from "@/lib/ledger/assets";

const STEP_OF_TEN = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

/** The smallest amount a card charge moves by, in minor units of `currency` (10 fils for KWD, else 1). */
export function chargeStep(currency: string): bigint {
  return STEP_OF_TEN.has(currency) ? 10n : 1n;
}

/** The step as the currency writes it ("0.010" for KWD, "1" for ISK), exactly. */
export function chargeStepText(currency: string): string {
  const digits = assetOrThrow(currency).minorDigits ?? 2;
  const step = chargeStep(currency).toString().padStart(digits + 1, "0");
  return digits === 0 ? step : `${step.slice(0, -digits)}.${step.slice(-digits)}`;
}

/** The rule, in English (the merchant's and the logs'): "cards are charged in multiples of 0.010 KWD". */
export function chargeStepRule(currency: string): string {
  return `cards are charged in multiples of ${chargeStepText(currency)} ${currency}`;
}

/** The rule an amount of minor units breaks, or null when a card can be charged it exactly. */
export function chargeStepProblem(minor: bigint, currency: string): string | null {
  return minor % chargeStep(currency) === 0n ? null : chargeStepRule(currency);
}
