// The chart of accounts: which ledger accounts a merchant and a customer have, and their ids.
// Customer wallets are credit-normal (credits add, debits spend) and may never go below zero;
// the overage account is a receivable (the customer owes it) and may.
import type { AssetCode } from "@/lib/ledger/assets";
import { rulesFor } from "./models";
import type { ConsumptionModel } from "./plans";

export const MERCHANT_ACCOUNTS = {
  credits_issued: "CREDIT",
  credits_used: "CREDIT",
  credits_expired: "CREDIT",
  units_issued: "API_CALL",
  units_used: "API_CALL",
  units_expired: "API_CALL",
  /** Money received from payments (debit-normal). */
  cash: "USD",
  /** Money earned from subscriptions, packs and usage of balance. */
  revenue: "USD",
  /** Overage billed at period end. */
  overage_revenue: "USD",
  tax_payable: "USD",
  /** Balance given without payment (goodwill, demo). */
  grants: "USD",
  /** Money balance taken back when a payment is refunded or disputed. */
  refunds: "USD",
  /** The sub-cent difference between an invoice's exact total and the whole cents charged. */
  rounding: "USD",
} as const satisfies Record<string, AssetCode>;

export type MerchantAccountName = keyof typeof MERCHANT_ACCOUNTS;

export function merchantAccountId(merchantId: string, name: MerchantAccountName): string {
  return `${merchantId}:${name}`;
}

/** Buckets that persist across periods (one account each). */
export type CustomerBucket = "balance";
/** Buckets that belong to one period (one account per period): read in O(1) for that period. */
export type PeriodBucket = "included_usage" | "plan_credits" | "overage";

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

export type WalletAccountSpec = { bucket: CustomerBucket | PeriodBucket; asset: AssetCode; noOverdraft: boolean; perPeriod: boolean };

/** The wallet accounts a customer on a plan of this model has in each period. */
export function walletAccountsFor(model: ConsumptionModel): WalletAccountSpec[] {
  return [...rulesFor(model).walletAccounts];
}

export function walletAccountId(customerId: string, spec: Pick<WalletAccountSpec, "bucket" | "perPeriod">, periodStart: Date): string {
  return spec.perPeriod
    ? periodAccountId(customerId, spec.bucket as PeriodBucket, periodStart)
    : customerAccountId(customerId, spec.bucket as CustomerBucket);
}
