// Assets the ledger knows. Every amount is an integer in the asset's smallest unit: an amount of
// 1_500 CREDIT at scale 3 is 1.5 credits; 2_000 USD at scale 6 is $0.002.
//
// Money is one asset per ISO 4217 currency (the currency-codes package's table: USD/EUR/GBP have 2
// minor digits, JPY/KRW 0, KWD/BHD 3). The ledger keeps every currency to 1/10,000 of its minor
// unit (scale = minor digits + 4: USD 6, JPY 4, KWD 7), so a per-call price can be a fraction of a
// cent or a yen while every charge is a whole number of minor units — and converting between the
// ledger and a card charge is the same ×/÷ 10,000 in every currency.
import { code as isoCurrency } from "currency-codes";

/** "CREDIT", "API_CALL", or an ISO 4217 currency code ("USD", "EUR", "JPY"). */
export type AssetCode = string;

type AssetDef = {
  code: AssetCode;
  scale: number;
  name: string;
  /** ISO currency when the asset is money. */
  currency?: string;
  /** ISO 4217 minor digits (what a card can be charged in) when the asset is money. */
  minorDigits?: number;
};

/** Ledger units per minor unit of every currency (1 cent = 10,000 USD ledger units; 1 yen = 10,000). */
export const LEDGER_UNITS_PER_MINOR = 10_000n;
const SUB_MINOR_DIGITS = 4;

const UNITS: Record<string, AssetDef> = {
  CREDIT: { code: "CREDIT", scale: 3, name: "credit" },
  API_CALL: { code: "API_CALL", scale: 0, name: "API call" },
};

// Not money a customer pays in: precious metals, SDR and other bond units, fund codes, the test code.
const NOT_PAYABLE = new Set(["XAU", "XAG", "XPT", "XPD", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XTS", "XXX", "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"]);

const money = new Map<string, AssetDef | null>();

/** The money asset of an ISO 4217 currency, or null when the code is not a payable currency. */
function currencyAsset(code: string): AssetDef | null {
  if (!/^[A-Z]{3}$/.test(code) || NOT_PAYABLE.has(code)) return null;
  let def = money.get(code);
  if (def === undefined) {
    const iso = isoCurrency(code);
    def = iso && Number.isInteger(iso.digits) ? { code, scale: iso.digits + SUB_MINOR_DIGITS, name: iso.currency, currency: code, minorDigits: iso.digits } : null;
    money.set(code, def);
  }
  return def;
}

export function isCurrency(code: string): boolean {
  return currencyAsset(code) !== null;
}

export function isAssetCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(UNITS, code) || isCurrency(code);
}

export function assetOrThrow(code: string): AssetDef {
  const def = Object.prototype.hasOwnProperty.call(UNITS, code) ? UNITS[code]! : currencyAsset(code);
  if (!def) throw new Error(`Unknown asset ${code}`);
  return def;
}

/** The assets every install has (units and the default currency); other currencies are added with their first plan. */
export const BASE_ASSETS: AssetDef[] = [UNITS.CREDIT!, UNITS.API_CALL!, currencyAsset("USD")!];
