// Alerts the customer sets: raised after usage (once each), on a settings change, shown as
// banners, dismissed only within the account; bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { C, createPortalWorld, use } from "@/test/support/portal-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { updateAlertSettings, updateSpendingCap } from "./alert-settings";
import { dismissBanner, listBanners } from "./alerts";
import { recordUsage } from "./usage";

let h: DbHandle;
const NOW = new Date("2026-11-21T12:00:00Z");
const ago = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
let periodStart: Date;

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  periodStart = (await createPortalWorld(h, NOW)).anchorAt;
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

const keys = async (customerId: string) =>
  (await h.prisma.notification.findMany({ where: { customerId }, orderBy: { dedupeKey: "asc" } })).map((n) => n.dedupeKey);

describe("after usage", () => {
  it("raises each usage threshold once per period, with its delivery queued", async () => {
    await use(C.credits, "agent_run", 19n, ago(30), NOW); // 475 credits: under 50 %
    expect(await keys(C.credits)).toEqual([]);
    await use(C.credits, "agent_run", 1n, ago(20), NOW); // 500: 50 %
    expect(await keys(C.credits)).toEqual([`usage.threshold:50:${periodStart.toISOString()}`]);
    await use(C.credits, "agent_run", 14n, ago(10), NOW); // 850: 80 %
    await use(C.credits, "image_generation", 1n, ago(9), NOW); // 860: nothing new
    expect(await keys(C.credits)).toEqual([`usage.threshold:50:${periodStart.toISOString()}`, `usage.threshold:80:${periodStart.toISOString()}`]);
    const jobs = await h.prisma.job.count({ where: { queue: "notification.dispatch" } });
    expect(jobs).toBe(2);
  });

  it("tells a metered customer when overage begins and when the cap is reached (no silent overage)", async () => {
    expect(await updateSpendingCap(C.metered, { cap: "5" }, NOW)).toMatchObject({ ok: true });
    await use(C.metered, "api_call", 10_000n, ago(5), NOW);
    await use(C.metered, "api_call", 100n, ago(4), NOW); // $1 overage
    const k = await keys(C.metered);
    expect(k).toContain(`usage.overage:${periodStart.toISOString()}`);
    expect(k).toContain(`usage.threshold:100:${periodStart.toISOString()}`);
    expect(k.some((x) => x.startsWith("usage.cap:"))).toBe(false);
    await use(C.metered, "api_call", 400n, ago(3), NOW); // $5: the cap
    expect(await keys(C.metered)).toContain(`usage.cap:5000000:${periodStart.toISOString()}`);
    // and the rating rules enforce it
    const [r] = await recordUsage("mer_t", [{ id: "over-cap", customer: C.metered, action: "api_call", quantity: 1n, timestamp: ago(2) }], { now: NOW });
    expect(r).toMatchObject({ status: "rejected", reason: "spending_cap_reached" });
  });

  it("raises a low-balance alert when saving a threshold above what is left, and once per crossing", async () => {
    await use(C.balance, "build_minute", 1_000n, ago(6), NOW); // $40 of $50
    expect(await keys(C.balance)).toEqual([]);
    expect(await updateAlertSettings(C.balance, { lowBalanceThreshold: "12.50", usageAlertPercents: [] }, NOW)).toMatchObject({ ok: true });
    expect(await keys(C.balance)).toEqual(["balance.low:12500000:50000000"]);
    await use(C.balance, "gb_hour", 10n, ago(1), NOW);
    expect(await keys(C.balance)).toEqual(["balance.low:12500000:50000000"]);
    const c = await h.prisma.customer.findUniqueOrThrow({ where: { id: C.balance } });
    expect(c.lowBalanceThreshold).toBe(12_500_000n);
  });
});

describe("settings input", () => {
  it.each([
    [{ lowBalanceThreshold: "abc", usageAlertPercents: [] }, "lowBalanceThreshold"],
    [{ lowBalanceThreshold: "-5", usageAlertPercents: [] }, "lowBalanceThreshold"],
    [{ lowBalanceThreshold: "1.005", usageAlertPercents: [] }, "lowBalanceThreshold"],
    [{ lowBalanceThreshold: "0", usageAlertPercents: [] }, "lowBalanceThreshold"],
    [{ lowBalanceThreshold: "", usageAlertPercents: ["150"] }, "usageAlertPercents"],
    [{ lowBalanceThreshold: "", usageAlertPercents: ["12.5"] }, "usageAlertPercents"],
  ])("%j is refused and changes nothing", async (input, field) => {
    const before = await h.prisma.customer.findUniqueOrThrow({ where: { id: C.balance } });
    const r = await updateAlertSettings(C.balance, input, NOW);
    expect(r).toMatchObject({ ok: false, code: "invalid_input", field });
    const after = await h.prisma.customer.findUniqueOrThrow({ where: { id: C.balance } });
    expect(after).toEqual(before);
  });

  it("a spending cap only for plans that bill overage, in whole cents", async () => {
    expect(await updateSpendingCap(C.credits, { cap: "10" }, NOW)).toMatchObject({ ok: false, code: "not_applicable" });
    expect(await updateSpendingCap(C.metered, { cap: "10.001" }, NOW)).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await updateSpendingCap(C.metered, { cap: "1e9" }, NOW)).toMatchObject({ ok: false, code: "invalid_input" });
    expect((await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: C.metered } })).spendingCapMicros).toBe(5_000_000n);
    expect(await updateSpendingCap(C.metered, { cap: "" }, NOW)).toMatchObject({ ok: true, message: expect.stringMatching(/removed/) });
    expect((await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: C.metered } })).spendingCapMicros).toBeNull();
  });
});

describe("banners", () => {
  it("shows this period's alerts, dismissible only by the account they belong to", async () => {
    // the highest percentage reached speaks for the lower ones
    const banners = await listBanners(C.credits, { periodStart, now: NOW });
    expect(banners.map((b) => b.title)).toEqual(["You have used 80% of your plan credits"]);
    expect(await dismissBanner(C.other, banners[0]!.id, NOW)).toBe(false);
    expect(await listBanners(C.credits, { periodStart, now: NOW })).toHaveLength(1);
    expect(await dismissBanner(C.credits, banners[0]!.id, NOW)).toBe(true);
    expect(await listBanners(C.credits, { periodStart, now: NOW })).toEqual([]);
  });

  it("for metered, the cap reached replaces the overage and percentage banners", async () => {
    const titles = (await listBanners(C.metered, { periodStart, now: NOW })).map((b) => b.title);
    expect(titles).toEqual(["Spending cap reached"]);
  });

  it("shows one payment-failure banner however many attempts failed, and a later successful payment clears it", async () => {
    const fail = (id: string, type: string, at: Date) =>
      h.prisma.notification.create({ data: { id, customerId: C.other, type, dedupeKey: `${type}:${id}`, title: `Failed ${id}`, body: "Nothing was charged.", createdAt: at } });
    const pay = (id: string, status: "succeeded" | "failed", at: Date) =>
      h.prisma.payment.create({ data: { id, merchantId: "mer_t", customerId: C.other, idempotencyKey: id, provider: "sandbox", purpose: "top_up", amountCents: 2700n, currency: "USD", status, createdAt: at, creditedAt: status === "succeeded" ? at : null } });
    const failures = async () => (await listBanners(C.other, { periodStart, now: NOW })).filter((b) => b.tone === "danger").map((b) => b.title);
    await pay("pay_f1", "failed", ago(5));
    await fail("n_f1", "payment.failed", ago(5));
    await pay("pay_f2", "failed", ago(4));
    await fail("n_f2", "payment.failed", ago(4));
    await fail("n_f3", "auto_top_up.failed", ago(3));
    expect(await failures()).toEqual(["Failed n_f3"]);
    await pay("pay_ok", "succeeded", ago(2));
    expect(await failures()).toEqual([]);
    // a failure after the success is news again; dismissing it hides it for everyone
    await fail("n_f4", "payment.failed", ago(1));
    expect(await failures()).toEqual(["Failed n_f4"]);
    expect(await dismissBanner(C.other, "n_f4", NOW)).toBe(true);
    expect(await failures()).toEqual([]);
  });

  it("a past period's usage alerts are not shown", async () => {
    expect(await listBanners(C.credits, { periodStart: new Date("2027-01-01T00:00:00Z"), now: NOW })).toEqual([]);
  });
});
