// Money and units: integers in the smallest unit of their asset, never floats (DESIGN §3).
// Rounding happens in one place — roundHalfEven — and only where the design says so (the invoice
// total, in whole minor units of its currency: cents, yen, fils).
//
// Every currency is kept in the ledger to 1/10,000 of its minor unit (lib/ledger/assets.ts), so the
// "cents" and "micros" helpers below hold for every currency: "cents" are whole minor units (cents,
// yen, fils) and "micros" ledger units (1/10,000 of a minor unit; for USD, millionths of a dollar).
import { assetOrThrow, LEDGER_UNITS_PER_MINOR, type AssetCode } from "@/lib/ledger/assets";
import { billingWords, quickWord, readsEnglish } from "./words";
import { chargeStep, chargeStepText } from "./chargeable";

export type Money = { amount: bigint; asset: AssetCode };

/** Ledger units per minor unit, in every currency (the name is from when Portico billed only USD). */
export const USD_MICROS_PER_CENT = LEDGER_UNITS_PER_MINOR;
export const USD_MICROS_PER_DOLLAR = 1_000_000n;
export const MILLI_PER_CREDIT = 1_000n;

export const usd = (micros: bigint): Money => ({ amount: micros, asset: "USD" });
export const credits = (milli: bigint): Money => ({ amount: milli, asset: "CREDIT" });
export const dollars = (whole: bigint | number): bigint => BigInt(whole) * USD_MICROS_PER_DOLLAR;

/** Divide and round half to even ("banker's rounding"): 2.5 → 2, 3.5 → 4, −2.5 → −2. */
export function divRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("Division by zero");
  if (denominator < 0n) return divRoundHalfEven(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const r = n % denominator;
  const twice = r * 2n;
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** Whole minor units (cents, yen) as ledger units (exact: every minor unit is 10,000). */
export function centsToMicros(cents: bigint): bigint {
  return cents * USD_MICROS_PER_CENT;
}

/** Ledger units → whole minor units, half-even. The one rounding rule of every invoice total. */
export function microsToCentsHalfEven(micros: bigint): bigint {
  return divRoundHalfEven(micros, USD_MICROS_PER_CENT);
}

/** The rounding rule in words for a currency ("…rounded to the yen…"), in the reader's language. */
export function roundingRule(currency: string, locale = "en-US"): string {
  const a = assetOrThrow(currency);
  const t = billingWords(locale);
  if (a.code === "USD") return t("rounding.usd");
  // English names the currency as ISO 4217 does ("Kuwaiti Dinar"); other languages as Intl does.
  const name = readsEnglish(locale) ? a.name : (currencyName(a.code, locale) ?? a.name);
  if (a.minorDigits === 0) return t("rounding.whole", { name });
  // One minor unit, exactly (bigint), written the reader's way ("0.001", "0,001").
  const written = (d: string) => (readsEnglish(locale) ? d : numberFormat(`${locale}|dec|${a.minorDigits}`, locale, { minimumFractionDigits: a.minorDigits ?? 0 }).format(d as unknown as number));
  const rule = t("rounding.minor", { name, unit: written(minorToDecimal(1n, a.code)) });
  // a card takes some currencies in steps of several minor units (0.010 KWD): the total lands on one
  return chargeStep(a.code) === 1n ? rule : t("rounding.step", { rule, name, step: written(chargeStepText(a.code)) });
}

function currencyName(code: string, locale: string): string | undefined {
  try {
    return new Intl.DisplayNames([locale], { type: "currency" }).of(code);
  } catch {
    return undefined;
  }
}

/**
 * Parse a decimal string ("12.5", "0.002") into minor units of `asset`, exactly. Refuses more
 * decimals than the asset's scale, signs, exponents and anything that is not a plain number.
 */
export function parseDecimal(text: string, asset: AssetCode): bigint {
  const scale = assetOrThrow(asset).scale;
  const m = /^(\d{1,18})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a plain decimal number`);
  const whole = m[1]!;
  const frac = m[2] ?? "";
  if (frac.length > scale) throw new RangeError(`"${text}" has more than ${scale} decimals`);
  return BigInt(whole) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, "0") || "0");
}

/** Minor units as a plain decimal string, trimmed of trailing zeros ("1.5", "0.002", "12"). */
export function toDecimalString(amount: bigint, asset: string, minDecimals = 0): string {
  const scale = assetOrThrow(asset).scale;
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const unit = 10n ** BigInt(scale);
  const whole = abs / unit;
  let frac = scale > 0 ? (abs % unit).toString().padStart(scale, "0") : "";
  frac = frac.replace(/0+$/, "");
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, "0");
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

type FormatOptions = { locale?: string; currency?: string; /** show all significant decimals (unit prices) */ exact?: boolean };

// Building an Intl.NumberFormat costs ~30 µs; a usage batch formats thousands of amounts.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, options);
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, nf);
  }
  return nf;
}

/**
 * Display an amount with Intl for the customer's locale: money as currency, credits and units as
 * numbers with their word. Intl receives a decimal string, so no precision is lost.
 */
export function formatMoney(m: Money | { amount: bigint; asset: string }, opts: FormatOptions = {}): string {
  const locale = opts.locale ?? "en-US";
  const asset = assetOrThrow(m.asset);
  const decimal = toDecimalString(m.amount, asset.code);
  // Intl.NumberFormat.format accepts decimal strings exactly (ES2023 "Intl.NumberFormat v3").
  const value = decimal as unknown as number;
  if (asset.currency) {
    // The amount's own currency: an amount is never shown in another currency's sign.
    const currency = asset.currency;
    const minor = asset.minorDigits ?? 2;
    const maximumFractionDigits = opts.exact ? asset.scale : minor;
    const nf = numberFormat(`${locale}|${currency}|${minor}|${maximumFractionDigits}`, locale, {
      style: "currency",
      currency,
      minimumFractionDigits: minor,
      maximumFractionDigits,
      roundingMode: "halfEven",
    } as Intl.NumberFormatOptions);
    return nf.format(value);
  }
  const nf = numberFormat(`${locale}||${asset.scale}`, locale, { maximumFractionDigits: asset.scale, roundingMode: "halfEven" } as Intl.NumberFormatOptions);
  const n = nf.format(value);
  // The unit's word agrees with the count in the reader's language (English: only exactly 1 is
  // singular — "1 credit", "1.5 credits"); the count itself is already written, exactly, above.
  if (asset.code === "CREDIT") return quickWord(locale, "units.credit")({ count: Number(decimal), amount: n });
  if (asset.code === "API_CALL") return quickWord(locale, "units.apiCall")({ count: Number(decimal), amount: n });
  return quickWord(locale, "units.other")({ amount: n, name: asset.name });
}

/** Whole minor units of a currency (opts.currency, default USD) for display on invoices and charges. */
export function formatCents(cents: bigint, opts: FormatOptions = {}): string {
  return formatMoney({ amount: cents * USD_MICROS_PER_CENT, asset: opts.currency ?? "USD" }, opts);
}

/** Minor units as a plain decimal string of the currency ("1234.56" EUR, "1235" JPY, "1.234" KWD). */
export function minorToDecimal(minor: bigint, currency: string): string {
  const digits = assetOrThrow(currency).minorDigits ?? 2;
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const unit = 10n ** BigInt(digits);
  const frac = digits > 0 ? `.${(abs % unit).toString().padStart(digits, "0")}` : "";
  return `${negative ? "-" : ""}${abs / unit}${frac}`;
}

/** The JSON shape of an amount in the merchant API (DESIGN §8). */
export function amountJson(m: { amount: bigint; asset: string }, locale = "en-US") {
  const asset = assetOrThrow(m.asset);
  return {
    asset: asset.code,
    amount: m.amount.toString(),
    scale: asset.scale,
    formatted: formatMoney(m, { locale, exact: true }),
  };
}

/** The sign a person writes before an amount of the currency ("$", "€", "¥"), in their locale. */
export function currencySymbol(currency: string, locale = "en-US"): string {
  const parts = numberFormat(`${locale}|${currency}|symbol`, locale, { style: "currency", currency }).formatToParts(0);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}
