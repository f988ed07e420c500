// Applying the catalogue (PGlite, the demo seeded): the diff says what would change; with apply it
// is written in one transaction; a refused change (a plan's model) writes nothing at all; a plan
// left out is retired (not offered, still working for its subscriber); a second merchant's
// catalogue lands beside the first without touching it.
import { describe, expect, it } from "vitest";
import demoConfig from "@/portico.config";
import northwind from "@/examples/catalog/northwind.config";
import { parseCatalogConfig, type Catalog, type CatalogConfig } from "@/lib/catalog/config";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { listPlans } from "@/lib/db/plans";
import { withPaymentsDemo } from "@/test/support/payments";
import { applyCatalog } from "./catalog-apply";
import { DEMO_CATALOG } from "./seed";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));

const catalogOf = (config: unknown): Catalog => {
  const r = parseCatalogConfig(config);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.catalog;
};
const edited = (edit: (c: CatalogConfig) => void) => {
  const c = structuredClone(demoConfig) as CatalogConfig;
  edit(c);
  return catalogOf(c);
};
const snapshot = async () => ({
  plans: await h.prisma.plan.findMany({ orderBy: { id: "asc" }, include: { actions: { orderBy: { id: "asc" } }, packs: { orderBy: { id: "asc" } } } }),
  merchants: await h.prisma.merchant.findMany({ orderBy: { id: "asc" } }),
});

describe("catalog:apply", () => {
  it("the shipped config is the demo the database was seeded with: nothing to change", async () => {
    expect(catalogOf(demoConfig)).toEqual(DEMO_CATALOG);
    const r = await transaction((tx) => applyCatalog(tx, catalogOf(demoConfig), { apply: true }));
    expect(r).toEqual({ changes: [], applied: false });
  });

  it("refuses a change of a plan's consumption model, and then writes nothing at all", async () => {
    const before = await snapshot();
    const next = edited((c) => {
      (c.plans[1] as { price: string }).price = "59.00";
      c.plans[2] = { code: "platform", name: "Platform", model: "credits", price: "50.00", allowance: "100", actions: [{ code: "api_call", name: "API call", unit: "call", credits: "1" }] };
      c.plans.push({ code: "starter", name: "Starter", model: "credits", price: "9.00", allowance: "100", actions: [{ code: "image_generation", name: "Image generation", unit: "image", credits: "10" }] });
    });
    const r = await transaction((tx) => applyCatalog(tx, next, { apply: true }));
    expect(r.applied).toBe(false);
    expect(r.changes).toContainEqual({ sign: "~", text: "plan platform: model balance → credits", refused: expect.stringContaining("a plan keeps its consumption model") });
    // the price change alone would be a new version, not a refusal (lib/services/cycle/plan-versions.pg.test.ts)
    expect(r.changes).toContainEqual({ sign: "~", text: "plan creator: price $49.00 → $59.00" });
    expect(r.changes).toContainEqual(expect.objectContaining({ sign: "+", newVersionOf: "creator" }));
    expect(r.changes.some((c) => c.text.startsWith('plan starter "Starter"'))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it("applies new plans, names and packs, and retires a plan left out while its subscriber keeps it", async () => {
    const next = edited((c) => {
      c.merchant.name = "Portico Demo Inc";
      (c.plans[0] as { name: string }).name = "API Professional";
      (c.plans[1] as { packs: unknown[] }).packs.push({ code: "pack_5000", name: "5,000 credits", credits: "5000", price: "180.00", expiryMonths: 12 });
      c.plans.splice(2, 1); // platform: left out
      c.plans.push({ code: "starter", name: "Starter", model: "credits", price: "9.00", allowance: "100", actions: [{ code: "image_generation", name: "Image generation", unit: "image", credits: "10" }] });
    });
    const dry = await transaction((tx) => applyCatalog(tx, next, { apply: false }));
    expect(dry.applied).toBe(false);
    expect(dry.changes.map((c) => `${c.sign} ${c.text}`)).toEqual([
      "~ merchant name: Portico Demo → Portico Demo Inc",
      '~ plan api_pro: name "API Pro" → "API Professional"',
      '+ plan creator: pack pack_5000 "5,000 credits" at $180.00',
      '+ plan starter "Starter" (credits, $9.00 / month, 1 action)',
      "- plan platform: not in the config — retired, no longer offered; its 1 subscriber(s) keep it",
    ]);
    expect((await h.prisma.merchant.findUniqueOrThrow({ where: { id: "mer_demo" } })).name).toBe("Portico Demo");

    const r = await transaction((tx) => applyCatalog(tx, next, { apply: true }));
    expect(r.applied).toBe(true);
    const plans = await listPlans(h.prisma, "mer_demo");
    expect(Object.fromEntries(plans.map((p) => [p.code, p.active]))).toEqual({ api_pro: true, creator: true, starter: true, platform: false, creator_eur: true, platform_jpy: true });
    expect(plans.find((p) => p.code === "creator")!.packs.map((k) => k.code)).toEqual(["pack_500", "pack_2000", "pack_5000"]);
    // the retired plan's subscriber keeps it, untouched
    expect((await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: "cus_demo_nimbus" }, include: { plan: true } })).plan).toMatchObject({ code: "platform", active: false, priceMicros: 50_000_000n });
    // applying the same config again changes nothing
    expect((await transaction((tx) => applyCatalog(tx, next, { apply: true }))).changes).toEqual([]);
  });

  it("a new translation of an action is a change of words only: listed, applied in place, no new plan version", async () => {
    const next = edited((c) => {
      const api = (c.plans[0] as { actions: { translations: Record<string, unknown> }[] }).actions[0]!;
      api.translations = { ...api.translations, de: { name: "API-Abfrage", unit: { one: "Abfrage", other: "Abfragen" } } };
    });
    const dry = await transaction((tx) => applyCatalog(tx, next, { apply: false }));
    // (the earlier tests' changes are undone too: only the action's lines are this test's)
    const actionLines = dry.changes.map((c) => `${c.sign} ${c.text}`).filter((t) => t.includes("action api_call"));
    expect(actionLines).toEqual(["~ plan api_pro: action api_call translations de, es, fr, ja → de, es, fr, ja"]);
    expect(dry.changes.some((c) => c.newVersionOf === "api_pro")).toBe(false);
    await transaction((tx) => applyCatalog(tx, next, { apply: true }));
    const api = (await listPlans(h.prisma, "mer_demo")).find((p) => p.code === "api_pro")!;
    expect([api.actions[0]!.translations?.de, api.actions[0]!.translations?.ja?.name]).toEqual([{ name: "API-Abfrage", unit: { one: "Abfrage", other: "Abfragen" } }, "API呼び出し"]);
    expect((await transaction((tx) => applyCatalog(tx, next, { apply: true }))).changes).toEqual([]);
  });

  it("a second merchant's catalogue lands beside the first, which it does not touch", async () => {
    const demoBefore = (await snapshot()).plans.filter((p) => p.merchantId === "mer_demo");
    const r = await transaction((tx) => applyCatalog(tx, catalogOf(northwind), { apply: true }));
    expect(r.applied).toBe(true);
    expect(r.changes[0]).toEqual({ sign: "+", text: 'merchant mer_northwind "Northwind Speech Ltd" (USD, tax 20 %)' });
    expect((await listPlans(h.prisma, "mer_northwind")).map((p) => p.code)).toEqual(["studio", "payg"]);
    expect((await h.prisma.merchant.findUniqueOrThrow({ where: { id: "mer_northwind" } })).embedOrigins).toEqual(["https://app.northwind.example"]);
    expect((await h.prisma.plan.findUniqueOrThrow({ where: { id: "mer_northwind_payg" } })).dunningRule).toBe("cancel");
    expect((await snapshot()).plans.filter((p) => p.merchantId === "mer_demo")).toEqual(demoBefore);
  });
});
