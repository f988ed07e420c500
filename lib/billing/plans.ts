// Plans and their consumption models (DESIGN §2, §5), as plain data. A plan is one of three
// shapes, discriminated on `model`; what each model means (rating, renewal, forecast, alerts,
// words) lives in lib/billing/models/<model>.ts, reached through rulesFor(plan).
import type { AssetCode } from "@/lib/ledger/assets";
import { formatMoney } from "./money";
import { rulesFor } from "./models";
import { billingWords } from "./words";
import type { BalancePlan, ConsumptionModel, CreditPack, CreditsPlan, PlanAction, PlanBase, PlanColumns, PlanDef, PlanOf, ZeroBalancePolicy } from "./terms";
import { actionName, actionUnit } from "./action-words";
import { DEMO_ACTION_WORDS } from "./demo-words";

export type { ConsumptionModel, CreditPack, PlanAction, PlanDef, ZeroBalancePolicy };

const NO_PLAN_COLUMNS: PlanColumns = {
  meterAsset: null,
  includedUnits: null,
  overagePriceMicros: null,
  allowanceMilli: null,
  rolloverCapMilli: null,
  purchasedExpiryMonths: null,
  grantMicros: null,
  topUpMinMicros: null,
  topUpMaxMicros: null,
};

/** The plan's model-specific fields as columns, null where its model has none. */
export function planColumns(plan: PlanDef): PlanColumns {
  return { ...NO_PLAN_COLUMNS, ...rulesFor(plan).columns(plan) };
}

/** A plan from its common fields and its stored columns (the columns of other models are ignored). */
export function planFromColumns(model: ConsumptionModel, base: PlanBase, columns: PlanColumns): PlanDef {
  return rulesFor(model).fromColumns(base, columns);
}

/** The asset an action's cost is counted in. */
export function usageAsset(plan: PlanDef): AssetCode {
  return rulesFor(plan).usageAsset(plan);
}

/** A demo plan by code, typed by its model. */
export function demoPlan<M extends ConsumptionModel>(model: M, code: string): PlanOf<M> {
  const plan = DEMO_PLANS.find((p) => p.code === code);
  if (!plan || plan.model !== model) throw new Error(`No ${model} demo plan ${code}`);
  return plan as PlanOf<M>;
}

const M = 1_000_000n;

/** The demo merchant's plans, exactly as DESIGN §2 names them. */
export const DEMO_PLANS: PlanDef[] = [
  {
    code: "api_pro",
    name: "API Pro",
    model: "metered",
    currency: "USD",
    priceMicros: 99n * M,
    intervalMonths: 1,
    zeroBalancePolicy: "overage",
    meterAsset: "API_CALL",
    includedUnits: 10_000n,
    overagePriceMicros: 10_000n, // $0.01
    actions: [{ code: "api_call", name: "API call", unitCost: 1n, unitLabel: "call", translations: DEMO_ACTION_WORDS.api_call }],
    packs: [],
  },
  {
    code: "creator",
    name: "Creator",
    model: "credits",
    currency: "USD",
    priceMicros: 49n * M,
    intervalMonths: 1,
    zeroBalancePolicy: "block",
    allowanceMilli: 1_000_000n, // 1,000 credits
    rolloverCapMilli: null,
    purchasedExpiryMonths: 12,
    actions: [
      { code: "image_generation", name: "Image generation", unitCost: 10_000n, unitLabel: "image", translations: DEMO_ACTION_WORDS.image_generation },
      { code: "voice_transcription", name: "Voice transcription", unitCost: 3_000n, unitLabel: "transcription", translations: DEMO_ACTION_WORDS.voice_transcription },
      { code: "agent_run", name: "Agent run", unitCost: 25_000n, unitLabel: "run", translations: DEMO_ACTION_WORDS.agent_run },
    ],
    packs: [
      { code: "pack_500", name: "500 credits", creditsMilli: 500_000n, priceMicros: 25n * M, expiryMonths: 12 },
      { code: "pack_2000", name: "2,000 credits", creditsMilli: 2_000_000n, priceMicros: 80n * M, expiryMonths: 12 },
    ],
  },
  {
    code: "platform",
    name: "Platform",
    model: "balance",
    currency: "USD",
    priceMicros: 50n * M,
    intervalMonths: 1,
    zeroBalancePolicy: "block",
    grantMicros: 50n * M,
    topUpMinMicros: 10n * M,
    topUpMaxMicros: 5_000n * M,
    actions: [
      { code: "gb_hour", name: "Memory (GB-hour)", unitCost: 2_000n, unitLabel: "GB-hour", translations: DEMO_ACTION_WORDS.gb_hour }, // $0.002
      { code: "build_minute", name: "Build minute", unitCost: 40_000n, unitLabel: "minute", translations: DEMO_ACTION_WORDS.build_minute }, // $0.04
    ],
    packs: [],
  },
];

/** The demo's same products for customers billed in euros and in yen (ledger units: 10,000 per cent or yen). */
export const DEMO_PLANS_ABROAD: PlanDef[] = [
  {
    ...(DEMO_PLANS[1] as CreditsPlan),
    code: "creator_eur",
    currency: "EUR",
    priceMicros: 45n * M,
    packs: [
      { code: "pack_500", name: "500 credits", creditsMilli: 500_000n, priceMicros: 23n * M, expiryMonths: 12 },
      { code: "pack_50000", name: "50,000 credits", creditsMilli: 50_000_000n, priceMicros: 1_234_560_000n, expiryMonths: 12 }, // €1,234.56
    ],
  },
  {
    ...(DEMO_PLANS[2] as BalancePlan),
    code: "platform_jpy",
    currency: "JPY",
    priceMicros: 75_000_000n, // ¥7,500
    grantMicros: 75_000_000n,
    topUpMinMicros: 10_000_000n, // ¥1,000
    topUpMaxMicros: 5_000_000_000n, // ¥500,000
    actions: [
      { code: "gb_hour", name: "Memory (GB-hour)", unitCost: 3_000n, unitLabel: "GB-hour", translations: DEMO_ACTION_WORDS.gb_hour }, // ¥0.3
      { code: "build_minute", name: "Build minute", unitCost: 60_000n, unitLabel: "minute", translations: DEMO_ACTION_WORDS.build_minute }, // ¥6
    ],
  },
];

/** A plan must be internally consistent before it can be used. Returns the problems found. */
export function validatePlan(p: PlanDef): string[] {
  const problems: string[] = [];
  if (p.priceMicros < 0n) problems.push("price cannot be negative");
  if (p.actions.length === 0) problems.push("a plan needs at least one action");
  for (const a of p.actions) if (a.unitCost <= 0n) problems.push(`action ${a.code} needs a positive cost`);
  return [...problems, ...rulesFor(p).validate(p)];
}

/** "Image generation — 10 credits per image", "API call — 1 API call each": in the reader's language. */
export function describeAction(plan: PlanDef, a: PlanAction, locale = "en-US"): string {
  const cost = formatMoney({ amount: a.unitCost, asset: usageAsset(plan) }, { locale, exact: true });
  // The action's name and unit are the merchant's words, in the reader's language where the catalogue has them.
  return billingWords(locale)("action.perUnit", { name: actionName(a, locale), cost, unit: actionUnit(a, 1n, locale) });
}

/** The plan's policies in plain words, for the portal ("How your plan works"), in the reader's language. */
export function describePolicies(plan: PlanDef, locale = "en-US"): string[] {
  const f = (amount: bigint, asset: AssetCode) => formatMoney({ amount, asset }, { locale, exact: true });
  return rulesFor(plan).policyLines(plan, { t: billingWords(locale), f });
}
