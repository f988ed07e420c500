// Plan changes take effect at the next period: the current period keeps its plan and allowance,
// the next one opens on the new plan (its model's wallet and grant), through rollSubscription.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodAccountId } from "@/lib/billing/accounts";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { POST as subscriptionPOST } from "@/app/api/v1/customers/[id]/subscription/route";
import { withLocale } from "@/lib/i18n/locale-scope";
import { call, createApiFixture, CUSTOMERS, MER, type ApiFixture } from "@/test/support/api";
import { createTestPglite } from "@/test/support/pglite";
import { changePlan, PlanChangeError } from "./plan-change";
import { checkLedger } from "../ledger/ledger-check";
import { rollSubscription } from "./subscriptions";
import { recordUsage } from "../usage/usage";
import { getWallet } from "../usage/wallet";

let h: DbHandle;
let fx: ApiFixture;
const NOW = new Date();

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  fx = await createApiFixture(h.prisma, { now: NOW });
}, 120_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

const change = (customerId: string, planCode: string, now = NOW) => transaction((tx) => changePlan(tx, { merchantId: MER, customerId, planCode, now }));

describe("changing plan", () => {
  it("moves a metered customer to credits at the next period, not before", async () => {
    const before = await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: CUSTOMERS.acme.id } });
    const r = await change(CUSTOMERS.acme.id, "creator");
    expect(r).toMatchObject({ result: "scheduled", effectiveAt: before.currentPeriodEnd });
    // still metered now
    const usage = await recordUsage(MER, [{ id: "pc-1", customer: "ext:acme", action: "api_call", quantity: 5n, timestamp: NOW }], { now: NOW });
    expect(usage[0]!.status).toBe("accepted");
    // the next period opens on Creator: plan credits, and image generation is an action now
    const next = new Date(before.currentPeriodEnd.getTime() + 1_000);
    await transaction((tx) => rollSubscription(tx, before.id, next));
    const after = await h.prisma.subscription.findUniqueOrThrow({ where: { id: before.id }, include: { plan: true } });
    expect([after.plan.code, after.pendingPlanId, after.currentPeriodStart]).toEqual(["creator", null, before.currentPeriodEnd]);
    const wallet = (await getWallet(CUSTOMERS.acme.id, { now: next }))!;
    expect(wallet.buckets.map((b) => [b.bucket, b.available])).toEqual([["plan_credits", 1_000_000n]]);
    expect(await h.prisma.ledgerAccount.count({ where: { id: periodAccountId(CUSTOMERS.acme.id, "plan_credits", before.currentPeriodEnd) } })).toBe(1);
    const [late] = await recordUsage(MER, [{ id: "pc-2", customer: "ext:acme", action: "image_generation", quantity: 1n, timestamp: next }], { now: next });
    expect(late!.status).toBe("accepted");
    // an event still dated in the old period is rated by the old plan (within its grace window)
    const [old] = await recordUsage(MER, [{ id: "pc-3", customer: "ext:acme", action: "api_call", quantity: 1n, timestamp: NOW }], { now: next });
    expect(old).toMatchObject({ status: "accepted", costAsset: "API_CALL" });
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("a later change replaces a scheduled one; asking for the current plan drops it", async () => {
    expect((await change(CUSTOMERS.nimbus.id, "creator")).result).toBe("scheduled");
    expect((await change(CUSTOMERS.nimbus.id, "api_pro")).result).toBe("scheduled");
    const sub = await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: CUSTOMERS.nimbus.id }, include: { pendingPlan: true } });
    expect(sub.pendingPlan?.code).toBe("api_pro");
    expect((await change(CUSTOMERS.nimbus.id, "platform")).result).toBe("scheduled_change_canceled");
    expect((await change(CUSTOMERS.nimbus.id, "platform")).result).toBe("unchanged");
  });

  it("refuses an unknown plan and a canceled subscription", async () => {
    await expect(change(CUSTOMERS.pixel.id, "gold")).rejects.toMatchObject({ code: "plan_not_found" });
    await h.prisma.subscription.update({ where: { customerId: CUSTOMERS.pixel.id }, data: { status: "canceled" } });
    await expect(change(CUSTOMERS.pixel.id, "platform")).rejects.toBeInstanceOf(PlanChangeError);
    await h.prisma.subscription.update({ where: { customerId: CUSTOMERS.pixel.id }, data: { status: "active" } });
  });

  it("answers the merchant API in English and the portal in its language, for the same German-speaking customer", async () => {
    await h.prisma.customer.update({ where: { id: CUSTOMERS.nimbus.id }, data: { locale: "de-DE" } });
    const api = (plan: string) => call(subscriptionPOST, "POST", "/customers/ext:nimbus/subscription", { key: fx.key, params: { id: "ext:nimbus" }, body: { plan } });
    const scheduled = await api("creator");
    expect(scheduled.body).toMatchObject({ result: "scheduled", message: `nimbus moves from Platform to Creator on ${scheduled.body.effective_at}, at the start of the next period.` });
    // the portal's plan page calls the same service inside the request's locale scope
    const portal = await withLocale("de-DE", () => change(CUSTOMERS.nimbus.id, "platform"));
    expect(portal).toMatchObject({ result: "scheduled_change_canceled", message: "nimbus bleibt beim Tarif Platform; der Wechsel zu Creator ist abgesagt." });
    expect((await api("platform")).body).toMatchObject({ result: "unchanged", message: "nimbus is already on Platform." });
    expect(await withLocale("ja-JP", () => change(CUSTOMERS.nimbus.id, "platform"))).toMatchObject({ message: "nimbus はすでに Platform プランです。" });
  });
});
