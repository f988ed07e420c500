// Money and units: integers in the smallest unit of their asset, never floats (DESIGN §3).
// Rounding happens in one place — roundHalfEven — and only where the design says so (the invoice
// total, in whole cents).
import { ASSETS, assetOrThrow, isAssetCode, type AssetCode } from "@/lib/ledger/assets";

export type Money = { amount: bigint; asset: AssetCode };

export const USD_MICROS_PER_CENT = 10_000n;
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

/** USD micros → whole cents, half-even. The one rounding rule of every invoice total. */
/** Whole cents as USD micros (exact: every cent is 10,000 micros). */
export function centsToMicros(cents: bigint): bigint {
  return cents * USD_MICROS_PER_CENT;
}

/** Whether USD micros are a whole number of cents (what a card can be charged). */
export function isWholeCents(micros: bigint): boolean {
  return micros % USD_MICROS_PER_CENT === 0n;
}

export function microsToCentsHalfEven(micros: bigint): bigint {
  return divRoundHalfEven(micros, USD_MICROS_PER_CENT);
}

export const ROUNDING_RULE =
  "Amounts are kept to the millionth of a dollar and shown rounded to the cent, half to even; the total charged is their exact sum, rounded once.";

/**
 * Parse a decimal string ("12.5", "0.002") into minor units of `asset`, exactly. Refuses more
 * decimals than the asset's scale, signs, exponents and anything that is not a plain number.
 */
export function parseDecimal(text: string, asset: AssetCode): bigint {
  const scale = ASSETS[asset].scale;
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
  const asset = isAssetCode(m.asset) ? ASSETS[m.asset] : assetOrThrow(m.asset);
  const decimal = toDecimalString(m.amount, asset.code);
  // Intl.NumberFormat.format accepts decimal strings exactly (ES2023 "Intl.NumberFormat v3").
  const value = decimal as unknown as number;
  if (asset.currency) {
    const currency = opts.currency ?? asset.currency;
    const maximumFractionDigits = opts.exact ? asset.scale : 2;
    const nf = numberFormat(`${locale}|${currency}|${maximumFractionDigits}`, locale, {
      style: "currency",
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits,
      roundingMode: "halfEven",
    } as Intl.NumberFormatOptions);
    return nf.format(value);
  }
  const nf = numberFormat(`${locale}||${asset.scale}`, locale, { maximumFractionDigits: asset.scale, roundingMode: "halfEven" } as Intl.NumberFormatOptions);
  const n = nf.format(value);
  if (asset.code === "CREDIT") return `${n} ${m.amount === 1_000n ? "credit" : "credits"}`;
  if (asset.code === "API_CALL") return `${n} ${m.amount === 1n ? "API call" : "API calls"}`;
  return `${n} ${asset.name}`;
}

/** Whole cents for display on invoices and charges. */
export function formatCents(cents: bigint, opts: FormatOptions = {}): string {
  return formatMoney(usd(cents * USD_MICROS_PER_CENT), opts);
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
