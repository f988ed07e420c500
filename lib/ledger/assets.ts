// Assets the ledger knows. Every amount is an integer in the asset's smallest unit: an amount of
// 1_500 CREDIT at scale 3 is 1.5 credits; 2_000 USD at scale 6 is $0.002.

export type AssetCode = "USD" | "CREDIT" | "API_CALL";

type AssetDef = {
  code: AssetCode;
  scale: number;
  name: string;
  /** ISO currency when the asset is money. */
  currency?: string;
};

export const ASSETS: Record<AssetCode, AssetDef> = {
  USD: { code: "USD", scale: 6, name: "US dollar", currency: "USD" },
  CREDIT: { code: "CREDIT", scale: 3, name: "credit" },
  API_CALL: { code: "API_CALL", scale: 0, name: "API call" },
};

export function isAssetCode(code: string): code is AssetCode {
  return Object.prototype.hasOwnProperty.call(ASSETS, code);
}

export function assetOrThrow(code: string): AssetDef {
  if (!isAssetCode(code)) throw new Error(`Unknown asset ${code}`);
  return ASSETS[code];
}
