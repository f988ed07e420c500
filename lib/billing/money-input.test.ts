import { describe, expect, it } from "vitest";
import { parseDecimal } from "./money";
import { amountExample, parseTypedAmount, typedAmountText, typedDecimal } from "./money-input";


describe("a typed amount, read the way the reader's language writes numbers", () => {
  // [locale, currency, typed, "=" and the amount it is, or the problem]
  it.each([
    // German: comma before the decimals, points (or spaces) between thousands
    ["de-DE", "EUR", "12,50", "=12.50"],
    ["de-DE", "EUR", "12,5", "=12.50"],
    ["de-DE", "EUR", "1.234,56", "=1234.56"],
    ["de-DE", "EUR", "1 234,56", "=1234.56"],
    ["de-DE", "EUR", "1\u202f234,56", "=1234.56"],
    ["de-DE", "EUR", "1.234.567", "=1234567"],
    ["de-DE", "EUR", "25", "=25"],
    ["de-DE", "EUR", "12,50 €", "=12.50"],
    ["de-DE", "EUR", "EUR 12,50", "=12.50"],
    ["de-DE", "EUR", ",5", "=0.5"],
    ["de-DE", "EUR", "12.50", "grouping"], // a point groups thousands in German: this groups nothing
    ["de-DE", "EUR", "1.5", "grouping"],
    ["de-DE", "EUR", "1.234.56", "grouping"],
    ["de-DE", "EUR", "1,2,3", "grouping"],
    ["de-DE", "EUR", "12,505", "decimals"], // never rounded to 12,51 (nor read as 12 505)
    ["de-DE", "JPY", "1.000", "=1000"],
    ["de-DE", "JPY", "1000,5", "decimals"],
    ["de-DE", "KWD", "1,234", "=1.234"],
    ["de-DE", "KWD", "1,2345", "decimals"],
    // French: spaces (ordinary, no-break, narrow) between thousands, as Intl writes them
    ["fr-FR", "EUR", "1\u202f234,56", "=1234.56"],
    ["fr-FR", "EUR", "1 234,56", "=1234.56"],
    ["fr-FR", "EUR", "1\u00a0234,5", "=1234.5"],
    ["fr-FR", "EUR", "12,50", "=12.50"],
    ["fr-FR", "EUR", "12 50", "grouping"],
    // Spanish
    ["es-ES", "EUR", "1.234,56", "=1234.56"],
    ["es-ES", "USD", "12,50", "=12.50"],
    ["es-ES", "USD", "12.50", "grouping"],
    // English: point before the decimals, commas between thousands
    ["en-US", "USD", "12.50", "=12.50"],
    ["en-US", "USD", "12.5", "=12.50"],
    ["en-US", "USD", "1,234.56", "=1234.56"],
    ["en-US", "USD", "$1,234.56", "=1234.56"],
    ["en-US", "USD", "12,500", "=12500"],
    ["en-US", "USD", ".5", "=0.50"],
    ["en-US", "USD", "12,50", "grouping"], // not 1250: a comma groups thousands, and this groups nothing
    ["en-US", "USD", "1,23,456.00", "grouping"],
    ["en-US", "USD", "1.234,56", "grouping"],
    ["en-US", "USD", "1 234.56", "grouping"], // spaces group thousands in French, not here
    ["en-US", "USD", "12.505", "decimals"],
    ["en-US", "EUR", "12.50", "=12.50"],
    ["en-US", "JPY", "1,000", "=1000"],
    ["en-US", "JPY", "1000.5", "decimals"],
    ["en-US", "JPY", "1000.0", "decimals"],
    ["en-US", "KWD", "1.234", "=1.234"],
    ["en-US", "KWD", "1.2345", "decimals"],
    // Japanese writes numbers like English; full-width digits from an input method read as digits
    ["ja-JP", "JPY", "1,000", "=1000"],
    ["ja-JP", "JPY", "１，０００", "=1000"],
    ["ja-JP", "JPY", "1000円", "=1000"],
    ["ja-JP", "JPY", "¥1,000", "=1000"],
    ["ja-JP", "JPY", "10,00", "grouping"],
    ["ja-JP", "JPY", "1000.5", "decimals"],
    ["ja-JP", "USD", "12.50", "=12.50"],
    // another currency's sign is not this currency's amount
    ["en-US", "USD", "25 EUR", "format"],
    ["de-DE", "EUR", "$25", "format"],
    ["en-US", "JPY", "€1000", "format"],
    ["en-US", "KWD", "KWD 1.5", "=1.5"],
    // what is no amount in any language
    ["en-US", "USD", "", "empty"],
    ["de-DE", "EUR", "  €  ", "empty"],
    ["en-US", "USD", "-5", "negative"],
    ["de-DE", "EUR", "−5", "negative"],
    ["en-US", "USD", "ten dollars", "format"],
    ["en-US", "USD", "abc", "format"],
    ["en-US", "USD", "1e9", "format"],
    ["en-US", "USD", "12.", "format"],
    ["de-DE", "EUR", "12,", "format"],
    ["en-US", "USD", "+5", "format"],
    ["en-US", "USD", "1234567890123456789", "format"],
  ] as const)("%s %s %j → %s", (locale, currency, typed, expected) => {
    const read = parseTypedAmount(typed, currency, locale);
    expect(read).toEqual(expected.startsWith("=") ? { ok: true, amount: parseDecimal(expected.slice(1), currency) } : { ok: false, problem: expected });
  });

  it("credits take up to their own three decimals", () => {
    expect(parseTypedAmount("12,5", "CREDIT", "de-DE")).toEqual({ ok: true, amount: 12_500n }); // milli-credits
    expect(parseTypedAmount("1,000", "CREDIT", "en-US")).toEqual({ ok: true, amount: 1_000_000n });
    expect(parseTypedAmount("0.0005", "CREDIT", "en-US")).toEqual({ ok: false, problem: "decimals" });
  });

  it("reads a plain decimal for a currency it does not know yet, up to the decimals allowed", () => {
    expect(typedDecimal("1.234,5", "de-DE", 7)).toEqual({ ok: true, decimal: "1234.5" });
    expect(typedDecimal("1,234.5", "en-US", 7)).toEqual({ ok: true, decimal: "1234.5" });
    expect(typedDecimal("1.123456789", "en-US", 7)).toEqual({ ok: false, problem: "decimals" });
    // only a leading "$", as the portal always took it: no other sign before the currency is known
    expect(typedDecimal("$25", "en-US", 7)).toEqual({ ok: true, decimal: "25" });
    expect(typedDecimal("25 €", "de-DE", 7)).toEqual({ ok: false, problem: "format" });
  });
});

describe("amounts written for the reader to type back", () => {
  it.each([
    ["en-US", "USD", "12.5", 0, "12.5"],
    ["en-US", "USD", "12.5", 2, "12.50"],
    ["de-DE", "EUR", "12.5", 2, "12,50"],
    ["fr-FR", "EUR", "1234.56", 2, "1234,56"], // no grouping: the field reads it back as typed
    ["ja-JP", "JPY", "1000", 0, "1000"],
    ["de-DE", "KWD", "1.234", 3, "1,234"],
  ] as const)("%s %s %s → %s", (locale, currency, plain, decimals, text) => {
    const amount = parseDecimal(plain, currency);
    expect(typedAmountText(amount, currency, locale, decimals)).toBe(text);
    expect(parseTypedAmount(text, currency, locale)).toEqual({ ok: true, amount });
  });

  it.each([
    ["en-US", "25.50"],
    ["de-DE", "25,50"],
    ["fr-FR", "25,50"],
    ["es-ES", "25,50"],
    ["ja-JP", "25.50"],
  ])("the example 25.50 in %s is %s", (locale, example) => {
    expect(amountExample("25.50", locale, 2)).toBe(example);
  });

  it("groups thousands in the examples as the reader does", () => {
    expect(amountExample("12345.67", "de-DE", 2)).toBe("12.345,67");
    expect(amountExample("12345.67", "fr-FR", 2)).toBe("12\u202f345,67");
    expect(amountExample("12345", "ja-JP", 0)).toBe("12,345");
    expect(amountExample("12345.678", "en-US", 3)).toBe("12,345.678");
  });
});
