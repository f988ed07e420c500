import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkFundsAmount,
  formatInvoiceNumber,
  formatTaxRate,
  invoiceTotals,
  refundShare,
  takeBack,
  taxOn,
  type ChargedAmounts,
} from "./invoice-math";
import { parseDecimal } from "./money";

const $ = (dollars: string) => parseDecimal(dollars, "USD");

describe("invoice totals: tax half-even to the micro, total rounded once to cents", () => {
  it.each([
    // subtotal micros, bps, tax micros, total cents, rounding micros
    [$("25"), 800, 2_000_000n, 2_700n, 0n], // pack_500 at 8 %
    [$("80"), 800, 6_400_000n, 8_640n, 0n], // pack_2000
    [$("10.01"), 800, 800_800n, 1_081n, -800n], // 10.8108 → 10.81
    [$("10.07"), 800, 805_600n, 1_088n, 4_400n], // 10.8756 → 10.88
    [$("100"), 0, 0n, 10_000n, 0n],
    [5n, 1_000, 0n, 0n, -5n], // 0.5 micro of tax → 0 (half to even)
    [15n, 1_000, 2n, 0n, -17n], // 1.5 → 2
    [25n, 1_000, 2n, 0n, -27n], // 2.5 → 2
    [1_250_000n, 800, 100_000n, 135n, 0n],
    [125_000n, 2_000, 25_000n, 15n, 0n], // 0.15 exactly
    [52_500n, 0, 0n, 5n, -2_500n], // 5.25¢ → 5¢
    [55_000n, 0, 0n, 6n, 5_000n], // 5.5¢ → 6¢ (half to even)
    [45_000n, 0, 0n, 4n, -5_000n], // 4.5¢ → 4¢
  ])("%s micros at %s bps → tax %s, total %s¢", (subtotal, bps, tax, total, rounding) => {
    const t = invoiceTotals([{ amountMicros: subtotal }], bps);
    expect(t).toEqual({ subtotalMicros: subtotal, taxMicros: tax, totalCents: total, roundingMicros: rounding });
  });

  it("sums several lines before taxing (tax is on the subtotal, not per line)", () => {
    const t = invoiceTotals([{ amountMicros: 5n }, { amountMicros: 10n }], 1_000);
    expect(t.taxMicros).toBe(taxOn(15n, 1_000));
    expect(t.taxMicros).toBe(2n);
  });

  it("refuses tax rates outside 0–100 %", () => {
    expect(() => taxOn(1n, -1)).toThrow(RangeError);
    expect(() => taxOn(1n, 10_001)).toThrow(RangeError);
    expect(() => taxOn(1n, 1.5)).toThrow(RangeError);
  });
});

describe("invoice numbers and rates", () => {
  it.each([
    [1, "INV-000001"],
    [123, "INV-000123"],
    [999_999, "INV-999999"],
    [1_234_567, "INV-1234567"],
  ])("%s → %s", (n, text) => expect(formatInvoiceNumber(n)).toBe(text));
  it("has no invoice 0", () => expect(() => formatInvoiceNumber(0)).toThrow(RangeError));
  it.each([
    [800, "8 %"],
    [725, "7.25 %"],
    [1_950, "19.5 %"],
    [0, "0 %"],
  ])("%s bps → %s", (bps, text) => expect(formatTaxRate(bps)).toBe(text));
  it.each([
    [725, "de-DE", "7,25\u00a0%"],
    [1_950, "fr-FR", "19,5\u00a0%"],
    [800, "ja-JP", "8%"],
    [725, "en-GB", "7.25 %"],
  ])("%s bps in %s → %s", (bps, locale, text) => expect(formatTaxRate(bps, locale)).toBe(text));
});

describe("add-funds amounts", () => {
  const limits = { minMicros: $("10"), maxMicros: $("5000") };
  it.each([
    [$("10"), { ok: true }],
    [$("5000"), { ok: true }],
    [$("25.5"), { ok: true }],
    [$("9.99"), { ok: false, code: "amount_below_minimum" }],
    [$("5000.01"), { ok: false, code: "amount_above_maximum" }],
    [10_005_000n, { ok: false, code: "amount_not_whole_cents" }],
    [0n, { ok: false, code: "amount_below_minimum" }],
  ])("%s micros", (amount, expected) => expect(checkFundsAmount(amount, limits)).toEqual(expected));
});

describe("refunds split back into subtotal, tax and units", () => {
  const pack: ChargedAmounts = { subtotalMicros: $("25"), taxMicros: $("2"), totalCents: 2_700n, units: 500_000n };

  it("a full refund takes back everything", () => {
    expect(refundShare(pack, 0n, 2_700n)).toEqual({ subtotalMicros: $("25"), taxMicros: $("2"), roundingMicros: 0n, units: 500_000n, cents: 2_700n });
  });

  it("half a refund takes back half of each part", () => {
    expect(refundShare(pack, 0n, 1_350n)).toEqual({ subtotalMicros: $("12.5"), taxMicros: $("1"), roundingMicros: 0n, units: 250_000n, cents: 1_350n });
  });

  it("refunds beyond the total are capped at the total", () => {
    expect(refundShare(pack, 2_700n, 3_000n).cents).toBe(0n);
  });

  it("the rounding of the total is given back with the last refund", () => {
    const odd: ChargedAmounts = { subtotalMicros: $("10.01"), taxMicros: 800_800n, totalCents: 1_081n, units: $("10.01") };
    const full = refundShare(odd, 0n, 1_081n);
    expect(full.roundingMicros).toBe(-800n);
    expect(full.subtotalMicros + full.taxMicros + full.roundingMicros).toBe(1_081n * 10_000n);
  });

  it("any series of partial refunds adds up exactly to the charge (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000_000n }),
        fc.integer({ min: 0, max: 2_500 }),
        fc.bigInt({ min: 1n, max: 10_000_000n }),
        fc.array(fc.bigInt({ min: 1n, max: 2_000_000n }), { minLength: 1, maxLength: 8 }),
        (subtotal, bps, units, steps) => {
          const t = invoiceTotals([{ amountMicros: subtotal }], bps);
          if (t.totalCents === 0n) return;
          const c: ChargedAmounts = { subtotalMicros: subtotal, taxMicros: t.taxMicros, totalCents: t.totalCents, units };
          let before = 0n;
          const sum = { subtotalMicros: 0n, taxMicros: 0n, roundingMicros: 0n, units: 0n, cents: 0n };
          for (const s of [...steps, t.totalCents]) {
            const after = before + s > t.totalCents ? t.totalCents : before + s;
            const share = refundShare(c, before, after);
            // every part of every step is non-negative except the sub-cent rounding
            expect(share.subtotalMicros >= 0n && share.taxMicros >= 0n && share.units >= 0n).toBe(true);
            expect(share.subtotalMicros + share.taxMicros + share.roundingMicros).toBe(share.cents * 10_000n);
            for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += share[k];
            before = after;
          }
          expect(sum).toEqual({ subtotalMicros: subtotal, taxMicros: t.taxMicros, roundingMicros: t.roundingMicros, units, cents: t.totalCents });
        },
      ),
    );
  });
});

describe("taking back what is left of a wallet", () => {
  it.each([
    [100n, 100n, 100n, 0n],
    [100n, 30n, 30n, 70n],
    [100n, 0n, 0n, 100n],
    [100n, -5n, 0n, 100n],
    [100n, 500n, 100n, 0n],
  ])("want %s, have %s → remove %s, %s used before", (wanted, available, removed, used) => {
    expect(takeBack(wanted, available)).toEqual({ removed, usedBefore: used });
  });
});
