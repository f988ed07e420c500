// Credits (DESIGN §2): the customer thinks in credits. The recurring price buys a credit allowance
// each period (unused plan credits expire at renewal, or roll over up to a cap); actions burn
// credits from the burn table; when they run out the customer buys a credit pack (or is blocked).
import type { CreditsPlan } from "../terms";
import { noOverage, percent, scopedWord, whenRunOut } from "./shared";
import type { ConsumptionModelRules } from "./types";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { billingWords } from "../words";

export const creditsRules: ConsumptionModelRules<CreditsPlan> = {
  model: "credits",
  get label() {
    return scopedWord("credits", "label");
  },
  get kindWords() {
    return scopedWord("credits", "kind");
  },

  defaultUsageAsset: "CREDIT",
  usageAsset: () => "CREDIT",
  validate(p) {
    const problems = noOverage(p);
    if (p.allowanceMilli === null || p.allowanceMilli < 0n) problems.push("credits plans need an allowance");
    return problems;
  },
  columns: (p) => ({ allowanceMilli: p.allowanceMilli, rolloverCapMilli: p.rolloverCapMilli, purchasedExpiryMonths: p.purchasedExpiryMonths }),
  fromColumns: (base, c) => ({ ...base, model: "credits", allowanceMilli: c.allowanceMilli, rolloverCapMilli: c.rolloverCapMilli, purchasedExpiryMonths: c.purchasedExpiryMonths }),
  policyLines: (plan, { t, f }) => [
    t("policies.credits.gives", { price: f(plan.priceMicros, plan.currency), months: plan.intervalMonths, allowance: f(plan.allowanceMilli ?? 0n, "CREDIT") }),
    plan.rolloverCapMilli ? t("policies.credits.rollover", { cap: f(plan.rolloverCapMilli, "CREDIT") }) : t("policies.credits.expire"),
    plan.purchasedExpiryMonths ? t("policies.credits.orderPurchasedLast", { months: plan.purchasedExpiryMonths }) : t("policies.credits.order"),
    whenRunOut(plan, "buyPack", t),
  ],
  periodAllowance: (plan) => (plan.allowanceMilli ? { asset: "CREDIT", amount: plan.allowanceMilli } : null),
  describeAllowance: (plan, { t, f }) => t("allowance.credits", { allowance: f(creditsRules.periodAllowance(plan)?.amount ?? 0n, "CREDIT") }),
  priceLine: () => null,
  get spentLabel() {
    return scopedWord("credits", "spentLabel");
  },
  get usageWord() {
    return scopedWord("credits", "usageWord");
  },

  walletAccounts: [{ bucket: "plan_credits", asset: "CREDIT", noOverdraft: true, perPeriod: true }],
  allowanceBucket: "plan_credits",
  tracksOverage: false,
  topUp: {
    kind: "pack",
    thresholdAsset: "CREDIT",
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
  forecastWords: ({ t, state, rate, runsOutText }) =>
    state === "used_up" ? t("forecast.credits.usedUp") : state === "lasts" ? t("forecast.credits.lasts", { rate }) : t("forecast.credits.runsOut", { rate, date: runsOutText }),
  get allowanceNoun() {
    return scopedWord("credits", "allowanceNoun");
  },
  exhaustedWords: () => "Purchased credits are spent next; buy a pack to keep going.",
  lowBalanceWords: { what: "credits", action: "Buy a credit pack" },

  overview(_plan, { wallet, asset, amount, date, periodEnd, locale }) {
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
          order: billingWords(locale ?? displayLocale(null))("policies.credits.order"),
        },
      },
    };
  },

  get keepsWords() {
    return scopedWord("credits", "keeps");
  },
  upgradeKeepsWords: (extra, t) => (extra ? t("planChange.upgradeKeeps.creditsExtra", { extra }) : t("planChange.upgradeKeeps.credits")),
  periodEndWords: ({ from, to, date, held, t, f }) =>
    from.model === to.model
      ? []
      : [
          held.purchasedCredits && held.purchasedCredits > 0n
            ? t("planChange.periodEnd.creditsPurchased", { date, purchased: f(held.purchasedCredits, "CREDIT"), plan: to.name })
            : t("planChange.periodEnd.credits", { date }),
        ],
};
