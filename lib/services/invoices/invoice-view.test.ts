// What a person reads on an invoice: whole cents that add up to the total charged, units that agree
// with their quantities. The invoice itself keeps its micros (DESIGN §3).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invoiceTotals } from "@/lib/billing/invoice-math";
import { unitWord } from "@/lib/format/plural";
import { displayCents, lineUnit } from "./invoice-view";

const invoice = (lineMicros: bigint[], bps: number) => {
  const lines = lineMicros.map((amountMicros) => ({ amountMicros }));
  const t = invoiceTotals(lines, bps);
  return { lines, taxMicros: t.taxMicros, totalCents: t.totalCents };
};

describe("invoice amounts as shown", () => {
  it("shows the tax in whole cents: $105.06 at 8 % is $8.40 of tax (not $8.4048), $113.46 in all", () => {
    const shown = displayCents(invoice([99_000_000n, 6_060_000n], 800));
    expect(shown).toEqual({ lines: [9_900n, 606n], subtotal: 10_506n, tax: 840n, rounding: 0n });
    expect(shown.subtotal + shown.tax).toBe(11_346n);
  });

  it("says so with a rounding line when sub-cent lines do not add up in cents", () => {
    // three lines of 0.4¢: each shows as $0.00, the total charged is 1¢
    expect(displayCents(invoice([4_000n, 4_000n, 4_000n], 0))).toEqual({ lines: [0n, 0n, 0n], subtotal: 0n, tax: 0n, rounding: 1n });
  });

  it("the cents shown always add up to the total charged, and rounding is zero for whole-cent lines (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 50_000_000_000n }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 2_500 }), fc.boolean(), (raw, bps, whole) => {
        const micros = whole ? raw.map((m) => (m / 10_000n) * 10_000n) : raw;
        const inv = invoice(micros, bps);
        const s = displayCents(inv);
        expect(s.lines.reduce((a, b) => a + b, 0n)).toBe(s.subtotal);
        expect(s.subtotal + s.tax + s.rounding).toBe(inv.totalCents);
        // each shown line is within half a cent of its exact amount; rounding stays within a cent per line
        const bound = BigInt(micros.length) + 1n;
        expect(s.rounding <= bound && s.rounding >= -bound).toBe(true);
        if (whole) expect(s.rounding === 0n || (s.rounding <= 1n && s.rounding >= -1n)).toBe(true);
      }),
    );
  });
});

describe("units", () => {
  it.each([
    ["unit", 606n, "units"],
    ["unit", 1n, "unit"],
    ["period", 1n, "period"],
    ["top-up", 2n, "top-ups"],
    ["pack", 3n, "packs"],
    ["API calls", 2n, "API calls"],
    ["entry", 2n, "entries"],
    ["box", 2n, "boxes"],
  ])("%s × %s → %s", (label, qty, want) => {
    expect(unitWord(label, qty)).toBe(want);
  });
});

describe("the unit words of invoice lines", () => {
  it("Portico's own units in the reader's language, agreeing with the quantity; English as before", () => {
    for (const label of ["period", "API call", "unit", "pack", "credits", "top-up", "upgrade", "adjustment"]) {
      for (const n of [1n, 2n, 5_000n]) expect(lineUnit(label, n, "en-US")).toBe(unitWord(label, n));
    }
    expect([lineUnit("period", 1n, "de-DE"), lineUnit("period", 2n, "de-DE"), lineUnit("API call", 4_000n, "de-DE")]).toEqual(["Zeitraum", "Zeiträume", "API-Aufrufe"]);
    expect([lineUnit("top-up", 1n, "fr-FR"), lineUnit("pack", 3n, "es-ES"), lineUnit("period", 1n, "ja-JP")]).toEqual(["approvisionnement", "paquetes", "期間"]);
  });

  it("a merchant's own unit stays theirs, and a label named like an object property is just a label", () => {
    expect(lineUnit("seat", 2n, "de-DE")).toBe("seats");
    expect(lineUnit("constructor", 2n, "de-DE")).toBe("constructors");
  });
});
