// The brand colour a merchant sets is the one the customer sees, unless white text on it would be
// unreadable; then the portal keeps its own.
import { describe, expect, it } from "vitest";
import { brandCss, brandPalette, contrastRatio, DEFAULT_BRAND, hexColorSchema } from "./colors";

describe("contrast", () => {
  it.each([
    ["#ffffff", "#000000", 21],
    ["#ffffff", "#ffffff", 1],
    ["#767676", "#ffffff", 4.54],
    ["#4f46e5", "#ffffff", 6.29],
  ])("%s on %s is %s:1 (WCAG)", (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
  });
});

describe("the portal's palette", () => {
  it("uses a dark enough merchant colour, with darker hovers and light tints mixed from it", () => {
    const p = brandPalette("#0F766E");
    expect(p.source).toBe("merchant");
    expect(p[600]).toBe("#0f766e");
    expect(contrastRatio(p[700], "#ffffff")).toBeGreaterThan(contrastRatio(p[600], "#ffffff"));
    expect(contrastRatio(p[50], "#ffffff")).toBeLessThan(1.2);
    expect(brandCss(p)).toContain("--color-brand-600:#0f766e");
  });

  it.each([
    [null, "no brand colour set"],
    ["teal", 'is not a #rrggbb colour'],
    ["#fde047", "too light for white text"],
    ["#8a8a8a", "needs 4.5:1"],
  ])("falls back to Portico's colour for %s (%s)", (color, why) => {
    const p = brandPalette(color);
    expect(p.source).toBe("default");
    expect(p[600]).toBe(DEFAULT_BRAND);
    expect(p.reason).toContain(why);
  });

  it("accepts only #rrggbb in the catalogue", () => {
    expect(hexColorSchema.parse("#0F766E")).toBe("#0f766e");
    expect(hexColorSchema.safeParse("rgb(0,0,0)").success).toBe(false);
  });
});
