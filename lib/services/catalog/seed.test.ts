// The demo seed on PGlite: balances come from the ledger, and the ledger is clean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { createTestPglite } from "@/test/support/pglite";
import { checkLedger } from "../ledger/ledger-check";
import { seedDemo } from "./seed";
import { getWallet } from "../usage/wallet";

let h: DbHandle;
let summary: Awaited<ReturnType<typeof seedDemo>>;
const NOW = new Date("2026-11-21T15:00:00Z");

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h); // the seed pays its renewal invoices through the payment services
  summary = await seedDemo({ client: h.prisma, now: NOW });
}, 120_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

describe("demo seed", () => {
  it("creates the three plans (and two of them in EUR and JPY), five customers and a user per role", async () => {
    expect((await h.prisma.plan.findMany({ orderBy: { sortOrder: "asc" } })).map((p) => [p.code, p.currency])).toEqual([
      ["api_pro", "USD"], ["creator", "USD"], ["platform", "USD"], ["creator_eur", "EUR"], ["platform_jpy", "JPY"],
    ]);
    const roles = await h.prisma.membership.groupBy({ by: ["role"], _count: true });
    expect(roles.map((r) => r.role).sort()).toEqual(["billing", "owner", "viewer"]);
    expect((await h.prisma.customer.findMany({ orderBy: { id: "asc" } })).map((c) => [c.id, c.currency, c.locale])).toEqual([
      ["cus_demo_acme", "USD", null], ["cus_demo_fischer", "EUR", "de-DE"], ["cus_demo_nimbus", "USD", null], ["cus_demo_pixel", "USD", null], ["cus_demo_sakura", "JPY", "ja-JP"],
    ]);
  });

  it("creates the demo merchant's API key, kept only as its hash", async () => {
    expect(summary.apiKey).toMatch(/^sk_test_[0-9a-z]{32}$/);
    const { hashSecret } = await import("../customers/api-keys");
    const key = await h.prisma.apiKey.findUniqueOrThrow({ where: { hash: hashSecret(summary.apiKey) } });
    expect([key.merchantId, key.revokedAt]).toEqual(["mer_demo", null]);
    expect(JSON.stringify(await h.prisma.apiKey.findMany())).not.toContain(summary.apiKey);
  });

  it("records 30 days of usage whose sums match the ledger exactly", async () => {
    const events = await h.prisma.usageEvent.count();
    expect(summary.rejected).toBe(0);
    expect(summary.events).toBe(events);
    expect(events).toBeGreaterThan(500);
    const days = await h.prisma.dailyUsage.findMany({ distinct: ["day"], select: { day: true } });
    expect(days.length).toBeGreaterThanOrEqual(30);
    // every usage transfer equals the sum of the charges of its events
    const mismatches = await h.prisma.$queryRawUnsafe<unknown[]>(`
      SELECT t.id FROM ledger_transfers t LEFT JOIN usage_charges c ON c.transfer_id = t.id
       WHERE t.kind = 'usage' GROUP BY t.id, t.amount HAVING t.amount <> COALESCE(SUM(c.amount), 0)`);
    expect(mismatches).toEqual([]);
    // daily aggregates equal the events
    const agg = await h.prisma.$queryRawUnsafe<unknown[]>(`
      SELECT d.customer_id FROM daily_usage d
        FULL JOIN (SELECT customer_id, action, (timestamp AT TIME ZONE 'UTC')::date AS day, SUM(quantity) q, SUM(cost_amount) c, COUNT(*) n
                     FROM usage_events GROUP BY 1, 2, 3) e
          ON e.customer_id = d.customer_id AND e.action = d.action AND e.day = d.day
       WHERE d.quantity IS DISTINCT FROM e.q OR d.cost_amount IS DISTINCT FROM e.c OR d.events IS DISTINCT FROM e.n`);
    expect(agg).toEqual([]);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("gives each model's wallet its ledger balance", async () => {
    const acme = (await getWallet("cus_demo_acme", { client: h.prisma, now: NOW }))!;
    expect(acme.plan?.model).toBe("metered");
    expect(acme.included!.granted).toBe(10_000n);
    expect(acme.included!.used).toBeGreaterThan(2_000n);
    expect(acme.included!.left).toBe(10_000n - acme.included!.used);

    const pixel = (await getWallet("cus_demo_pixel", { client: h.prisma, now: NOW }))!;
    const planCredits = pixel.buckets.find((b) => b.bucket === "plan_credits")!;
    expect(planCredits.available).toBeLessThan(1_000_000n);
    expect(planCredits.available).toBeGreaterThan(0n);
    const spent = await h.prisma.usageEvent.aggregate({ _sum: { costAmount: true }, where: { customerId: "cus_demo_pixel", periodStart: pixel.subscription!.periodStart } });
    expect(planCredits.available).toBe(1_000_000n - spent._sum.costAmount!);

    const nimbus = (await getWallet("cus_demo_nimbus", { client: h.prisma, now: NOW }))!;
    const grants = await h.prisma.ledgerTransfer.aggregate({ _sum: { amount: true }, where: { creditAccountId: "cus_demo_nimbus:balance" } });
    const used = await h.prisma.usageEvent.aggregate({ _sum: { costAmount: true }, where: { customerId: "cus_demo_nimbus" } });
    expect(nimbus.usable!.available).toBe(grants._sum.amount! - used._sum.costAmount!);
  });

  it("closed the previous period: unused allowance expired, a new one granted", async () => {
    const closed = await h.prisma.billingPeriod.findMany({ where: { status: "closed" } });
    expect(closed.length).toBeGreaterThanOrEqual(3);
    const expiries = await h.prisma.ledgerTransfer.count({ where: { kind: "expiry" } });
    expect(expiries).toBeGreaterThanOrEqual(1);
    expect(await h.prisma.ledgerTransfer.count({ where: { kind: "grant", customerId: "cus_demo_pixel" } })).toBe(2);
  });

  it("shows a short invoice history: each customer's renewal invoice, paid with the demo card", async () => {
    const invoices = await h.prisma.invoice.findMany({ where: { kind: "subscription" }, include: { lines: true, payments: true }, orderBy: { customerId: "asc" } });
    expect(invoices.map((i) => [i.customerId, i.status])).toEqual([
      ["cus_demo_acme", "paid"],
      ["cus_demo_fischer", "paid"],
      ["cus_demo_nimbus", "paid"],
      ["cus_demo_pixel", "paid"],
      ["cus_demo_sakura", "paid"],
    ]);
    // each in its own currency, charged in whole minor units: €45.00 + 8 % and ¥7,500 + 8 %
    expect(invoices.filter((i) => i.currency !== "USD").map((i) => [i.customerId, i.currency, i.totalCents])).toEqual([
      ["cus_demo_fischer", "EUR", 4_860n],
      ["cus_demo_sakura", "JPY", 8_100n],
    ]);
    for (const i of invoices) expect(i.payments.map((p) => [p.status, p.amountCents])).toEqual([["succeeded", i.totalCents]]);
    // the Balance plan's new period was funded by that payment (cash), not granted for free
    const nimbusGrants = await h.prisma.ledgerTransfer.findMany({ where: { kind: "grant", customerId: "cus_demo_nimbus" }, orderBy: { seq: "asc" } });
    expect(nimbusGrants.map((t) => [t.debitAccountId, t.amount])).toEqual([["mer_demo:grants", 50_000_000n], ["mer_demo:cash", 50_000_000n]]);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});
