// An amount the customer typed, read the way their language writes numbers
// (lib/billing/money-input.ts), and its refusal worded in that language with an example written
// that way too ("Geben Sie höchstens 2 Nachkommastellen ein, z. B. 25,50."). The locale is the
// portal request's (an action runs inside withLocale), English outside one.
import { amountExample, parseTypedAmount, typedDecimal, typedDecimals, type TypedAmountProblem } from "@/lib/billing/money-input";
import { assetOrThrow, type AssetCode } from "@/lib/ledger/assets";
import { displayLocale } from "./locale-scope";
import { say } from "./say";

/** The caller's own sentences: for what is not a number at all, and (optionally) for too many decimals. */
type Said = { format: string; decimals?: string };
type Refused = { ok: false; problem: TypedAmountProblem; message: string };

function refusal(problem: TypedAmountProblem, maxDecimals: number, locale: string, said: Said): Refused {
  const t = say(locale, "actions");
  const message = (() => {
    switch (problem) {
      case "empty": return t("amount.enter");
      case "negative": return t("amount.positive");
      case "format": return said.format;
      case "grouping": return t("amount.grouping", { decimals: maxDecimals === 0 ? "none" : "some", example: amountExample("12345.678", locale, Math.min(maxDecimals, 3)) });
      case "decimals": return said.decimals ?? t("amount.decimals", { max: maxDecimals, example: decimalsExample(maxDecimals, locale) });
    }
  })();
  return { ok: false, problem, message };
}

/** An amount with `decimals` decimals, written the reader's way: "1.000" (none), "25,50", "25,505". */
export function decimalsExample(decimals: number, locale: string, plain = "25.505"): string {
  return decimals === 0 ? amountExample("1000", locale, 0) : amountExample(plain, locale, decimals);
}

/** A typed amount of `asset` in ledger units, or the sentence that says what is wrong. */
export function readTypedAmount(typed: string, asset: AssetCode, said: Said, maxDecimals = typedDecimals(asset)): { ok: true; amount: bigint } | Refused {
  const locale = displayLocale(null);
  const read = parseTypedAmount(typed, asset, locale, maxDecimals);
  return read.ok ? read : refusal(read.problem, maxDecimals, locale, said);
}

/** A typed amount as a plain decimal ("1234.56") for a currency read later, or the sentence that says what is wrong. */
export function readTypedDecimal(typed: string, said: Said, maxDecimals: number): { ok: true; decimal: string } | Refused {
  const locale = displayLocale(null);
  const read = typedDecimal(typed, locale, maxDecimals);
  return read.ok ? read : refusal(read.problem, maxDecimals, locale, said);
}

/**
 * What a sentence about amounts of `currency` names: its code, its name as the reader says it
 * ("euros", "Euro", "円"), whether it has decimals, and examples written the reader's way.
 */
export function currencyWords(currency: string, locale = displayLocale(null)) {
  const digits = assetOrThrow(currency).minorDigits ?? 2;
  const parts = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "name" }).formatToParts(2);
  const name = parts.filter((p) => p.type === "currency").map((p) => p.value).join("") || currency;
  return {
    currency,
    name,
    decimals: digits === 0 ? "none" : "some",
    digits,
    /** An amount with decimals, for a hint ("12.50", "12,50", "12,500"; whole currencies: "1.000"). */
    example: decimalsExample(digits, locale, "12.505"),
    /** A cap's example: just under a round amount ("49.99", "49,999"; whole currencies: "5.000"). */
    capExample: digits === 0 ? amountExample("5000", locale, 0) : amountExample("49.9999", locale, digits),
  };
}
