// Credits (DESIGN §2): the customer thinks in credits. The recurring price buys a credit allowance
// each period (unused plan credits expire at renewal, or roll over up to a cap); actions burn
// credits from the burn table; when they run out the customer buys a credit pack (or is blocked).
import type { CreditsPlan } from "../terms";
import { noOverage, percent, whenRunOut } from "./shared";
import type { ConsumptionModelRules } from "./types";

export const creditsRules: ConsumptionModelRules<CreditsPlan> = {
  model: "credits",
  label: "Credits",
  kindWords: "Credits (a monthly credit allowance)",

  defaultUsageAsset: "CREDIT",
  usageAsset: () => "CREDIT",
  validate(p) {
    const problems = noOverage(p);
    if (p.allowanceMilli === null || p.allowanceMilli < 0n) problems.push("credits plans need an allowance");
    return problems;
  },
  columns: (p) => ({ allowanceMilli: p.allowanceMilli, rolloverCapMilli: p.rolloverCapMilli, purchasedExpiryMonths: p.purchasedExpiryMonths }),
  fromColumns: (base, c) => ({ ...base, model: "credits", allowanceMilli: c.allowanceMilli, rolloverCapMilli: c.rolloverCapMilli, purchasedExpiryMonths: c.purchasedExpiryMonths }),
  policyLines: (plan, price, f) => [
    `${price} gives ${f(plan.allowanceMilli ?? 0n, "CREDIT")} each period.`,
    plan.rolloverCapMilli
      ? `Unused plan credits roll over, up to ${f(plan.rolloverCapMilli, "CREDIT")}; the rest expire at renewal.`
      : "Unused plan credits expire at renewal.",
    `Plan credits are spent first, then purchased credits, the ones expiring soonest first.` +
      (plan.purchasedExpiryMonths ? ` Purchased credits last ${plan.purchasedExpiryMonths} months.` : ""),
    whenRunOut(plan, "buy a credit pack"),
  ],
  periodAllowance: (plan) => (plan.allowanceMilli ? { asset: "CREDIT", amount: plan.allowanceMilli } : null),
  describeAllowance: (plan, f) => `${f(creditsRules.periodAllowance(plan)?.amount ?? 0n, "CREDIT")} each period`,
  priceLine: () => null,
  spentLabel: "Used this period",
  usageWord: "credits",

  walletAccounts: [{ bucket: "plan_credits", asset: "CREDIT", noOverdraft: true, perPeriod: true }],
  allowanceBucket: "plan_credits",
  tracksOverage: false,
  topUp: {
    kind: "pack",
    thresholdAsset: "CREDIT",
    thresholdWholeCents: false,
    thresholdUnit: "credits",
    thresholdDecimals: 0,
    thresholdHint: "Enter the threshold in credits, e.g. 100 or 12.5.",
    autoTopUpThresholdHint: "Enter a number of credits, like 100.",
    autoTopUpDefaults: () => ({ threshold: 100_000n, amountMicros: 0n, monthlyCapMicros: 200_000_000n }),
    href: "/credits",
    purchasedExpiryMonths: (plan) => plan.purchasedExpiryMonths,
    // Credits plans sell packs, never funds.
    fundsLimits: () => ({ minMicros: 0n, maxMicros: 0n }),
  },

  overageUnitPrice: () => null,
  overageTerms: () => null,
  shortfallReason: "insufficient_credits",

  periodGrant: (plan) =>
    plan.allowanceMilli && plan.allowanceMilli > 0n ? { asset: "CREDIT", amount: plan.allowanceMilli, from: "credits_issued", to: "plan_credits" } : null,
  grantTo: "plan_credits",
  upgradeGrantFrom: "credits_issued",
  grantsWhenRenewalPaid: false,
  periodExpiry: { bucket: "plan_credits", to: "credits_expired", reason: "Unused plan credits expired at the end of the period" },
  rolloverCap: (plan) => plan.rolloverCapMilli || null,
  invoicesAfterClose: false,
  feeLineNote: () => "",

  forecastOutlook: ({ withinPeriod }) => ({ capReachedAt: null, suggestion: withinPeriod ? "buy_pack" : "none" }),
  forecastNoun: { what: "your credits", singular: false },
  usedUpWords: () => "You have no credits left: actions are refused until you buy a pack.",
  afterRunOutWords: () => "",
  allowanceNoun: "plan credits",
  exhaustedWords: () => "Purchased credits are spent next; buy a pack to keep going.",
  lowBalanceWords: { what: "credits", action: "Buy a credit pack" },

  overview(_plan, { wallet, asset, amount, date, periodEnd }) {
    const planBucket = wallet.buckets.find((b) => b.bucket === "plan_credits");
    const lots = wallet.buckets.filter((b) => b.bucket === "purchased_credits");
    return {
      remaining: wallet.usable.available,
      overage: null,
      sections: {
        credits: {
          plan: planBucket
            ? {
                granted: amount(planBucket.credited, asset),
                used: amount(planBucket.credited - planBucket.available, asset),
                left: amount(planBucket.available, asset),
                usedPercent: percent(planBucket.credited - planBucket.available, planBucket.credited),
                resetsText: date(periodEnd),
              }
            : null,
          purchased: {
            total: amount(lots.reduce((s, l) => s + l.available, 0n), asset),
            lots: lots.map((l) => ({ id: l.accountId, left: amount(l.available, asset), expiresText: l.expiresAt ? date(l.expiresAt) : null })),
          },
          order: "Plan credits are spent first, then purchased credits, the ones expiring soonest first.",
        },
      },
    };
  },

  keepsWords: "your plan credits and purchased credits, to use as now",
  upgradeKeepsWords: (extra) => `Your current credits stay${extra ? `, and ${extra} more are added now for the rest of this period` : ""}.`,
  periodEndWords: ({ from, to, date, held, f }) =>
    from.model === to.model
      ? []
      : [
          `Unused plan credits expire on ${date} as usual` +
            (held.purchasedCredits && held.purchasedCredits > 0n
              ? `; your ${f(held.purchasedCredits, "CREDIT")} of purchased credits stay in your account until they expire, but ${to.name} does not spend credits.`
              : "."),
        ],
};
