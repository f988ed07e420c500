// Balance (DESIGN §2): the customer thinks in money. The recurring price is granted as the same
// amount of usable balance (once the renewal invoice is paid); actions cost money from the price
// table; when the balance runs out the customer adds funds (or is blocked).
import { formatMoney } from "../money";
import { MONEY, type BalancePlan } from "../terms";
import { billingWords } from "../words";
import { noOverage, scopedWord, whenRunOut } from "./shared";
import type { ConsumptionModelRules } from "./types";

export const balanceRules: ConsumptionModelRules<BalancePlan> = {
  model: "balance",
  get label() {
    return scopedWord("balance", "label");
  },
  get kindWords() {
    return scopedWord("balance", "kind");
  },

  defaultUsageAsset: MONEY,
  usageAsset: (plan) => plan.currency,
  validate(p) {
    const problems = noOverage(p);
    if (p.grantMicros === null) problems.push("balance plans need a recurring grant");
    if (p.topUpMinMicros === null || p.topUpMaxMicros === null || p.topUpMinMicros > p.topUpMaxMicros) {
      problems.push("balance plans need add-funds limits (min ≤ max)");
    }
    return problems;
  },
  columns: (p) => ({ grantMicros: p.grantMicros, topUpMinMicros: p.topUpMinMicros, topUpMaxMicros: p.topUpMaxMicros }),
  fromColumns: (base, c) => ({ ...base, model: "balance", grantMicros: c.grantMicros, topUpMinMicros: c.topUpMinMicros, topUpMaxMicros: c.topUpMaxMicros }),
  policyLines: (plan, { t, f }) => [
    t("policies.balance.grant", { price: f(plan.priceMicros, plan.currency), months: plan.intervalMonths, grant: f(plan.grantMicros ?? 0n, plan.currency) }),
    t("policies.balance.funds", { min: f(plan.topUpMinMicros ?? 0n, plan.currency), max: f(plan.topUpMaxMicros ?? 0n, plan.currency) }),
    whenRunOut(plan, "addFunds", t),
  ],
  periodAllowance: (plan) => (plan.grantMicros ? { asset: plan.currency, amount: plan.grantMicros } : null),
  describeAllowance: (plan, { t, f }) => t("allowance.balance", { allowance: f(balanceRules.periodAllowance(plan)?.amount ?? 0n, plan.currency) }),
  priceLine: () => null,
  get spentLabel() {
    return scopedWord("balance", "spentLabel");
  },
  get usageWord() {
    return scopedWord("balance", "usageWord");
  },

  walletAccounts: [{ bucket: "balance", asset: MONEY, noOverdraft: true, perPeriod: false }],
  allowanceBucket: null,
  tracksOverage: false,
  topUp: {
    kind: "funds",
    thresholdAsset: MONEY,
    autoTopUpDefaults: (plan) => ({ threshold: 10_000_000n, amountMicros: plan.topUpMinMicros ?? 10_000_000n, monthlyCapMicros: 500_000_000n }),
    href: "/funds",
    purchasedExpiryMonths: () => null,
    fundsLimits: (plan) => ({ minMicros: plan.topUpMinMicros ?? 0n, maxMicros: plan.topUpMaxMicros ?? 0n }),
  },

  overageUnitPrice: () => null,
  overageTerms: () => null,
  shortfallReason: "insufficient_balance",

  periodGrant: (plan, { paidFromCash }) =>
    plan.grantMicros && plan.grantMicros > 0n ? { asset: plan.currency, amount: plan.grantMicros, from: paidFromCash ? "cash" : "grants", to: "balance" } : null,
  grantTo: "balance",
  upgradeGrantFrom: "grants",
  grantsWhenRenewalPaid: true,
  periodExpiry: null,
  rolloverCap: () => null,
  invoicesAfterClose: false,
  feeLineNote: (priceMicros, locale, currency) => billingWords(locale)("invoice.balanceNote", { amount: formatMoney({ amount: priceMicros, asset: currency }, { locale }) }),

  forecastOutlook: ({ withinPeriod }) => ({ capReachedAt: null, suggestion: withinPeriod ? "add_funds" : "none" }),
  forecastWords: ({ t, state, rate, runsOutText }) =>
    state === "used_up" ? t("forecast.balance.usedUp") : state === "lasts" ? t("forecast.balance.lasts", { rate }) : t("forecast.balance.runsOut", { rate, date: runsOutText }),
  // A Balance plan has no per-period allowance, so no usage alert counts one.
  get allowanceNoun() {
    return scopedWord("balance", "allowanceNoun");
  },
  exhaustedWords: () => "Purchased credits are spent next; buy a pack to keep going.",
  lowBalanceWords: { what: "balance", action: "Add funds" },

  overview: (plan, { wallet, asset, amount }) => ({
    remaining: wallet.usable.available,
    overage: null,
    sections: { balance: { left: amount(wallet.usable.available, asset), grant: plan.grantMicros ? amount(plan.grantMicros, plan.currency) : null } },
  }),

  get keepsWords() {
    return scopedWord("balance", "keeps");
  },
  upgradeKeepsWords: (extra, t) => (extra ? t("planChange.upgradeKeeps.balanceExtra", { extra }) : t("planChange.upgradeKeeps.balance")),
  periodEndWords: ({ from, to, held, t, f }) =>
    from.model !== to.model && held.balanceMicros && held.balanceMicros > 0n
      ? [t("planChange.periodEnd.balance", { balance: f(held.balanceMicros, from.currency), plan: to.name })]
      : [],
};
