// Amounts a customer types, read the way their language writes numbers: "12,50" is twelve and a
// half in German, and in English it is refused (a comma groups thousands there, and "12,50" groups
// nothing). Strict by design: a mark that could mean either is refused with the expected format,
// never guessed; more decimals than allowed are refused, never rounded. Exact: bigint only.
import { assetOrThrow, type AssetCode } from "@/lib/ledger/assets";
import { parseDecimal, toDecimalString } from "./money";

/** What is wrong with a typed amount (worded by lib/i18n/amount-words.ts). */
export type TypedAmountProblem = "empty" | "negative" | "format" | "grouping" | "decimals";
type Marks = { decimal: string; groups: readonly string[] };

// Decimal comma languages group thousands with a point or a space (ordinary, no-break or narrow).
const COMMA_GROUPS = [".", " ", "\u00a0", "\u202f"] as const;

/** The reader's decimal mark (Intl decides: "," for de/fr/es, "." for en/ja) and their grouping marks. */
function marksOf(locale: string): Marks {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  return decimal === "," ? { decimal, groups: COMMA_GROUPS } : { decimal: ".", groups: [","] };
}

/** The decimals a typed amount of `asset` may have: a currency's minor digits (yen 0, cents 2, fils 3), else its scale. */
export function typedDecimals(asset: AssetCode): number {
  const a = assetOrThrow(asset);
  return a.currency ? (a.minorDigits ?? 2) : a.scale;
}

// Full-width digits and marks (a Japanese keyboard's input mode) read as the plain ones.
const plainWidth = (s: string) => s.replace(/[０-９，．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
// The signs a person may write around an amount of `currency` ("$12", "12 €", "EUR 12", "1000円"):
// its code and Intl's symbols; another currency's stays and makes the amount no number. Without a
// currency (read before the plan's is known) only a leading "$", as the portal always took it.
function signsOf(currency: string | undefined, locale: string): string[] {
  if (!currency) return ["$"];
  const symbol = (l: string, currencyDisplay: string) =>
    new Intl.NumberFormat(l, { style: "currency", currency, currencyDisplay } as Intl.NumberFormatOptions).formatToParts(0).find((p) => p.type === "currency")?.value ?? currency;
  const signs = [currency, symbol(locale, "symbol"), symbol(locale, "narrowSymbol"), symbol("en-US", "narrowSymbol"), ...(currency === "JPY" ? ["円", "¥", "￥"] : [])];
  return [...new Set(signs)].sort((a, b) => b.length - a.length);
}
function withoutCurrency(text: string, currency: string | undefined, locale: string): string {
  for (const sign of signsOf(currency, locale)) {
    const upper = text.toUpperCase();
    if (upper.startsWith(sign.toUpperCase())) return text.slice(sign.length).trim();
    if (currency && upper.endsWith(sign.toUpperCase())) return text.slice(0, -sign.length).trim();
  }
  return text;
}

/**
 * A typed amount as a plain decimal string ("1.234,56" in German → "1234.56"), or what is wrong:
 * empty, negative, not a number, marks in the wrong places for the locale, too many decimals.
 */
export function typedDecimal(typed: string, locale: string, maxDecimals: number, currency?: string): { ok: true; decimal: string } | { ok: false; problem: TypedAmountProblem } {
  const text = withoutCurrency(plainWidth(typed).trim(), currency, locale);
  if (text === "") return { ok: false, problem: "empty" };
  if (/^[-−]/.test(text)) return { ok: false, problem: "negative" };
  const { decimal, groups } = marksOf(locale);
  const [whole = "", fraction, ...more] = text.split(decimal);
  if (more.length > 0) return { ok: false, problem: /^[\d.,\s\u00a0\u202f]+$/.test(text) ? "grouping" : "format" };
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { ok: false, problem: /^[\d.,]+$/.test(fraction) ? "grouping" : "format" };
  let digits = whole;
  if (!/^\d*$/.test(whole)) {
    const marks = new Set(whole.replace(/\d/g, ""));
    const mark = [...marks][0]!;
    const grouped = marks.size === 1 && groups.includes(mark) && new RegExp(`^\\d{1,3}(?:${mark === "." ? "\\." : mark}\\d{3})+$`).test(whole);
    if (!grouped) return { ok: false, problem: /^[\d.,\s\u00a0\u202f]+$/.test(whole) ? "grouping" : "format" };
    digits = whole.replace(/\D/g, "");
  }
  if (digits === "" && !fraction) return { ok: false, problem: "format" };
  if ((fraction?.length ?? 0) > maxDecimals) return { ok: false, problem: "decimals" };
  return { ok: true, decimal: `${digits || "0"}${fraction ? `.${fraction}` : ""}` };
}

/** A typed amount of `asset` in its ledger units (exact), read the reader's way; at most `maxDecimals` decimals. */
export function parseTypedAmount(typed: string, asset: AssetCode, locale: string, maxDecimals = typedDecimals(asset)): { ok: true; amount: bigint } | { ok: false; problem: TypedAmountProblem } {
  const read = typedDecimal(typed, locale, maxDecimals, assetOrThrow(asset).currency ? asset : undefined);
  if (!read.ok) return read;
  try {
    return { ok: true, amount: parseDecimal(read.decimal, asset) };
  } catch {
    return { ok: false, problem: "format" }; // more digits than any amount has
  }
}

/** A plain decimal ("12345.67") written the reader's way with `decimals` decimals ("12.345,67"): the examples forms show. */
export function amountExample(decimal: string, locale: string, decimals: number): string {
  const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, roundingMode: "trunc" } as Intl.NumberFormatOptions);
  return nf.format(decimal as unknown as number); // Intl takes decimal strings exactly
}

/** Ledger units of `asset` as a form field shows them to be typed back: the reader's decimal mark, no grouping ("12,5"). */
export function typedAmountText(amount: bigint, asset: AssetCode, locale: string, minDecimals = 0): string {
  return toDecimalString(amount, asset, minDecimals).replace(".", marksOf(locale).decimal);
}
