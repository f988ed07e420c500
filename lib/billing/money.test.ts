import { describe, expect, it } from "vitest";
import { amountJson, divRoundHalfEven, formatMoney, microsToCentsHalfEven, parseDecimal, toDecimalString } from "./money";

describe("rounding half to even (the one rounding rule)", () => {
  it.each([
    // micros → cents
    [5_000n, 0n], // 0.5¢ → 0
    [15_000n, 2n], // 1.5¢ → 2
    [25_000n, 2n], // 2.5¢ → 2
    [35_000n, 4n], // 3.5¢ → 4
    [24_999n, 2n],
    [25_001n, 3n],
    [-25_000n, -2n],
    [-35_000n, -4n],
    [0n, 0n],
    [1n, 0n],
    [9_999n, 1n],
    [99_990_000n, 9_999n],
  ])("%s micros → %s cents", (micros, cents) => {
    expect(microsToCentsHalfEven(micros)).toBe(cents);
  });

  it("divides exactly when there is no remainder and refuses zero", () => {
    expect(divRoundHalfEven(10n, 5n)).toBe(2n);
    expect(divRoundHalfEven(7n, -2n)).toBe(-4n); // −3.5 → −4
    expect(() => divRoundHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe("decimal text ↔ minor units, exactly", () => {
  it.each([
    ["12.5", "USD", 12_500_000n],
    ["0.002", "USD", 2_000n],
    ["1.5", "CREDIT", 1_500n],
    ["10000", "API_CALL", 10_000n],
    ["0", "USD", 0n],
  ] as const)("%s %s", (text, asset, minor) => {
    expect(parseDecimal(text, asset)).toBe(minor);
    expect(toDecimalString(minor, asset)).toBe(text);
  });

  it.each(["1.0001", "-1", "1e3", "abc", "", " ", "1.", ".5", "0x10", "NaN", "Infinity"])("refuses %j for CREDIT", (text) => {
    expect(() => parseDecimal(text, "CREDIT")).toThrow(RangeError);
  });

  it("keeps precision beyond 2^53", () => {
    expect(parseDecimal("9007199254.740993", "USD")).toBe(9_007_199_254_740_993n);
    expect(toDecimalString(9_007_199_254_740_993n, "USD")).toBe("9007199254.740993");
  });
});

describe("display with Intl", () => {
  it("formats money for the customer's locale", () => {
    expect(formatMoney({ amount: 1_234_560_000n, asset: "USD" })).toBe("$1,234.56");
    expect(formatMoney({ amount: 1_234_560_000n, asset: "USD" }, { locale: "de-DE", currency: "EUR" })).toBe("1.234,56\u00a0€");
    expect(formatMoney({ amount: 2_000n, asset: "USD" }, { exact: true })).toBe("$0.002");
    expect(formatMoney({ amount: -5_000_000n, asset: "USD" })).toBe("-$5.00");
  });

  it("formats credits and units with their word", () => {
    expect(formatMoney({ amount: 1_500n, asset: "CREDIT" })).toBe("1.5 credits");
    expect(formatMoney({ amount: 1_000n, asset: "CREDIT" })).toBe("1 credit");
    expect(formatMoney({ amount: 1_234_000n, asset: "CREDIT" })).toBe("1,234 credits");
    expect(formatMoney({ amount: 10_000n, asset: "API_CALL" })).toBe("10,000 API calls");
  });

  it("gives the API's amount object with the integer as a string", () => {
    expect(amountJson({ amount: 1_500n, asset: "CREDIT" })).toEqual({ asset: "CREDIT", amount: "1500", scale: 3, formatted: "1.5 credits" });
  });
});
