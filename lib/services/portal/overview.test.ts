// The overview's numbers per consumption model equal the ledger's, and move with usage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodAccountId } from "@/lib/billing/accounts";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { C, buyLot, createPortalWorld, use } from "@/test/support/portal-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { getUpcomingInvoice } from "../cycle/upcoming-invoice";
import { getOverview, getOverviewPage } from "./overview";

let h: DbHandle;
const NOW = new Date("2026-11-21T12:00:00Z");
let periodStart: Date;

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  const { anchorAt } = await createPortalWorld(h, NOW);
  periodStart = anchorAt;
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

async function account(id: string) {
  return h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id } });
}

describe("metered overview", () => {
  it("shows included used / left from the ledger, then overage and its cost once past the included amount", async () => {
    await use(C.metered, "api_call", 9_000n, new Date(NOW.getTime() - 3 * 86_400_000), NOW);
    let o = (await getOverview(C.metered, { now: NOW }))!;
    const inc = await account(periodAccountId(C.metered, "included_usage", periodStart));
    expect(o.metered).toMatchObject({
      granted: { amount: String(inc.postedCredits), formatted: "10,000 API calls" },
      used: { amount: "9000" },
      left: { amount: String(inc.postedCredits - inc.postedDebits), formatted: "1,000 API calls" },
      usedPercent: 90,
      overageCost: { amount: "0", formatted: "$0.00" },
      cap: null,
    });
    expect(o.forecast?.action?.label).toBe("Set a spending cap");

    await use(C.metered, "api_call", 1_250n, new Date(NOW.getTime() - 3_600_000), NOW);
    o = (await getOverview(C.metered, { now: NOW }))!;
    const overage = await account(periodAccountId(C.metered, "overage", periodStart));
    expect(overage.postedDebits).toBe(2_500_000n); // 250 calls × $0.01
    expect(o.metered).toMatchObject({
      left: { amount: "0" },
      overageUnits: { amount: "250", formatted: "250 API calls" },
      overageCost: { amount: "2500000", formatted: "$2.50" },
    });
    expect(o.spentThisPeriod?.amount).toBe("10250");
  });

  it("shows the spending cap and when it is reached", async () => {
    await h.prisma.subscription.update({ where: { customerId: C.metered }, data: { spendingCapMicros: 2_500_000n } });
    const o = (await getOverview(C.metered, { now: NOW }))!;
    expect(o.metered).toMatchObject({ cap: { formatted: "$2.50" }, capUsedPercent: 100, capReached: true });
    expect(o.forecast?.tone).toBe("danger");
  });
});

describe("credits overview", () => {
  it("shows plan credits (with reset date) and purchased credits (with expiry) apart, and the total usable", async () => {
    await buyLot(h, C.credits, "lot-a", 500_000n, new Date("2027-10-01T00:00:00Z"), NOW);
    await use(C.credits, "image_generation", 3n, new Date(NOW.getTime() - 86_400_000), NOW); // 30 credits
    const o = (await getOverview(C.credits, { now: NOW }))!;
    const plan = await account(periodAccountId(C.credits, "plan_credits", periodStart));
    expect(o.credits?.plan).toMatchObject({
      granted: { formatted: "1,000 credits" },
      used: { formatted: "30 credits" },
      left: { amount: String(plan.postedCredits - plan.postedDebits), formatted: "970 credits" },
      resetsText: "Dec 11, 2026",
    });
    expect(o.credits?.purchased.total.formatted).toBe("500 credits");
    expect(o.credits?.purchased.lots).toEqual([expect.objectContaining({ left: { amount: "500000", formatted: "500 credits" }, expiresText: "Oct 1, 2027" })]);
    expect(o.usable).toMatchObject({ amount: "1470000", formatted: "1,470 credits" });
    expect(o.credits?.order).toMatch(/^Plan credits are spent first/);
  });

  it("spends plan credits before purchased ones", async () => {
    await use(C.credits, "agent_run", 40n, new Date(NOW.getTime() - 7_200_000), NOW); // 1,000 credits: 970 plan + 30 purchased
    const o = (await getOverview(C.credits, { now: NOW }))!;
    expect(o.credits?.plan?.left.amount).toBe("0");
    expect(o.credits?.purchased.total.formatted).toBe("470 credits");
    expect(o.forecast?.action?.href).toBe("/credits");
  });
});

describe("balance overview", () => {
  it("shows money left and spent this period, both from the ledger and the events", async () => {
    await use(C.balance, "build_minute", 100n, new Date(NOW.getTime() - 2 * 86_400_000), NOW); // $4.00
    await use(C.balance, "gb_hour", 1_001n, new Date(NOW.getTime() - 3_600_000), NOW); // $2.002
    const o = (await getOverview(C.balance, { now: NOW }))!;
    const bal = await account(`${C.balance}:balance`);
    // $43.998 left: shown to the cent (half-even), kept exact underneath
    expect(o.balance?.left).toEqual({ amount: String(bal.postedCredits - bal.postedDebits), formatted: "$44.00" });
    expect(o.balance?.left.amount).toBe("43998000");
    const [{ spent }] = (await h.prisma.$queryRawUnsafe<{ spent: bigint }[]>(
      `SELECT sum(cost_amount) AS spent FROM usage_events WHERE customer_id = $1 AND timestamp >= $2`,
      C.balance,
      periodStart,
    )) as [{ spent: bigint }];
    expect(o.spentThisPeriod).toEqual({ amount: String(spent), formatted: "$6.00" });
    expect(o.spentThisPeriod?.amount).toBe("6002000");
  });

  it("an unknown customer has no overview", async () => {
    expect(await getOverview("cus_nope", { now: NOW })).toBeNull();
  });
});

describe("the overview page's one read (getOverviewPage)", () => {
  it("gives the same figures and upcoming invoice as the two reads it replaces, for every model", async () => {
    for (const c of [C.metered, C.credits, C.balance]) {
      const page = await getOverviewPage(c, { now: NOW });
      expect(page.overview?.plan).not.toBeNull();
      expect(page).toEqual({ overview: await getOverview(c, { now: NOW }), upcoming: await getUpcomingInvoice(c, { now: NOW }) });
    }
    expect(await getOverviewPage("cus_nope", { now: NOW })).toEqual({ overview: null, upcoming: null });
  });

  it("shows a purchase and new usage on the very next read (nothing is kept between reads)", async () => {
    const before = (await getOverviewPage(C.credits, { now: NOW })).overview!;
    await buyLot(h, C.credits, "lot-b", 200_000n, new Date("2027-10-01T00:00:00Z"), NOW);
    const bought = (await getOverviewPage(C.credits, { now: NOW })).overview!;
    expect(BigInt(bought.usable!.amount) - BigInt(before.usable!.amount)).toBe(200_000n);
    await use(C.balance, "build_minute", 25n, new Date(NOW.getTime() - 60_000), NOW); // $1.00
    const spent = (await getOverviewPage(C.balance, { now: NOW })).overview!;
    expect(spent.spentThisPeriod?.amount).toBe("7002000");
  });
});
