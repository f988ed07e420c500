// Plans and their consumption models (DESIGN §2, §5), as plain data, and the plain words the
// portal uses to explain them.
import type { AssetCode } from "@/lib/ledger/assets";
import { formatMoney } from "./money";

export type PlanModel = "metered" | "credits" | "balance";
export type ZeroBalancePolicy = "block" | "overage" | "auto_top_up";

export type PlanAction = {
  code: string;
  name: string;
  /** Cost of one unit of quantity in the plan's usage asset (units, milli-credits or USD micros). */
  unitCost: bigint;
  unitLabel: string;
};

export type CreditPack = {
  code: string;
  name: string;
  creditsMilli: bigint;
  priceMicros: bigint;
  expiryMonths: number | null;
};

export type PlanDef = {
  code: string;
  name: string;
  model: PlanModel;
  currency: string;
  /** Recurring price per period, USD micros. */
  priceMicros: bigint;
  intervalMonths: number;
  zeroBalancePolicy: ZeroBalancePolicy;
  meterAsset: AssetCode | null;
  includedUnits: bigint | null;
  overagePriceMicros: bigint | null;
  allowanceMilli: bigint | null;
  rolloverCapMilli: bigint | null;
  purchasedExpiryMonths: number | null;
  grantMicros: bigint | null;
  topUpMinMicros: bigint | null;
  topUpMaxMicros: bigint | null;
  actions: PlanAction[];
  packs: CreditPack[];
};

/** The asset an action's cost is counted in. */
export function usageAsset(plan: Pick<PlanDef, "model" | "meterAsset">): AssetCode {
  if (plan.model === "metered") return plan.meterAsset ?? "API_CALL";
  return plan.model === "credits" ? "CREDIT" : "USD";
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
    allowanceMilli: null,
    rolloverCapMilli: null,
    purchasedExpiryMonths: null,
    grantMicros: null,
    topUpMinMicros: null,
    topUpMaxMicros: null,
    actions: [{ code: "api_call", name: "API call", unitCost: 1n, unitLabel: "call" }],
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
    meterAsset: null,
    includedUnits: null,
    overagePriceMicros: null,
    allowanceMilli: 1_000_000n, // 1,000 credits
    rolloverCapMilli: null,
    purchasedExpiryMonths: 12,
    grantMicros: null,
    topUpMinMicros: null,
    topUpMaxMicros: null,
    actions: [
      { code: "image_generation", name: "Image generation", unitCost: 10_000n, unitLabel: "image" },
      { code: "voice_transcription", name: "Voice transcription", unitCost: 3_000n, unitLabel: "transcription" },
      { code: "agent_run", name: "Agent run", unitCost: 25_000n, unitLabel: "run" },
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
    meterAsset: null,
    includedUnits: null,
    overagePriceMicros: null,
    allowanceMilli: null,
    rolloverCapMilli: null,
    purchasedExpiryMonths: null,
    grantMicros: 50n * M,
    topUpMinMicros: 10n * M,
    topUpMaxMicros: 5_000n * M,
    actions: [
      { code: "gb_hour", name: "Memory (GB-hour)", unitCost: 2_000n, unitLabel: "GB-hour" }, // $0.002
      { code: "build_minute", name: "Build minute", unitCost: 40_000n, unitLabel: "minute" }, // $0.04
    ],
    packs: [],
  },
];

/** A plan must be internally consistent before it can be used. Returns the problems found. */
export function validatePlan(p: PlanDef): string[] {
  const problems: string[] = [];
  if (p.priceMicros < 0n) problems.push("price cannot be negative");
  if (p.actions.length === 0) problems.push("a plan needs at least one action");
  for (const a of p.actions) if (a.unitCost <= 0n) problems.push(`action ${a.code} needs a positive cost`);
  if (p.model === "metered") {
    if (p.includedUnits === null || p.includedUnits < 0n) problems.push("metered plans need included units");
    if (p.zeroBalancePolicy === "overage" && (p.overagePriceMicros ?? 0n) <= 0n) problems.push("overage needs a price");
    if (p.zeroBalancePolicy === "auto_top_up") problems.push("metered plans have no top-up product");
  } else if (p.zeroBalancePolicy === "overage") {
    problems.push("only metered plans bill overage; credits and balance plans block or top up");
  }
  if (p.model === "credits" && (p.allowanceMilli === null || p.allowanceMilli < 0n)) problems.push("credits plans need an allowance");
  if (p.model === "balance") {
    if (p.grantMicros === null) problems.push("balance plans need a recurring grant");
    if (p.topUpMinMicros === null || p.topUpMaxMicros === null || p.topUpMinMicros > p.topUpMaxMicros) {
      problems.push("balance plans need add-funds limits (min ≤ max)");
    }
  }
  return problems;
}

/** "Image generation — 10 credits per image", "API call — 1 API call each". */
export function describeAction(plan: PlanDef, a: PlanAction, locale = "en-US"): string {
  const cost = formatMoney({ amount: a.unitCost, asset: usageAsset(plan) }, { locale, exact: true });
  return `${a.name} — ${cost} per ${a.unitLabel}`;
}

/** The plan's policies in plain words, for the portal. */
export function describePolicies(plan: PlanDef, locale = "en-US"): string[] {
  const f = (amount: bigint, asset: AssetCode) => formatMoney({ amount, asset }, { locale, exact: true });
  const lines: string[] = [];
  const price = `${f(plan.priceMicros, "USD")} per ${plan.intervalMonths === 1 ? "month" : `${plan.intervalMonths} months`}`;
  if (plan.model === "metered") {
    lines.push(`${price} includes ${f(plan.includedUnits ?? 0n, usageAsset(plan))} each period; unused ones do not carry over.`);
    if (plan.zeroBalancePolicy === "overage") {
      lines.push(`Beyond that, each call costs ${f(plan.overagePriceMicros ?? 0n, "USD")}, billed at the end of the period. You can cap this overage.`);
    } else {
      lines.push("Beyond that, calls are refused until the next period.");
    }
  }
  if (plan.model === "credits") {
    lines.push(`${price} gives ${f(plan.allowanceMilli ?? 0n, "CREDIT")} each period.`);
    lines.push(
      plan.rolloverCapMilli
        ? `Unused plan credits roll over, up to ${f(plan.rolloverCapMilli, "CREDIT")}; the rest expire at renewal.`
        : "Unused plan credits expire at renewal.",
    );
    lines.push(
      `Plan credits are spent first, then purchased credits, the ones expiring soonest first.` +
        (plan.purchasedExpiryMonths ? ` Purchased credits last ${plan.purchasedExpiryMonths} months.` : ""),
    );
  }
  if (plan.model === "balance") {
    lines.push(`${price}, added to your balance as ${f(plan.grantMicros ?? 0n, "USD")} of usage each period.`);
    lines.push(`You can add funds from ${f(plan.topUpMinMicros ?? 0n, "USD")} to ${f(plan.topUpMaxMicros ?? 0n, "USD")} at a time.`);
  }
  if (plan.model !== "metered") {
    lines.push(
      plan.zeroBalancePolicy === "auto_top_up"
        ? "When you run out, your automatic top-up buys more."
        : `When you run out, actions are refused until you ${plan.model === "credits" ? "buy a credit pack" : "add funds"}.`,
    );
  }
  return lines;
}
