// Plan versions (PostgreSQL): a catalogue that changes what subscribers pay makes a new version of
// the plan instead of rewriting theirs. The subscriber keeps the old price and allowance through a
// renewal; a new customer gets the new ones; the Plan page and the API say which terms apply; moving
// to the same plan code is no change; a plan never changes its consumption model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import northwind from "@/examples/catalog/northwind.config";
import { periodAccountId } from "@/lib/billing/accounts";
import { planColumns } from "@/lib/billing/plans";
import { parseCatalogConfig, type Catalog, type CatalogConfig } from "@/lib/catalog/config";
import { setDbHandle } from "@/lib/db/client";
import { findPlanByCode, listPlans } from "@/lib/db/plans";
import { transaction } from "@/lib/db/tx";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { runBillingCycle } from "./billing-cycle";
import { applyCatalog } from "../catalog/catalog-apply";
import { createCustomer } from "../customers/customers";
import { customerJson } from "@/lib/api/serialize";
import { findCustomer } from "../customers/customer-directory";
import { changePlan } from "./plan-change";
import { previewChange } from "./plan-portal";
import { getPlanPage } from "./plan-page";

let h: TestPostgres;
const MER = "mer_northwind";
const ANCHOR = new Date("2028-01-10T00:00:00Z");

const catalog = (edit: (c: CatalogConfig) => void = () => {}): Catalog => {
  const c = structuredClone(northwind) as CatalogConfig;
  edit(c);
  const r = parseCatalogConfig(c);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.catalog;
};
const studio = (c: CatalogConfig) => c.plans[0] as { price: string; allowance: string };
const apply = (c: Catalog) => transaction((tx) => applyCatalog(tx, c, { apply: true }));

beforeAll(async () => {
  h = await createTestPostgres(10);
  setDbHandle(h);
  await apply(catalog());
  await transaction((tx) => createCustomer(tx, { id: "cus_old", merchantId: MER, externalId: "old", name: "Old Co", email: "old@nw.example", planCode: "studio", anchorAt: ANCHOR, now: ANCHOR }));
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.drop();
});

const feeLines = async (customerId: string) =>
  (await h.prisma.invoice.findMany({ where: { customerId, kind: "subscription" }, include: { lines: true }, orderBy: { issuedAt: "asc" } })).flatMap((i) =>
    i.lines.filter((l) => (l.refs as { line?: string } | null)?.line === "fee").map((l) => l.amountMicros),
  );
/** The allowance granted into a period (rollover from the last one comes on top, as its own transfer). */
const allowance = async (customerId: string, periodStart: Date) =>
  (await h.prisma.ledgerTransfer.findMany({ where: { creditAccountId: periodAccountId(customerId, "plan_credits", periodStart), kind: "grant" } })).map((t) => t.amount);

describe("plan versions", () => {
  it("a price and allowance change with a subscriber is a new version, said so in the diff; the subscriber keeps version 1", async () => {
    const next = catalog((c) => {
      studio(c).price = "35.00";
      studio(c).allowance = "500";
    });
    const dry = await transaction((tx) => applyCatalog(tx, next, { apply: false }));
    expect(dry.changes.map((c) => `${c.sign} ${c.text}`)).toEqual([
      "~ plan studio: price $29.00 → $35.00",
      "~ plan studio: allowance 600 credits → 500 credits",
      "+ plan studio: version 2 with these terms for new subscribers; its 1 subscriber keeps version 1 until they change plan",
    ]);
    expect(dry.changes.some((c) => c.refused)).toBe(false);
    expect((await apply(next)).applied).toBe(true);

    const versions = await listPlans(h.prisma, MER, { allVersions: true });
    expect(versions.filter((p) => p.code === "studio").map((p) => [p.version, p.current, p.priceMicros, planColumns(p).allowanceMilli])).toEqual([
      [1, false, 29_000_000n, 600_000n],
      [2, true, 35_000_000n, 500_000n],
    ]);
    // offered from now on: version 2 only
    expect((await listPlans(h.prisma, MER)).filter((p) => p.code === "studio").map((p) => p.version)).toEqual([2]);
    const sub = await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: "cus_old" }, include: { plan: true } });
    expect(sub.plan).toMatchObject({ code: "studio", version: 1, priceMicros: 29_000_000n });
    // the same config again: nothing more to change
    expect((await apply(next)).changes).toEqual([]);
  });

  it("a new customer gets version 2; through a renewal each pays and gets their own version's terms", async () => {
    await transaction((tx) => createCustomer(tx, { id: "cus_new", merchantId: MER, externalId: "new", name: "New Co", email: "new@nw.example", planCode: "studio", anchorAt: ANCHOR, now: ANCHOR }));
    expect((await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: "cus_new" }, include: { plan: true } })).plan.version).toBe(2);
    await runBillingCycle(new Date("2028-02-12T00:00:00Z"));
    expect(await feeLines("cus_old")).toEqual([29_000_000n]);
    expect(await feeLines("cus_new")).toEqual([35_000_000n]);
    const feb = new Date("2028-02-10T00:00:00Z");
    expect(await allowance("cus_old", feb)).toEqual([600_000n]);
    expect(await allowance("cus_new", feb)).toEqual([500_000n]);
  });

  it("the Plan page shows the subscriber their kept terms, and the API names the version", async () => {
    const page = await getPlanPage("cus_old", new Date("2028-02-12T00:00:00Z"));
    expect(page.current?.grandfatheredText).toBe("You keep the terms of Studio you subscribed on ($29.00; new subscribers pay $35.00) for as long as you stay on it.");
    const studios = page.plans.filter((p) => p.code === "studio");
    expect(studios).toHaveLength(1);
    expect(studios[0]).toMatchObject({ current: true, priceText: "$29.00 per month" });
    expect((await getPlanPage("cus_new", new Date("2028-02-12T00:00:00Z"))).current?.grandfatheredText).toBeNull();
    expect((await previewChange("cus_old", "studio", new Date("2028-02-12T00:00:00Z")))).toMatchObject({ ok: false, code: "same_plan" });
    const json = customerJson((await findCustomer(h.prisma, MER, "cus_old"))!);
    expect(json.subscription).toMatchObject({ plan: "studio", plan_version: 1 });
  });

  it("changing to the same plan code keeps the subscriber's version", async () => {
    const r = await transaction((tx) => changePlan(tx, { merchantId: MER, customerId: "cus_old", planCode: "studio", now: new Date("2028-02-12T00:00:00Z") }));
    expect(r.result).toBe("unchanged");
    expect((await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: "cus_old" }, include: { plan: true } })).plan.version).toBe(1);
  });

  it("a plan without subscribers on its current version changes in place; a model change is refused and nothing is written", async () => {
    const before = await findPlanByCode(h.prisma, MER, "payg");
    const r = await apply(catalog((c) => ((c.plans[1] as { topUp: { max: string } }).topUp.max = "2000.00")));
    expect(r.applied).toBe(true);
    const after = await findPlanByCode(h.prisma, MER, "payg");
    expect([after!.id, after!.version, planColumns(after!).topUpMaxMicros]).toEqual([before!.id, 1, 2_000_000_000n]);

    const plans = await h.prisma.plan.count();
    const refused = await apply(catalog((c) => {
      studio(c).price = "35.00";
      studio(c).allowance = "500";
      (c.plans[1] as { topUp: { max: string } }).topUp.max = "2000.00";
      c.plans[1] = { code: "payg", name: "Pay as you go", model: "credits", price: "0", allowance: "10", actions: [{ code: "api_minute", name: "API audio minute", unit: "minute", credits: "1" }] };
    }));
    expect(refused.applied).toBe(false);
    expect(refused.changes).toContainEqual(expect.objectContaining({ text: "plan payg: model balance → credits", refused: expect.stringContaining("keeps its consumption model") }));
    expect(await h.prisma.plan.count()).toBe(plans);
  });
});
