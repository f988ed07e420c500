// Balance (DESIGN §2): the customer thinks in money. The recurring price is granted as the same
// amount of usable balance (once the renewal invoice is paid); actions cost money from the price
// table; when the balance runs out the customer adds funds (or is blocked).
import { formatMoney } from "../money";
import { MONEY, type BalancePlan } from "../terms";
import { noOverage, whenRunOut } from "./shared";
import type { ConsumptionModelRules } from "./types";

export const balanceRules: ConsumptionModelRules<BalancePlan> = {
  model: "balance",
  label: "Balance",
  kindWords: "Balance (a monthly amount of money to spend)",

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
  policyLines: (plan, price, f) => [
    `${price}, added to your balance as ${f(plan.grantMicros ?? 0n, plan.currency)} of usage each period.`,
    `You can add funds from ${f(plan.topUpMinMicros ?? 0n, plan.currency)} to ${f(plan.topUpMaxMicros ?? 0n, plan.currency)} at a time.`,
    whenRunOut(plan, "add funds"),
  ],
  periodAllowance: (plan) => (plan.grantMicros ? { asset: plan.currency, amount: plan.grantMicros } : null),
  describeAllowance: (plan, f) => `${f(balanceRules.periodAllowance(plan)?.amount ?? 0n, plan.currency)} of balance each period`,
  priceLine: () => null,
  spentLabel: "Spent this period",
  usageWord: "spend",

  walletAccounts: [{ bucket: "balance", asset: MONEY, noOverdraft: true, perPeriod: false }],
  allowanceBucket: null,
  tracksOverage: false,
  topUp: {
    kind: "funds",
    thresholdAsset: MONEY,
    thresholdWholeCents: true,
    thresholdUnit: "dollars",
    thresholdDecimals: 2,
    thresholdHint: "Enter the threshold in dollars, e.g. 10 or 12.50.",
    autoTopUpThresholdHint: "Enter an amount like 10 or 10.50.",
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
  feeLineNote: (priceMicros, locale, currency) => `, granted as ${formatMoney({ amount: priceMicros, asset: currency }, { locale })} of balance when paid`,

  forecastOutlook: ({ withinPeriod }) => ({ capReachedAt: null, suggestion: withinPeriod ? "add_funds" : "none" }),
  forecastNoun: { what: "your balance", singular: true },
  usedUpWords: () => "Your balance is used up: actions are refused until you add funds.",
  afterRunOutWords: () => "",
  // A Balance plan has no per-period allowance, so no usage alert counts one.
  allowanceNoun: "plan credits",
  exhaustedWords: () => "Purchased credits are spent next; buy a pack to keep going.",
  lowBalanceWords: { what: "balance", action: "Add funds" },

  overview: (plan, { wallet, asset, amount }) => ({
    remaining: wallet.usable.available,
    overage: null,
    sections: { balance: { left: amount(wallet.usable.available, asset), grant: plan.grantMicros ? amount(plan.grantMicros, plan.currency) : null } },
  }),

  keepsWords: "your balance, to spend as now",
  upgradeKeepsWords: (extra) => `Your balance stays${extra ? `, and ${extra} is added to it now for the rest of this period` : ""}.`,
  periodEndWords: ({ from, to, held, f }) =>
    from.model !== to.model && held.balanceMicros && held.balanceMicros > 0n
      ? [`Your remaining balance (${f(held.balanceMicros, from.currency)} now) stays in your account, but ${to.name} does not spend balance.`]
      : [],
};
