// Metered (DESIGN §2): the customer thinks in raw units of a meter (API calls). The recurring
// price buys base access and included units; beyond them usage is billed as overage at the end of
// the period (up to the customer's spending cap), or refused. There is no top-up product.
import { depletion } from "../depletion";
import { formatMoney } from "../money";
import { MONEY, type MeteredPlan } from "../terms";
import { percent } from "./shared";
import type { ConsumptionModelRules } from "./types";

export const meteredRules: ConsumptionModelRules<MeteredPlan> = {
  model: "metered",
  label: "Metered",
  kindWords: "Metered (pay per API call, with calls included)",

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
  policyLines(plan, price, f) {
    const lines = [`${price} includes ${f(plan.includedUnits ?? 0n, meteredRules.usageAsset(plan))} each period; unused ones do not carry over.`];
    if (plan.zeroBalancePolicy === "overage") {
      lines.push(`Beyond that, each call costs ${f(plan.overagePriceMicros ?? 0n, plan.currency)}, billed at the end of the period. You can cap this overage.`);
    } else {
      lines.push("Beyond that, calls are refused until the next period.");
    }
    return lines;
  },
  periodAllowance: (plan) => (plan.includedUnits ? { asset: meteredRules.usageAsset(plan), amount: plan.includedUnits } : null),
  describeAllowance(plan, f) {
    const a = meteredRules.periodAllowance(plan);
    return `${f(a?.amount ?? 0n, meteredRules.usageAsset(plan))} included each period` +
      (plan.zeroBalancePolicy === "overage" && plan.overagePriceMicros ? `, then ${f(plan.overagePriceMicros, plan.currency)} per extra call` : ", then calls are refused");
  },
  priceLine(plan, a, locale) {
    const asset = meteredRules.usageAsset(plan);
    return `${a.name} — counts ${formatMoney({ amount: a.unitCost, asset }, { locale })} against the ${formatMoney({ amount: plan.includedUnits ?? 0n, asset }, { locale })} included each period${
      plan.zeroBalancePolicy === "overage" ? `; beyond them, ${formatMoney({ amount: (plan.overagePriceMicros ?? 0n) * a.unitCost, asset: plan.currency }, { locale, exact: true })} per ${a.unitLabel}` : ""
    }`;
  },
  spentLabel: "Used this period",
  usageWord: "API calls",

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
  forecastNoun: { what: "your included API calls", singular: false },
  usedUpWords({ capReachedAt, suggestion, input, date }) {
    if (capReachedAt && capReachedAt.getTime() <= input.now.getTime()) {
      return "Your included API calls are used up and overage has reached your spending cap: calls are refused until the period renews or you raise the cap.";
    }
    if (input.overage?.policy === "overage") {
      return capReachedAt && suggestion === "raise_cap"
        ? `Your included API calls are used up; at your last-7-days rate, overage reaches your spending cap on ${date(capReachedAt)}, and calls are refused from then until the period ends.`
        : "Your included API calls are used up: every further call is billed as overage at the end of the period.";
    }
    return "Your included API calls are used up: further calls are refused until the period renews.";
  },
  afterRunOutWords({ capReachedAt, suggestion, input, date }) {
    if (input.overage?.policy !== "overage") return "";
    return " After that, each call is billed as overage" + (capReachedAt && suggestion === "raise_cap" ? `, until your spending cap is reached on ${date(capReachedAt)}.` : ".");
  },
  allowanceNoun: "included API calls",
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

  keepsWords: "the API calls included this period, at this period's prices",
  upgradeKeepsWords: (extra) =>
    `${extra ? `${extra} more are included for the rest of this period` : "Your included calls stay as they are this period"}; overage so far stays billed at the end of the period.`,
  periodEndWords: ({ date }) => [`Overage of this period is billed on ${date}, as usual.`],
};
