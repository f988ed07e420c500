// The vocabulary the consumption models speak: plans and their columns, the chart of accounts'
// names, a forecast's input, why rating refuses. Types and constants only, importing nothing of
// lib/billing, so lib/billing/models/* and the modules that ask them (plans, accounts, forecast,
// rating) never import each other in a circle. Each of those modules re-exports its part.
import type { AssetCode } from "@/lib/ledger/assets";

export type ConsumptionModel = "metered" | "credits" | "balance";
export type ZeroBalancePolicy = "block" | "overage" | "auto_top_up";

/** A unit's word by Intl.PluralRules category ("one", "few", …); `other` is the one always there. */
export type UnitForms = { other: string } & Partial<Record<"zero" | "one" | "two" | "few" | "many", string>>;

/** The merchant's own words for an action in another language than English (portico.config.ts `translations`). */
export type ActionTranslations = Partial<Record<"de" | "fr" | "es" | "ja", { name?: string; unit?: UnitForms }>>;

export type PlanAction = {
  code: string;
  name: string;
  /** Cost of one unit of quantity in the plan's usage asset (units, milli-credits or USD micros). */
  unitCost: bigint;
  unitLabel: string;
  /** The name and unit in other languages; a language without them reads the English ones. */
  translations?: ActionTranslations;
};

export type CreditPack = {
  code: string;
  name: string;
  creditsMilli: bigint;
  priceMicros: bigint;
  expiryMonths: number | null;
};

/** What every plan has, whatever its model. */
export type PlanBase = {
  code: string;
  name: string;
  currency: string;
  /** Recurring price per period, USD micros. */
  priceMicros: bigint;
  intervalMonths: number;
  zeroBalancePolicy: ZeroBalancePolicy;
  actions: PlanAction[];
  /** The credit packs on sale (only Credits plans sell any; empty otherwise). */
  packs: CreditPack[];
};

/** Metered: raw units of a meter, some included each period, overage billed at period end. */
export type MeteredPlan = PlanBase & {
  model: "metered";
  meterAsset: AssetCode | null;
  includedUnits: bigint | null;
  overagePriceMicros: bigint | null;
};

/** Credits: a credit allowance each period, credit packs on top. */
export type CreditsPlan = PlanBase & {
  model: "credits";
  allowanceMilli: bigint | null;
  rolloverCapMilli: bigint | null;
  purchasedExpiryMonths: number | null;
};

/** Balance: the recurring price granted as money to spend, funds added on top. */
export type BalancePlan = PlanBase & {
  model: "balance";
  grantMicros: bigint | null;
  topUpMinMicros: bigint | null;
  topUpMaxMicros: bigint | null;
};

export type PlanDef = MeteredPlan | CreditsPlan | BalancePlan;
export type PlanOf<M extends ConsumptionModel> = Extract<PlanDef, { model: M }>;

/** Every model-specific column of a stored plan (the database row, the API, the catalogue diff). */
export type PlanColumns = {
  meterAsset: AssetCode | null;
  includedUnits: bigint | null;
  overagePriceMicros: bigint | null;
  allowanceMilli: bigint | null;
  rolloverCapMilli: bigint | null;
  purchasedExpiryMonths: number | null;
  grantMicros: bigint | null;
  topUpMinMicros: bigint | null;
  topUpMaxMicros: bigint | null;
};

/**
 * The merchant's own accounts and their asset: "MONEY" accounts exist once per currency the
 * merchant sells in (USD's keep their original ids, `mer_…:cash`; others are `mer_…:cash:EUR`).
 */
/** Stands for "the plan's currency" in a model's static rules (a wallet account, a threshold). */
export const MONEY = "MONEY";

/** An asset of a rule with MONEY read as the plan's currency. */
export function assetIn(asset: string, currency: string): AssetCode {
  return asset === MONEY ? currency : asset;
}

export const MERCHANT_ACCOUNTS = {
  credits_issued: "CREDIT",
  credits_used: "CREDIT",
  credits_expired: "CREDIT",
  units_issued: "API_CALL",
  units_used: "API_CALL",
  units_expired: "API_CALL",
  /** Money received from payments (debit-normal). */
  cash: "MONEY",
  /** Money earned from subscriptions, packs and usage of balance. */
  revenue: "MONEY",
  /** Overage billed at period end. */
  overage_revenue: "MONEY",
  tax_payable: "MONEY",
  /** Balance given without payment (goodwill, demo). */
  grants: "MONEY",
  /** Money balance taken back when a payment is refunded or disputed. */
  refunds: "MONEY",
  /** The sub-cent difference between an invoice's exact total and the whole cents charged. */
  rounding: "MONEY",
} as const satisfies Record<string, AssetCode | "MONEY">;

export type MerchantAccountName = keyof typeof MERCHANT_ACCOUNTS;

/** Buckets that persist across periods (one account each). */
export type CustomerBucket = "balance";
/** Buckets that belong to one period (one account per period): read in O(1) for that period. */
export type PeriodBucket = "included_usage" | "plan_credits" | "overage";

export type WalletAccountSpec = { bucket: CustomerBucket | PeriodBucket; asset: AssetCode; noOverdraft: boolean; perPeriod: boolean };

export type DailyCost = {
  /** UTC midnight of the day. */
  day: Date;
  /** Usage cost that day, in the plan's usage asset (units, milli-credits or USD micros). */
  cost: bigint;
};

export type ForecastInput = {
  model: ConsumptionModel;
  asset: AssetCode;
  now: Date;
  periodEnd: Date;
  /** When usage could first have been recorded (the subscription's start): a newer customer's
   *  rate is taken over the days they have had, not diluted over seven. */
  since: Date;
  daily: readonly DailyCost[];
  /** What can still be spent: included units left (Metered), usable credits, or balance. */
  remaining: bigint;
  /** Metered only. */
  overage?: { policy: ZeroBalancePolicy; unitPriceMicros: bigint; accruedMicros: bigint; capMicros: bigint | null } | null;
};

export type Suggestion = "buy_pack" | "add_funds" | "raise_cap" | "upgrade" | "set_cap" | "none";

export type RejectReason =
  | "unknown_action"
  | "invalid_quantity"
  | "insufficient_credits"
  | "insufficient_balance"
  | "included_usage_exhausted"
  | "spending_cap_reached";

