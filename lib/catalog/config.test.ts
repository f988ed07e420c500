import { describe, expect, it } from "vitest";
import { DEMO_PLANS, DEMO_PLANS_ABROAD } from "@/lib/billing/plans";
import demo from "@/portico.config";
import northwind from "@/examples/catalog/northwind.config";
import { parseCatalogConfig, type CatalogConfig } from "./config";

const planOf = (c: ReturnType<typeof parseCatalogConfig>) => (c.ok ? c.catalog.plans.map(({ terms: _terms, ...p }) => p) : []);

describe("the catalogue as code", () => {
  it("the shipped portico.config.ts is the demo merchant of DESIGN §2, exactly", () => {
    const parsed = parseCatalogConfig(demo);
    expect(parsed.ok).toBe(true);
    expect(planOf(parsed)).toEqual([...DEMO_PLANS, ...DEMO_PLANS_ABROAD]);
    // the same products billed in euros and in yen, each price in its own currency
    const [eur, jpy] = planOf(parsed).slice(3);
    expect([eur!.code, eur!.currency, eur!.priceMicros, eur!.packs[1]!.priceMicros]).toEqual(["creator_eur", "EUR", 45_000_000n, 1_234_560_000n]);
    expect([jpy!.code, jpy!.currency, jpy!.priceMicros, jpy!.actions[0]!.unitCost]).toEqual(["platform_jpy", "JPY", 75_000_000n, 3_000n]);
    expect(parsed.ok && parsed.catalog.merchant).toMatchObject({ id: "mer_demo", name: "Portico Demo", taxRateBps: 800, currency: "USD", address: { city: "San Francisco", country: "US" } });
  });

  it("the second example is another merchant with its own plans, policies and dunning", () => {
    const parsed = parseCatalogConfig(northwind);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.catalog.merchant).toMatchObject({ id: "mer_northwind", taxRateBps: 2000, brandColor: "#0f766e", embedOrigins: ["https://app.northwind.example"] });
    expect(parsed.catalog.plans.map((p) => [p.code, p.model])).toEqual([["studio", "credits"], ["payg", "balance"]]);
    expect(parsed.catalog.plans[0]!.actions[1]!.unitCost).toBe(2_500n); // 2.5 credits, in milli-credits
    expect(parsed.catalog.plans[1]!.terms).toEqual({ dunningRetryDays: [2, 4], dunningRule: "cancel", graceHours: 24, active: true });
  });

  const broken = (edit: (c: CatalogConfig) => void): CatalogConfig => {
    const c = structuredClone(demo) as CatalogConfig;
    edit(c);
    return c;
  };
  const plan = (c: CatalogConfig, i: number) => c.plans[i] as Record<string, unknown> & { actions: Record<string, unknown>[]; packs?: Record<string, unknown>[] };

  it.each([
    ["an unknown currency", (c: CatalogConfig) => void (c.merchant.currency = "XYZ"), "merchant.currency", "is not an ISO 4217 currency"],
    ["a metal as a plan's currency", (c: CatalogConfig) => void (plan(c, 0).currency = "XAU"), "plans[0].currency", "is not an ISO 4217 currency Portico can bill in"],
    ["a yen price finer than 1/10,000 yen", (c: CatalogConfig) => void (plan(c, 4).actions[0]!.price = "0.00001"), "plans[4].actions[0].price", "price has more decimals than JPY prices can (4)"],
    ["a price below zero", (c: CatalogConfig) => void (plan(c, 2).actions[0]!.price = "-0.002"), "plans[2].actions[0].price", "price cannot be negative"],
    ["a float for money", (c: CatalogConfig) => void (plan(c, 0).price = 99.5), "plans[0].price", 'write price as a string, e.g. "99.5": money is never a float'],
    ["a pack with no price", (c: CatalogConfig) => void delete plan(c, 1).packs![0]!.price, "plans[1].packs[0].price", ""],
    ["a plan code reused across models", (c: CatalogConfig) => void (plan(c, 2).code = "creator"), "plans[2].code", 'plan code "creator" is already used by plans[1] (a credits plan): one code, one model'],
    ["a duplicate action code", (c: CatalogConfig) => void (plan(c, 1).actions[1]!.code = "image_generation"), "plans[1].actions[1].code", 'action code "image_generation" appears twice in plan "creator"'],
    ["overage without a price", (c: CatalogConfig) => void delete plan(c, 0).overagePrice, "plans[0].overagePrice", "a plan that bills overage needs an overagePrice above zero"],
    ["an unknown field", (c: CatalogConfig) => void (plan(c, 0).prise = "1"), "plans[0]", 'Unrecognized key: "prise"'],
    ["a model that does not exist", (c: CatalogConfig) => void (plan(c, 0).model = "seats"), "plans[0].model", 'model must be "metered", "credits" or "balance"'],
    ["top-up limits upside down", (c: CatalogConfig) => void (plan(c, 2).topUp = { min: "100", max: "10" }), "plans[2].topUp.min", "topUp.min cannot be above topUp.max"],
    ["a translation into a language the portal does not speak", (c: CatalogConfig) => void (plan(c, 1).actions[0]!.translations = { it: { name: "Generazione" } }), "plans[1].actions[0].translations.it", '"it" is not one of the portal\'s other languages (de, fr, es, ja)'],
    ["a plural unit without its `other` form", (c: CatalogConfig) => void (plan(c, 1).actions[0]!.translations = { de: { unit: { one: "Bild" } } }), "plans[1].actions[0].translations.de.unit", ""],
    ["an empty translated name", (c: CatalogConfig) => void (plan(c, 1).actions[0]!.translations = { de: { name: " " } }), "plans[1].actions[0].translations.de.name", ""],
    // Stripe takes three-decimal currencies in steps of 0.010: a price charged as is must be one
    ["a KWD pack a card cannot be charged", (c: CatalogConfig) => void Object.assign(plan(c, 1), { currency: "KWD", price: "10.000", packs: [{ ...plan(c, 1).packs![0]!, price: "7.125" }] }), "plans[1].packs[0].price", "price 7.125 KWD cannot be charged by card: cards are charged in multiples of 0.010 KWD"],
    ["a BHD plan price a card cannot be charged", (c: CatalogConfig) => void Object.assign(plan(c, 0), { currency: "BHD", price: "29.995" }), "plans[0].price", "price 29.995 BHD cannot be charged by card: cards are charged in multiples of 0.010 BHD"],
    ["a KWD top-up limit a card cannot be charged", (c: CatalogConfig) => void Object.assign(plan(c, 2), { currency: "KWD", price: "0", topUp: { min: "1.005", max: "500" } }), "plans[2].topUp.min", "topUp.min 1.005 KWD cannot be charged by card"],
  ])("refuses %s, naming the path and the rule", (_what, edit, path, message) => {
    const r = parseCatalogConfig(broken(edit));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(r.errors)).toBeDefined();
    if (message) expect(hit!.message).toContain(message);
  });

  it("takes an action's translations: a unit as one word for every count, or its plural forms", () => {
    const c = broken((x) => void (plan(x, 1).actions[0]!.translations = { ja: { name: "画像生成", unit: "枚" }, de: { unit: { one: "Bild", other: "Bilder" } } }));
    const r = parseCatalogConfig(c);
    expect(r.ok && r.catalog.plans[1]!.actions[0]!.translations).toEqual({ ja: { name: "画像生成", unit: { other: "枚" } }, de: { unit: { one: "Bild", other: "Bilder" } } });
    // the shipped demo translates every action into the four other languages
    const demoParsed = parseCatalogConfig(demo);
    for (const p of demoParsed.ok ? demoParsed.catalog.plans : []) for (const a of p.actions) expect(Object.keys(a.translations ?? {}).sort()).toEqual(["de", "es", "fr", "ja"]);
  });

  it("takes KWD prices in steps of 0.010 and ISK in whole krónur", () => {
    const ok = parseCatalogConfig(broken((c) => {
      Object.assign(plan(c, 1), { currency: "KWD", price: "10.000", packs: [{ ...plan(c, 1).packs![0]!, price: "7.120" }] });
      Object.assign(plan(c, 2), { currency: "ISK", price: "0", topUp: { min: "1500", max: "700000" } });
    }));
    expect(ok.ok, JSON.stringify(!ok.ok && ok.errors)).toBe(true);
    expect(ok.ok && ok.catalog.plans[1]!.packs[0]!.priceMicros).toBe(71_200_000n);
  });
});
