import { describe, expect, it } from "vitest";
import { formatMoney } from "../money";
import { DEMO_PLANS, planColumns, planFromColumns, validatePlan, type PlanDef } from "../plans";
import { walletAccountsFor } from "../accounts";
import { CONSUMPTION_MODELS, MODEL_RULES, modelWord, rulesFor } from ".";
import { billingWords } from "../words";
import { withLocale } from "@/lib/i18n/locale-scope";

const f = (amount: bigint, asset: string) => formatMoney({ amount, asset }, { exact: true });
const w = { t: billingWords("en-US"), f };
const plan = (code: string) => DEMO_PLANS.find((p) => p.code === code)!;
const base = (p: PlanDef) => ({ code: p.code, name: p.name, currency: p.currency, priceMicros: p.priceMicros, intervalMonths: p.intervalMonths, zeroBalancePolicy: p.zeroBalancePolicy, actions: p.actions, packs: p.packs });

describe("the model registry", () => {
  it("has one module per consumption model, each naming its own model", () => {
    expect(CONSUMPTION_MODELS).toEqual(["metered", "credits", "balance"]);
    for (const m of CONSUMPTION_MODELS) expect(MODEL_RULES[m].model).toBe(m);
    for (const p of DEMO_PLANS) expect(rulesFor(p)).toBe(MODEL_RULES[p.model]);
  });
});

// Each demo plan (DESIGN §2) through its model's rules.
const TABLE: [string, {
  asset: string; allowance: string | null; shortfall: string; overagePrice: bigint | null; afterClose: boolean;
  topUp: "pack" | "funds" | null; grant: string | null; expiresTo: string | null; label: string;
}][] = [
  ["api_pro", { asset: "API_CALL", allowance: "10,000 API calls", shortfall: "included_usage_exhausted", overagePrice: 10_000n, afterClose: true, topUp: null, grant: "units_issued → included_usage", expiresTo: "units_expired", label: "Metered" }],
  ["creator", { asset: "CREDIT", allowance: "1,000 credits", shortfall: "insufficient_credits", overagePrice: null, afterClose: false, topUp: "pack", grant: "credits_issued → plan_credits", expiresTo: "credits_expired", label: "Credits" }],
  ["platform", { asset: "USD", allowance: "$50.00", shortfall: "insufficient_balance", overagePrice: null, afterClose: false, topUp: "funds", grant: "grants → balance", expiresTo: null, label: "Balance" }],
];

describe.each(TABLE)("the rules of %s", (code, want) => {
  const p = plan(code);
  const rules = rulesFor(p);

  it("decide its assets, allowance, rating and renewal", () => {
    expect(rules.label).toBe(want.label);
    expect(rules.usageAsset(p)).toBe(want.asset);
    const a = rules.periodAllowance(p);
    expect(a && f(a.amount, a.asset)).toBe(want.allowance);
    expect(rules.shortfallReason).toBe(want.shortfall);
    expect(rules.overageUnitPrice(p)).toBe(want.overagePrice);
    expect(rules.invoicesAfterClose).toBe(want.afterClose);
    expect(rules.topUp?.kind ?? null).toBe(want.topUp);
    const g = rules.periodGrant(p, { paidFromCash: false });
    expect(g && `${g.from} → ${g.to}`).toBe(want.grant);
    expect(rules.periodExpiry?.to ?? null).toBe(want.expiresTo);
  });

  it("agree with themselves: the grant is the allowance, into one of the model's wallet accounts", () => {
    const g = rules.periodGrant(p, { paidFromCash: false });
    const a = rules.periodAllowance(p);
    expect(g && { asset: g.asset, amount: g.amount }).toEqual(a);
    const buckets = walletAccountsFor(p.model).map((s) => s.bucket);
    expect(buckets).toContain(rules.grantTo);
    if (rules.allowanceBucket) expect(buckets).toContain(rules.allowanceBucket);
    if (rules.periodExpiry) expect(buckets).toContain(rules.periodExpiry.bucket);
    expect(buckets.includes("overage")).toBe(rules.tracksOverage);
    expect(rules.lowBalanceWords === null).toBe(rules.topUp === null);
  });

  it("store and load the plan unchanged, and find it consistent", () => {
    expect(planFromColumns(p.model, base(p), planColumns(p))).toEqual(p);
    expect(validatePlan(p)).toEqual([]);
  });

  it("put the plan in words", () => {
    expect(rules.policyLines(p, w).length).toBeGreaterThan(1);
    expect(rules.describeAllowance(p, w)).toContain(want.allowance!);
    expect(rules.keepsWords).not.toBe("");
    expect(rules.upgradeKeepsWords(null, w.t)).not.toBe("");
    const other = DEMO_PLANS.find((x) => x.model !== p.model)!;
    expect(Array.isArray(rules.periodEndWords({ from: p, to: other, date: "Jan 1, 2027", held: {}, ...w }))).toBe(true);
  });

  it("fill the overview's own section only", () => {
    const wallet = { usable: { available: 5n }, included: null, overage: null, buckets: [] };
    const part = rules.overview(p, { wallet, asset: want.asset as "USD", amount: (x) => ({ amount: x.toString(), formatted: x.toString() }), date: () => "d", periodEnd: new Date(0) });
    expect(Object.keys(part.sections)).toEqual([p.model]);
  });
});

describe("balance plans", () => {
  it("grant a paid renewal from cash, other grants from the grants account, and only once the invoice is paid", () => {
    const p = plan("platform");
    expect(rulesFor(p).periodGrant(p, { paidFromCash: true })?.from).toBe("cash");
    expect(rulesFor(p).grantsWhenRenewalPaid).toBe(true);
    expect(rulesFor(plan("creator")).grantsWhenRenewalPaid).toBe(false);
  });
});

describe("the words a model names itself with", () => {
  it("are the portal request's language inside its scope, English outside (the merchant API, jobs)", () => {
    const credits = rulesFor(plan("creator"));
    expect(credits.spentLabel).toBe("Used this period");
    expect(withLocale("de-DE", () => [credits.label, credits.spentLabel])).toEqual(["Credits", "In diesem Zeitraum genutzt"]);
    const balance = rulesFor(plan("platform"));
    expect(withLocale("ja-JP", () => [balance.label, balance.spentLabel, balance.keepsWords])).toEqual(["残高", "今期の利用額", "残高（今までどおり使えます）"]);
    expect(balance.label).toBe("Balance");
  });

  it("can name a language outright", () => {
    expect(modelWord("metered", "kind", "fr-FR")).toBe("À l’usage (paiement par appel d’API, avec des appels inclus)");
    expect(modelWord("metered", "kind", "en-GB")).toBe("Metered (pay per API call, with calls included)");
  });
});
