// The billing cycle across month ends and a leap day, run twice and by two workers at once: each
// period opens and closes once, allowances are granted once and leftovers expire once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PLANS } from "@/lib/billing/plans";
import { periodAccountId } from "@/lib/billing/accounts";
import { setDbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { balanceOf } from "@/lib/ledger";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { runBillingCycle, scheduleBillingWork } from "./billing-cycle";
import { ensureAssets, ensureMerchantAccounts, upsertPlan } from "../catalog/catalog";
import { createCustomer } from "../customers/customers";
import { checkLedger } from "../ledger/ledger-check";
import { postTransfers } from "../ledger/ledger";
import { recordUsage } from "../usage/usage";

let h: TestPostgres;
const ANCHOR = new Date("2028-01-31T23:30:00Z");
const d = (s: string) => new Date(s);

beforeAll(async () => {
  h = await createTestPostgres(20);
  setDbHandle(h);
  await transaction(async (tx) => {
    await ensureAssets(tx);
    await tx.merchant.create({ data: { id: "mer_c", name: "Cycle" } });
    await ensureMerchantAccounts(tx, "mer_c");
    for (const p of DEMO_PLANS) await upsertPlan(tx, "mer_c", p);
    await createCustomer(tx, { id: "cus_m", merchantId: "mer_c", externalId: "m", name: "M", email: "m@c.example", planCode: "api_pro", anchorAt: ANCHOR, now: ANCHOR });
    await createCustomer(tx, { id: "cus_c", merchantId: "mer_c", externalId: "c", name: "C", email: "c@c.example", planCode: "creator", anchorAt: ANCHOR, now: ANCHOR });
    await createCustomer(tx, { id: "cus_x", merchantId: "mer_c", externalId: "x", name: "X", email: "x@c.example", planCode: "creator", anchorAt: ANCHOR, now: ANCHOR });
  });
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.drop();
});

const periods = (sub: string) =>
  h.prisma.billingPeriod.findMany({ where: { subscription: { customerId: sub } }, orderBy: { periodStart: "asc" } });
const available = async (id: string) => balanceOf(await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id } })).available;

describe("billing cycle", () => {
  it("nothing is due inside the first period", async () => {
    expect(await scheduleBillingWork(d("2028-02-15T00:00:00Z"))).toEqual({ rolls: 0, closes: 0, invoices: 0, lots: 0 });
  });

  it("opens the leap-day period at the month end and closes the first after its grace, once, with two workers", async () => {
    await recordUsage("mer_c", [
      { id: "e1", customer: "cus_c", action: "image_generation", quantity: 3n, timestamp: d("2028-02-10T00:00:00Z") },
      { id: "e2", customer: "cus_m", action: "api_call", quantity: 250n, timestamp: d("2028-02-10T00:00:00Z") },
    ], { now: d("2028-02-10T00:00:01Z") });
    // Feb 29 23:30 (leap year, clamped from the 31st): the period rolls, but the grace window keeps the old one open
    const atRoll = d("2028-02-29T23:30:00Z");
    await Promise.all([runBillingCycle(atRoll), runBillingCycle(atRoll)]);
    const c = await periods("cus_c");
    expect(c.map((p) => [p.periodStart.toISOString(), p.periodEnd.toISOString(), p.status])).toEqual([
      ["2028-01-31T23:30:00.000Z", "2028-02-29T23:30:00.000Z", "open"],
      ["2028-02-29T23:30:00.000Z", "2028-03-31T23:30:00.000Z", "open"],
    ]);
    // late usage inside the grace window still lands in February's credits
    const late = await recordUsage("mer_c", [{ id: "late", customer: "cus_c", action: "image_generation", quantity: 1n, timestamp: d("2028-02-29T20:00:00Z") }], { now: d("2028-03-01T10:00:00Z") });
    expect(late[0]).toMatchObject({ status: "accepted" });
    expect(await available(periodAccountId("cus_c", "plan_credits", d("2028-01-31T23:30:00Z")))).toBe(1_000_000n - 40_000n);
    expect(await available(periodAccountId("cus_c", "plan_credits", d("2028-02-29T23:30:00Z")))).toBe(1_000_000n);

    const afterGrace = d("2028-03-01T23:30:00Z");
    await Promise.all([runBillingCycle(afterGrace), runBillingCycle(afterGrace), runBillingCycle(afterGrace)]);
    expect((await periods("cus_c"))[0]!.status).toBe("closed");
    // February's leftovers expired once; March's allowance granted once
    expect(await available(periodAccountId("cus_c", "plan_credits", d("2028-01-31T23:30:00Z")))).toBe(0n);
    const expiries = await h.prisma.ledgerTransfer.findMany({ where: { customerId: "cus_c", kind: "expiry" } });
    expect(expiries.map((t) => t.amount)).toEqual([960_000n]);
    expect(await h.prisma.ledgerTransfer.count({ where: { customerId: "cus_c", kind: "grant" } })).toBe(2);
    // metered: February's unused included calls expire
    const m = await h.prisma.ledgerTransfer.findMany({ where: { customerId: "cus_m", kind: "expiry" } });
    expect(m.map((t) => t.amount)).toEqual([10_000n - 250n]);
    // after the close, late usage for February is refused
    const tooLate = await recordUsage("mer_c", [{ id: "too-late", customer: "cus_c", action: "image_generation", quantity: 1n, timestamp: d("2028-02-29T21:00:00Z") }], { now: afterGrace });
    expect(tooLate[0]).toMatchObject({ status: "rejected", reason: "timestamp_before_open_period" });
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("a subscription canceled at period end ends there: no new period, nothing more granted", async () => {
    await h.prisma.subscription.update({ where: { customerId: "cus_x" }, data: { cancelAtPeriodEnd: true } });
    await runBillingCycle(d("2028-03-31T23:30:00Z"));
    const sub = await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: "cus_x" } });
    expect(sub).toMatchObject({ status: "canceled", canceledAt: d("2028-03-31T23:30:00Z") });
    expect((await periods("cus_x")).map((p) => p.periodStart.toISOString())).toEqual(["2028-01-31T23:30:00.000Z", "2028-02-29T23:30:00.000Z"]);
    // the other subscriptions moved on to April
    expect((await periods("cus_c")).length).toBe(3);
  });

  it("purchased credits past their expiry expire once, what is left of them only", async () => {
    const lot = "cus_c:lot:test";
    await h.prisma.ledgerAccount.create({
      data: { id: lot, code: lot, asset: "CREDIT", merchantId: "mer_c", customerId: "cus_c", bucket: "purchased_credits", noOverdraft: true, expiresAt: d("2028-04-10T00:00:00Z") },
    });
    await postTransfers([{ op: "transfer", id: "buy-lot", kind: "purchase", asset: "CREDIT", amount: 500_000n, debitAccountId: "mer_c:credits_issued", creditAccountId: lot, customerId: "cus_c" }]);
    await postTransfers([{ op: "transfer", id: "spend-lot", kind: "usage", asset: "CREDIT", amount: 120_000n, debitAccountId: lot, creditAccountId: "mer_c:credits_used", customerId: "cus_c" }]);
    await runBillingCycle(d("2028-04-09T00:00:00Z"));
    expect(await available(lot)).toBe(380_000n);
    await Promise.all([runBillingCycle(d("2028-04-10T00:00:00Z")), runBillingCycle(d("2028-04-10T00:00:00Z"))]);
    expect(await available(lot)).toBe(0n);
    const t = await h.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: `expire-lot:${lot}` } });
    expect(t).toMatchObject({ amount: 380_000n, kind: "expiry", reason: "Purchased credits expired" });
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});
