import { describe, expect, it } from "vitest";
import { chargeStep, chargeStepProblem } from "./chargeable";
import { invoiceTotals } from "./invoice-math";
import { parseDecimal, roundingRule } from "./money";

const kwd = (d: string) => [{ amountMicros: parseDecimal(d, "KWD") }];

describe("what a card can be charged (Stripe's special cases)", () => {
  it("three-decimal currencies go in steps of 10 minor units; every other currency, ISK included, in 1", () => {
    expect(["BHD", "JOD", "KWD", "OMR", "TND"].map(chargeStep)).toEqual([10n, 10n, 10n, 10n, 10n]);
    expect(["USD", "EUR", "JPY", "ISK"].map(chargeStep)).toEqual([1n, 1n, 1n, 1n]);
    expect(chargeStepProblem(5_120n, "KWD")).toBeNull();
    expect(chargeStepProblem(5_125n, "KWD")).toBe("cards are charged in multiples of 0.010 KWD");
    expect(chargeStepProblem(2_501n, "ISK")).toBeNull(); // whole krónur: Stripe's ×100 is the adapter's
  });

  // subtotal + tax, rounded once, half to even, straight to 0.010 KWD (never to the fils first)
  it.each([
    ["1.230", 500, 1_290n], // 1.2915 → 1.290
    ["1.000", 2_950, 1_300n], // 1.295 exactly: half → even 130 steps
    ["1.000", 2_850, 1_280n], // 1.285 exactly: half → even 128 steps
    ["1.000", 2_851, 1_290n], // 1.2851 → above the half
    ["1.004", 0, 1_000n], // a price between steps: 4 fils taken off by the rounding line
  ])("KWD %s at %i bps is charged %i fils", (subtotal, bps, totalFils) => {
    const t = invoiceTotals(kwd(subtotal), bps, "KWD");
    expect(t.totalCents).toBe(totalFils);
    expect(t.totalCents % 10n).toBe(0n);
    expect(t.totalCents * 10_000n - t.subtotalMicros - t.taxMicros).toBe(t.roundingMicros);
  });

  it("other currencies keep the total rounded to the minor unit, as before", () => {
    expect(invoiceTotals([{ amountMicros: parseDecimal("12.345", "USD") }], 800, "USD").totalCents).toBe(1_333n);
    expect(invoiceTotals([{ amountMicros: parseDecimal("2499.5", "ISK") }], 0, "ISK").totalCents).toBe(2_500n);
  });

  it("the invoice's rounding rule says it, in the reader's language", () => {
    expect(roundingRule("KWD")).toBe(
      "Amounts are kept to 1/10,000 of the smallest unit of the Kuwaiti Dinar and shown rounded to 0.001 Kuwaiti Dinar, half to even; the total charged is their exact sum, rounded once. Cards are charged in multiples of 0.010 Kuwaiti Dinar, so the total is rounded once, half to even, to a multiple of 0.010 Kuwaiti Dinar.",
    );
    expect(roundingRule("KWD", "de-DE")).toMatch(/ Karten werden in Schritten von 0,010 Kuwait-Dinar belastet; der Gesamtbetrag wird deshalb einmal auf ein Vielfaches von 0,010 Kuwait-Dinar gerundet \(bei genau der Hälfte zur geraden Zahl\)\.$/);
    expect(roundingRule("KWD", "ja-JP")).toMatch(/丸めた金額です。カードへの請求は 0\.010 クウェート ディナール単位で行うため、請求合計は一度だけ 0\.010 クウェート ディナールの倍数に偶数丸めします。$/);
    expect(roundingRule("ISK")).not.toContain("multiples");
  });
});
