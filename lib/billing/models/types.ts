// One consumption model's rules (DESIGN §2): everything Portico decides differently for a
// Metered, a Credits or a Balance plan, behind one interface. Each model is one file beside this
// one; lib/billing/models/index.ts maps a plan to its rules. Adding a model is a new file here,
// an entry in the registry, and whatever the compiler then asks for.
import type { AssetCode } from "@/lib/ledger/assets";
import type { Say } from "../words";
import type { ConsumptionModel, CustomerBucket, ForecastInput, MerchantAccountName, MONEY, PeriodBucket, PlanAction, PlanBase, PlanColumns, PlanDef, RejectReason, Suggestion, WalletAccountSpec } from "../terms";

/** Formats an amount of an asset for the words a rule writes. */
type Fmt = (amount: bigint, asset: AssetCode) => string;

/**
 * What a rule writes its words with, in the reader's language: the billing words
 * (messages/<language>/billing-words.json, lib/billing/words.ts) and amounts formatted alike.
 */
type Words = { t: Say; f: Fmt };

/** Where the runway forecast stands, for its words (lib/billing/forecast.ts decides). */
type ForecastWordsContext = {
  t: Say;
  /** Spendable units are already gone; they last beyond the period; or they run out on `runsOutText`. */
  state: "used_up" | "lasts" | "runs_out";
  /** The rate, rounded for reading ("100 credits", "$4.00"): "about <rate> a day". */
  rate: string;
  runsOutText: string;
  capReachedAt: Date | null;
  suggestion: Suggestion;
  input: Pick<ForecastInput, "now" | "overage">;
  date: (d: Date) => string;
};

/** The plan's top-up product, when it has one: credit packs or funds of a chosen amount. */
type TopUpRules<P extends PlanDef = PlanDef> = {
  kind: "pack" | "funds";
  /** The asset a low-balance threshold and the auto top-up's trigger are counted in. */
  /** "MONEY": the plan's currency. */
  thresholdAsset: "CREDIT" | typeof MONEY;
  /** The auto top-up form's defaults: trigger threshold, amount (funds), monthly cap (USD micros). */
  autoTopUpDefaults(plan: P): { threshold: bigint; amountMicros: bigint; monthlyCapMicros: bigint };
  /** The page that sells it. */
  href: string;
  /** Packs: how long purchased credits last when the pack names no expiry. */
  purchasedExpiryMonths(plan: P): number | null;
  /** Funds: the amount a top-up may add (USD micros). */
  fundsLimits(plan: P): { minMicros: bigint; maxMicros: bigint };
};

/** An amount as the overview serves it: minor units as a string, beside its display text. */
export type Amount = { amount: string; formatted: string };

/** What the overview knows of the wallet (lib/services/usage/wallet.ts reads it). */
type OverviewWallet = {
  usable: { available: bigint };
  included: { granted: bigint; used: bigint; left: bigint } | null;
  overage: { accruedMicros: bigint; capMicros: bigint | null } | null;
  buckets: readonly { accountId: string; bucket: string; credited: bigint; available: bigint; expiresAt: Date | null }[];
};

export type MeteredOverview = {
  granted: Amount;
  used: Amount;
  left: Amount;
  usedPercent: number;
  policy: string;
  overageUnits: Amount;
  overageCost: Amount;
  unitPrice: Amount;
  cap: Amount | null;
  capUsedPercent: number | null;
  capReached: boolean;
};
export type CreditsOverview = {
  plan: { granted: Amount; used: Amount; left: Amount; usedPercent: number; resetsText: string } | null;
  purchased: { total: Amount; lots: { id: string; left: Amount; expiresText: string | null }[] };
  order: string;
};
export type BalanceOverview = { left: Amount; grant: Amount | null };
/** The overview's model section: each model fills its own. */
type OverviewSections = { metered: MeteredOverview | null; credits: CreditsOverview | null; balance: BalanceOverview | null };

type OverviewContext = {
  wallet: OverviewWallet;
  asset: AssetCode;
  amount: (a: bigint, asset: AssetCode, exact?: boolean) => Amount;
  date: (d: Date) => string;
  periodEnd: Date;
  /** The reader's locale for the section's words (default: the portal request's, else English). */
  locale?: string;
};
/** The model's part of the overview: its section, and what the forecast counts down. */
type OverviewPart = { sections: Partial<OverviewSections>; remaining: bigint; overage: ForecastInput["overage"] };

type ForecastOutlook = { capReachedAt: Date | null; suggestion: Suggestion };

export interface ConsumptionModelRules<P extends PlanDef = PlanDef> {
  readonly model: P["model"];
  // The words a service reads off the rules (label, kindWords, spentLabel, usageWord,
  // allowanceNoun, keepsWords, the top-up hints) are in the language of the portal request reading
  // them (lib/i18n/locale-scope.ts), English outside one (the merchant API, jobs);
  // modelWord(model, key, locale) names a language explicitly.
  /** "Metered", "Credits", "Balance". */
  readonly label: string;
  /** "Metered (pay per API call, with calls included)" — the kind of plan, for a plan change. */
  readonly kindWords: string;

  // ── the plan ──
  /** The asset usage is counted in when the plan names none (a report without the plan at hand). */
  readonly defaultUsageAsset: AssetCode;
  usageAsset(plan: P): AssetCode;
  /** The model's own consistency rules (validatePlan adds the common ones). */
  validate(plan: P): string[];
  /** Its model-specific stored columns (the others are null). */
  columns(plan: P): Partial<PlanColumns>;
  /** The plan from its common fields and its stored columns. */
  fromColumns(base: PlanBase, columns: PlanColumns): P;
  /** The plan's policies in plain words ("$49.00 per month gives 1,000 credits each period."). */
  policyLines(plan: P, w: Words): string[];
  /** The allowance a plan grants each period, in its allowance asset. */
  periodAllowance(plan: P): { asset: AssetCode; amount: bigint } | null;
  /** "10,000 API calls included each period, then …". */
  describeAllowance(plan: P, w: Words): string;
  /** A usage-page price-table line, or null for describeAction's. */
  priceLine(plan: P, action: PlanAction, locale: string): string | null;
  /** The overview's label for this period's usage cost ("Used this period", "Spent this period"). */
  readonly spentLabel: string;
  /** What a usage report counts: "API calls", "credits", "spend". */
  readonly usageWord: string;

  // ── the wallet ──
  /** The wallet accounts a customer on this model has (per period or for good). */
  readonly walletAccounts: readonly WalletAccountSpec[];
  /** The per-period account the allowance is granted to (null: the allowance is balance). */
  readonly allowanceBucket: PeriodBucket | null;
  /** The model keeps an overage receivable per period (and so a spending cap). */
  readonly tracksOverage: boolean;
  /** The top-up product, or null (upgrade the plan instead). */
  readonly topUp: TopUpRules<P> | null;

  // ── rating ──
  /** The price of each unit beyond the wallet, when the plan bills overage; null when it refuses. */
  overageUnitPrice(plan: P): bigint | null;
  /** The terms a closed period's overage is invoiced at (null: the plan bills none). */
  overageTerms(plan: P): { unitPriceMicros: bigint; unitAsset: AssetCode; includedUnits: bigint } | null;
  /** Why an event is refused when the wallet cannot pay it. */
  readonly shortfallReason: RejectReason;

  // ── periods and renewal ──
  /** Where the period's allowance comes from and goes to, or null when there is none. */
  periodGrant(plan: P, opts: { paidFromCash: boolean }): { asset: AssetCode; amount: bigint; from: MerchantAccountName; to: PeriodBucket | CustomerBucket } | null;
  /** The account the period's allowance (and an upgrade's extra allowance) is credited to. */
  readonly grantTo: PeriodBucket | CustomerBucket;
  /** The merchant account an upgrade's extra allowance is issued from. */
  readonly upgradeGrantFrom: MerchantAccountName;
  /** A renewed period's allowance waits for its renewal invoice to be paid (Balance). */
  readonly grantsWhenRenewalPaid: boolean;
  /** What is left of the period's allowance at its end expires to this account (null: nothing expires). */
  readonly periodExpiry: { bucket: PeriodBucket; to: MerchantAccountName; reason: string } | null;
  /** How much of the left allowance rolls over to the next period (null: none). */
  rolloverCap(plan: P): bigint | null;
  /** The renewal invoice waits for the period to close (overage in arrears). */
  readonly invoicesAfterClose: boolean;
  /** Words after the fee line of a renewal invoice, in the customer's language ("" or ", granted as $50.00 of balance when paid"). */
  feeLineNote(priceMicros: bigint, locale: string, currency: string): string;

  // ── forecast and alerts ──
  /** The cap and the suggestion once the runway is known. */
  forecastOutlook(ctx: { input: ForecastInput; runsOutAt: Date | null; withinPeriod: boolean; windowCost: bigint; windowMs: number; periodEnd: Date }): ForecastOutlook;
  /** The forecast in words once there is usage: used up, lasting the period, or running out on a day. */
  forecastWords(ctx: ForecastWordsContext): string;
  /** "included API calls", "plan credits": what a usage alert counts. */
  readonly allowanceNoun: string;
  // A usage alert is recorded with its words and sent as the webhook event's too, so those stay
  // English (lib/services/webhooks/notification-words.ts words the emails).
  /** The tail of a 100 % usage alert when no overage is billed (English). */
  exhaustedWords(renews: string): string;
  /** A low-balance alert's words ("credits", "Buy a credit pack"; English), or null when there is none. */
  readonly lowBalanceWords: { what: string; action: string } | null;

  // ── the overview ──
  overview(plan: P, ctx: OverviewContext): OverviewPart;

  // ── plan pages ──
  /** What a customer keeps until a scheduled change ("your balance, to spend as now"). */
  readonly keepsWords: string;
  /** After an immediate upgrade: what happens to what the customer has (`extra` is the added allowance). */
  upgradeKeepsWords(extra: string | null, t: Say): string;
  /** Before a change at period end: what happens to what the customer holds. */
  periodEndWords(ctx: { from: P; to: PlanDef; date: string; held: { planCredits?: bigint; purchasedCredits?: bigint; balanceMicros?: bigint } } & Words): string[];
}

/** Each model's rules, by model: a missing model is a compile error. */
export type RulesRegistry = { [M in ConsumptionModel]: ConsumptionModelRules<Extract<PlanDef, { model: M }>> };
