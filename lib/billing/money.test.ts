import { describe, expect, it } from "vitest";
import { assetOrThrow, isAssetCode } from "@/lib/ledger/assets";
import { amountJson, centsToMicros, divRoundHalfEven, formatMoney, microsToCentsHalfEven, minorToDecimal, parseDecimal, roundingRule, toDecimalString } from "./money";

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
    expect(formatMoney({ amount: 1_234_560_000n, asset: "EUR" }, { locale: "de-DE" })).toBe("1.234,56\u00a0€");
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

describe("currencies by ISO 4217, each with its own minor unit", () => {
  it.each([
    // [currency, ledger scale, minor digits]
    ["USD", 6, 2],
    ["EUR", 6, 2],
    ["GBP", 6, 2],
    ["JPY", 4, 0],
    ["KRW", 4, 0],
    ["KWD", 7, 3],
    ["BHD", 7, 3],
  ] as [string, number, number][])("%s is kept to 1/10,000 of its minor unit (scale %i, %i minor digits)", (code, scale, digits) => {
    const a = assetOrThrow(code);
    expect(a.scale).toBe(scale);
    expect(a.minorDigits).toBe(digits);
  });

  it("refuses what is not a payable currency: metals, fund codes, test codes, lower case", () => {
    for (const code of ["XAU", "XTS", "XXX", "CLF", "usd", "ABC", "US"]) expect(isAssetCode(code)).toBe(false);
    expect(() => assetOrThrow("XAU")).toThrow(/Unknown asset XAU/);
  });

  it.each([
    // [amount in ledger units, currency, locale, text]
    [1_234_560_000n, "EUR", "de-DE", "1.234,56\u00a0€"],
    [12_350_000n, "JPY", "ja-JP", "￥1,235"],
    [12_350_000n, "JPY", "en-US", "¥1,235"],
    [12_345_670n, "KWD", "en-US", "KWD\u00a01.234567"],
    [12_345_000n, "KWD", "en-US", "KWD\u00a01.234"], // 1.2345 half to even
    [12_355_000n, "KWD", "en-US", "KWD\u00a01.236"],,
    [150_000n, "GBP", "en-GB", "£0.15"],
    [50_000n, "KRW", "ko-KR", "₩5"],
  ] as [bigint, string, string, string][])("%s %s in %s reads %s", (amount, currency, locale, text) => {
    // KWD 1.2345670 exact shows its sub-fils digits; shown normally it is rounded to the fils.
    const exact = currency === "KWD" && amount === 12_345_670n;
    expect(formatMoney({ amount, asset: currency }, { locale, exact })).toBe(text);
  });

  it.each([
    // [ledger units, currency, whole minor units half-even]
    [5_000n, "JPY", 0n], // ¥0.5 → ¥0 (half to even)
    [15_000n, "JPY", 2n], // ¥1.5 → ¥2
    [25_000n, "JPY", 2n], // ¥2.5 → ¥2
    [25_001n, "JPY", 3n],
    [5_000n, "KWD", 0n], // 0.0005 KWD → 0.000
    [15_000n, "KWD", 2n], // 0.0015 → 0.002
    [-25_000n, "EUR", -2n],
  ] as [bigint, string, bigint][])("%s ledger units of %s round to %s minor units", (micros, currency, minor) => {
    expect(assetOrThrow(currency).currency).toBe(currency);
    expect(microsToCentsHalfEven(micros)).toBe(minor);
    expect(centsToMicros(minor) % 10_000n).toBe(0n);
  });

  it("parses a price with no more decimals than the currency keeps", () => {
    expect(parseDecimal("1235", "JPY")).toBe(12_350_000n);
    expect(parseDecimal("0.5", "JPY")).toBe(5_000n);
    expect(() => parseDecimal("0.00001", "JPY")).toThrow(/more than 4 decimals/);
    expect(parseDecimal("1.2345678", "KWD")).toBe(12_345_678n);
    expect(() => parseDecimal("1.23456789", "KWD")).toThrow(/more than 7 decimals/);
  });

  it("says the rounding rule in the currency's own minor unit", () => {
    expect(roundingRule("EUR")).toContain("shown rounded to 0.01 Euro");
    expect(roundingRule("KWD")).toContain("shown rounded to 0.001 Kuwaiti Dinar");
    expect(roundingRule("JPY")).toContain("shown rounded to whole Yen");
  });

  it("writes whole minor units as the currency's decimal", () => {
    expect(minorToDecimal(123_456n, "EUR")).toBe("1234.56");
    expect(minorToDecimal(1_235n, "JPY")).toBe("1235");
    expect(minorToDecimal(1_234n, "KWD")).toBe("1.234");
    expect(minorToDecimal(-5n, "USD")).toBe("-0.05");
  });
});

describe("amounts in the reader's language", () => {
  it("write the unit word as each language counts", () => {
    expect(formatMoney({ amount: 1_000n, asset: "CREDIT" }, { locale: "de-DE" })).toBe("1 Credit");
    expect(formatMoney({ amount: 1_234_000n, asset: "CREDIT" }, { locale: "de-DE" })).toBe("1.234 Credits");
    // French keeps the singular below two: "1,5 crédit".
    expect(formatMoney({ amount: 1_500n, asset: "CREDIT" }, { locale: "fr-FR" })).toBe("1,5 crédit");
    expect(formatMoney({ amount: 10_000n, asset: "API_CALL" }, { locale: "fr-FR" })).toBe("10\u202f000 appels d’API");
    expect(formatMoney({ amount: 10_000n, asset: "API_CALL" }, { locale: "es-ES" })).toBe("10.000 llamadas a la API");
    expect(formatMoney({ amount: 2_000n, asset: "CREDIT" }, { locale: "ja-JP" })).toBe("2 クレジット");
    expect(amountJson({ amount: 1_000n, asset: "CREDIT" }, "de-DE").formatted).toBe("1 Credit");
  });

  it("keep English as it was: only exactly one is singular, in every English locale", () => {
    expect(formatMoney({ amount: 1n, asset: "API_CALL" }, { locale: "en-GB" })).toBe("1 API call");
    expect(formatMoney({ amount: -1_000n, asset: "CREDIT" })).toBe("-1 credits");
    expect(formatMoney({ amount: 1_001n, asset: "CREDIT" })).toBe("1.001 credits");
  });

  it("say the rounding rule with the currency named the reader's way", () => {
    expect(roundingRule("USD", "de-DE")).toBe(
      "Beträge werden auf den Millionstel Dollar genau geführt und auf den Cent gerundet angezeigt (bei genau der Hälfte zur geraden Zahl); der berechnete Gesamtbetrag ist ihre genaue Summe, einmal gerundet.",
    );
    expect(roundingRule("KWD", "de-DE")).toContain("auf 0,001 Kuwait-Dinar gerundet");
    expect(roundingRule("JPY", "ja-JP")).toContain("日本円の整数単位に偶数丸めで表示");
    expect(roundingRule("JPY", "en-GB")).toContain("shown rounded to whole Yen");
  });
});
