// The chart of accounts: which ledger accounts a merchant and a customer have, and their ids.
// Customer wallets are credit-normal (credits add, debits spend) and may never go below zero;
// the overage account is a receivable (the customer owes it) and may.
import { rulesFor } from "./models";
import type { ConsumptionModel } from "./plans";
import { MERCHANT_ACCOUNTS, type CustomerBucket, type MerchantAccountName, type PeriodBucket, type WalletAccountSpec } from "./terms";

export { MERCHANT_ACCOUNTS };
export type { CustomerBucket, MerchantAccountName, PeriodBucket, WalletAccountSpec };

/** A merchant account's id; money accounts are per currency (USD's without a suffix, as they always were). */
export function merchantAccountId(merchantId: string, name: MerchantAccountName, currency = "USD"): string {
  return MERCHANT_ACCOUNTS[name] === "MONEY" && currency !== "USD" ? `${merchantId}:${name}:${currency}` : `${merchantId}:${name}`;
}

/** The asset of a merchant account in a currency. */
export function merchantAccountAsset(name: MerchantAccountName, currency: string): string {
  const a = MERCHANT_ACCOUNTS[name];
  return a === "MONEY" ? currency : a;
}

export function customerAccountId(customerId: string, bucket: CustomerBucket): string {
  return `${customerId}:${bucket}`;
}

export function periodAccountId(customerId: string, bucket: PeriodBucket, periodStart: Date): string {
  return `${customerId}:${bucket}:${periodStart.toISOString()}`;
}

/** One account per purchased-credit lot (a pack purchase), spent by oldest expiry. */
export function lotAccountId(customerId: string, lotKey: string): string {
  return `${customerId}:lot:${lotKey}`;
}

/** The account of a bucket: the customer's own, or this period's. */
export function bucketAccountId(customerId: string, bucket: CustomerBucket | PeriodBucket, periodStart: Date): string {
  return bucket === "balance" ? customerAccountId(customerId, bucket) : periodAccountId(customerId, bucket, periodStart);
}


/** The wallet accounts a customer on a plan of this model has in each period. */
export function walletAccountsFor(model: ConsumptionModel): WalletAccountSpec[] {
  return [...rulesFor(model).walletAccounts];
}

export function walletAccountId(customerId: string, spec: Pick<WalletAccountSpec, "bucket" | "perPeriod">, periodStart: Date): string {
  return spec.perPeriod
    ? periodAccountId(customerId, spec.bucket as PeriodBucket, periodStart)
    : customerAccountId(customerId, spec.bucket as CustomerBucket);
}
