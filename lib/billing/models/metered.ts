// Metered (DESIGN §2): the customer thinks in raw units of a meter (API calls). The recurring
// price buys base access and included units; beyond them usage is billed as overage at the end of
// the period (up to the customer's spending cap), or refused. There is no top-up product.
import { depletion } from "../depletion";
import { formatMoney } from "../money";
import { MONEY, type MeteredPlan } from "../terms";
import { percent, scopedWord } from "./shared";
import { billingWords } from "../words";
import type { ConsumptionModelRules } from "./types";
import { actionName, actionUnit } from "../action-words";

export const meteredRules: ConsumptionModelRules<MeteredPlan> = {
  model: "metered",
  get label() {
    return scopedWord("metered", "label");
  },
  get kindWords() {
    return scopedWord("metered", "kind");
  },

  defaultUsageAsset: "API_CALL",
  usageAsset: (plan) => plan.meterAsset ?? meteredRules.defaultUsageAsset,
  validate(p) {
    const problems: string[] = [];
    if (p.includedUnits === null || p.includedUnits < 0n) problems.push("metered plans need included units");
    if (p.zeroBalancePolicy === "overage" && (p.overagePriceMicros ?? 0n) <= 0n) problems.push("overage needs a price");
    if (p.zeroBalancePolicy === "auto_top_up") problems.push("metered plans have no top-up product");
    return problems;
  },
  columns: (p) => ({ meterAsset: p.meterAsset, includedUnits: p.includedUnits, overagePriceMicros: p.overagePriceMicros }),
  fromColumns: (base, c) => ({ ...base, model: "metered", meterAsset: c.meterAsset, includedUnits: c.includedUnits, overagePriceMicros: c.overagePriceMicros }),
  policyLines: (plan, { t, f }) => [
    t("policies.metered.includes", { price: f(plan.priceMicros, plan.currency), months: plan.intervalMonths, included: f(plan.includedUnits ?? 0n, meteredRules.usageAsset(plan)) }),
    plan.zeroBalancePolicy === "overage" ? t("policies.metered.overage", { price: f(plan.overagePriceMicros ?? 0n, plan.currency) }) : t("policies.metered.refused"),
  ],
  periodAllowance: (plan) => (plan.includedUnits ? { asset: meteredRules.usageAsset(plan), amount: plan.includedUnits } : null),
  describeAllowance(plan, { t, f }) {
    const included = f(meteredRules.periodAllowance(plan)?.amount ?? 0n, meteredRules.usageAsset(plan));
    return plan.zeroBalancePolicy === "overage" && plan.overagePriceMicros
      ? t("allowance.meteredOverage", { included, price: f(plan.overagePriceMicros, plan.currency) })
      : t("allowance.meteredRefused", { included });
  },
  priceLine(plan, a, locale) {
    const asset = meteredRules.usageAsset(plan);
    const t = billingWords(locale);
    const words = { name: actionName(a, locale), cost: formatMoney({ amount: a.unitCost, asset }, { locale }), included: formatMoney({ amount: plan.includedUnits ?? 0n, asset }, { locale }) };
    return plan.zeroBalancePolicy === "overage"
      ? t("action.metered", { ...words, price: formatMoney({ amount: (plan.overagePriceMicros ?? 0n) * a.unitCost, asset: plan.currency }, { locale, exact: true }), unit: actionUnit(a, 1n, locale) })
      : t("action.meteredRefused", words);
  },
  get spentLabel() {
    return scopedWord("metered", "spentLabel");
  },
  get usageWord() {
    return scopedWord("metered", "usageWord");
  },

  walletAccounts: [
    { bucket: "included_usage", asset: "API_CALL", noOverdraft: true, perPeriod: true },
    { bucket: "overage", asset: MONEY, noOverdraft: false, perPeriod: true },
  ],
  allowanceBucket: "included_usage",
  tracksOverage: true,
  topUp: null,

  overageUnitPrice: (plan) => (plan.zeroBalancePolicy === "overage" ? (plan.overagePriceMicros ?? 0n) : null),
  overageTerms: (plan) =>
    plan.overagePriceMicros && plan.overagePriceMicros > 0n
      ? { unitPriceMicros: plan.overagePriceMicros, unitAsset: meteredRules.usageAsset(plan), includedUnits: plan.includedUnits ?? 0n }
      : null,
  shortfallReason: "included_usage_exhausted",

  periodGrant: (plan) =>
    plan.includedUnits && plan.includedUnits > 0n
      ? { asset: meteredRules.usageAsset(plan), amount: plan.includedUnits, from: "units_issued", to: "included_usage" }
      : null,
  grantTo: "included_usage",
  upgradeGrantFrom: "units_issued",
  grantsWhenRenewalPaid: false,
  periodExpiry: { bucket: "included_usage", to: "units_expired", reason: "Unused included usage expired at the end of the period" },
  rolloverCap: () => null,
  invoicesAfterClose: true,
  feeLineNote: () => "",

  forecastOutlook({ input, runsOutAt, withinPeriod, windowCost, windowMs, periodEnd }) {
    const o = input.overage;
    let capReachedAt: Date | null = null;
    if (o && o.policy === "overage" && o.capMicros !== null && runsOutAt) {
      // After the included units are gone, each unit costs the overage price.
      const overageLeftMicros = o.capMicros - o.accruedMicros;
      const start = runsOutAt.getTime() > input.now.getTime() ? runsOutAt : input.now;
      capReachedAt = depletion(start, overageLeftMicros, windowCost * o.unitPriceMicros, windowMs);
    }
    if (!withinPeriod) return { capReachedAt, suggestion: "none" };
    if (!o || o.policy !== "overage") return { capReachedAt, suggestion: "upgrade" };
    if (o.capMicros === null) return { capReachedAt, suggestion: "set_cap" };
    if (capReachedAt && capReachedAt.getTime() < periodEnd.getTime()) return { capReachedAt, suggestion: "raise_cap" };
    return { capReachedAt, suggestion: "upgrade" };
  },
  forecastWords({ t, state, rate, runsOutText, capReachedAt, suggestion, input, date }) {
    const overage = input.overage?.policy === "overage";
    // Overage reaches the cap inside the period (the forecast suggests raising it).
    const capOn = capReachedAt && suggestion === "raise_cap" ? date(capReachedAt) : null;
    if (state === "lasts") return t("forecast.metered.lasts", { rate });
    if (state === "runs_out") {
      if (!overage) return t("forecast.metered.runsOut", { rate, date: runsOutText });
      return capOn ? t("forecast.metered.runsOutCap", { rate, date: runsOutText, capDate: capOn }) : t("forecast.metered.runsOutOverage", { rate, date: runsOutText });
    }
    if (capReachedAt && capReachedAt.getTime() <= input.now.getTime()) return t("forecast.metered.usedUpCapReached");
    if (overage) return capOn ? t("forecast.metered.usedUpCapOn", { capDate: capOn }) : t("forecast.metered.usedUpOverage");
    return t("forecast.metered.usedUp");
  },
  get allowanceNoun() {
    return scopedWord("metered", "allowanceNoun");
  },
  exhaustedWords: (renews) => `Further calls are refused until ${renews}.`,
  lowBalanceWords: null,

  overview(plan, { wallet, asset, amount }) {
    const inc = wallet.included ?? { granted: 0n, used: 0n, left: 0n };
    const ov = wallet.overage ?? { accruedMicros: 0n, capMicros: null };
    const price = plan.overagePriceMicros ?? 0n;
    return {
      remaining: inc.left,
      overage: { policy: plan.zeroBalancePolicy, unitPriceMicros: price, accruedMicros: ov.accruedMicros, capMicros: ov.capMicros },
      sections: {
        metered: {
          granted: amount(inc.granted, asset),
          used: amount(inc.used, asset),
          left: amount(inc.left, asset),
          usedPercent: percent(inc.used, inc.granted),
          policy: plan.zeroBalancePolicy,
          overageUnits: amount(price > 0n ? ov.accruedMicros / price : 0n, asset),
          overageCost: amount(ov.accruedMicros, plan.currency, true),
          unitPrice: amount(price, plan.currency, true),
          cap: ov.capMicros === null ? null : amount(ov.capMicros, plan.currency),
          capUsedPercent: ov.capMicros === null ? null : ov.capMicros === 0n ? 100 : percent(ov.accruedMicros, ov.capMicros),
          capReached: ov.capMicros !== null && ov.accruedMicros + price > ov.capMicros,
        },
      },
    };
  },

  get keepsWords() {
    return scopedWord("metered", "keeps");
  },
  upgradeKeepsWords: (extra, t) => (extra ? t("planChange.upgradeKeeps.meteredExtra", { extra }) : t("planChange.upgradeKeeps.metered")),
  periodEndWords: ({ date, t }) => [t("planChange.periodEnd.metered", { date })],
};
