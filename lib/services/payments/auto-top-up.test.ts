// Automatic top-up on the sandbox (PGlite): settings validation, one run per crossing, bounded
// retries after declines, no retry when authentication is required, the monthly cap, history.
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { backoffMs } from "@/lib/jobs/queue";
import { CARDS, freshCustomer, runJobs, saveDefaultCard, withPaymentsDemo } from "@/test/support/payments";
import { getAutoTopUp, MAX_ATTEMPTS, saveAutoTopUp } from "./auto-top-up";
import { checkLedger } from "../ledger/ledger-check";
import { recordUsage } from "../usage/usage";
import { getWallet } from "../usage/wallet";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));

let n = 0;
const spend = (c: string, action: string, quantity: bigint) => recordUsage("mer_demo", [{ id: `e${n++}_${c}`, customer: c, action, quantity, timestamp: new Date() }]);
const usable = async (c: string) => (await getWallet(c))!.usable!.available;
const notifications = (c: string) => h.prisma.notification.findMany({ where: { customerId: c, type: "auto_top_up.failed" }, orderBy: { createdAt: "asc" } });

describe("settings", () => {
  it("are validated against the plan", async () => {
    const c = await freshCustomer("platform");
    expect(await saveAutoTopUp(c, { enabled: true, threshold: "10", amount: "5", monthlyCap: "100" })).toMatchObject({ ok: false, field: "amount", message: "Enter an amount from $10.00 to $5,000.00." });
    expect(await saveAutoTopUp(c, { enabled: true, threshold: "ten", amount: "20", monthlyCap: "100" })).toMatchObject({ ok: false, field: "threshold" });
    expect(await saveAutoTopUp(c, { enabled: true, threshold: "10", amount: "20", monthlyCap: "20" })).toMatchObject({ ok: false, field: "monthlyCap", message: "The monthly cap must allow at least one top-up ($21.60 with tax)." });
    expect(await saveAutoTopUp(c, { enabled: true, threshold: "10", amount: "20.005", monthlyCap: "100" })).toMatchObject({ ok: false, field: "amount" });
    expect(await h.prisma.autoTopUp.count({ where: { customerId: c } })).toBe(0);
    expect(await saveAutoTopUp(c, { enabled: true, threshold: "10", amount: "20", monthlyCap: "100" })).toEqual({ ok: true });
    expect(await getAutoTopUp(c)).toMatchObject({ model: "balance", enabled: true, thresholdText: "10", amountText: "20", monthlyCapText: "100" });
    const credits = await freshCustomer("creator");
    expect(await saveAutoTopUp(credits, { enabled: true, threshold: "100", packCode: "pack_9", monthlyCap: "100" })).toMatchObject({ ok: false, field: "packCode" });
    expect(await saveAutoTopUp("cus_demo_acme", { enabled: true, threshold: "1", amount: "10", monthlyCap: "100" })).toMatchObject({ ok: false, code: "no_plan" });
  });
});

describe("runs", () => {
  it("fires once when the balance crosses below the threshold, and not again until it is back above", async () => {
    const c = await freshCustomer("platform");
    await saveAutoTopUp(c, { enabled: true, threshold: "45", amount: "10", monthlyCap: "100" });
    await spend(c, "build_minute", 150n); // $50 → $44
    await spend(c, "build_minute", 10n); // still below: no second run
    expect(await h.prisma.autoTopUpRun.count({ where: { customerId: c } })).toBe(1);
    await runJobs(h);
    // $43.60 + $10 = $53.60: above again, armed
    expect(await usable(c)).toBe(53_600_000n);
    expect(await h.prisma.autoTopUp.findUniqueOrThrow({ where: { customerId: c } })).toMatchObject({ armed: true });
    await spend(c, "build_minute", 250n); // → $43.60: a second crossing
    await runJobs(h);
    expect(await h.prisma.autoTopUpRun.count({ where: { customerId: c, status: "succeeded" } })).toBe(2);
    const view = await getAutoTopUp(c);
    expect(view!.runs.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    expect(view!.runs[0]!.invoiceNumber).toMatch(/^INV-/);
    expect(view!.chargedThisMonthText).toBe("$21.60");
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("a top-up too small to lift the balance above the threshold does not loop", async () => {
    const c = await freshCustomer("platform");
    await saveAutoTopUp(c, { enabled: true, threshold: "45", amount: "10", monthlyCap: "1000" });
    await spend(c, "build_minute", 750n); // $50 → $20
    await runJobs(h);
    expect(await usable(c)).toBe(30_000_000n);
    await spend(c, "build_minute", 1n);
    await spend(c, "build_minute", 1n);
    await runJobs(h);
    expect(await h.prisma.autoTopUpRun.count({ where: { customerId: c } })).toBe(1);
    expect(await h.prisma.autoTopUp.findUniqueOrThrow({ where: { customerId: c } })).toMatchObject({ armed: false });
  });

  it("a declined card is retried with backoff, then stops after the last attempt and notifies each time", async () => {
    const c = await freshCustomer("creator");
    await saveDefaultCard(c, CARDS.declined);
    await saveAutoTopUp(c, { enabled: true, threshold: "995", packCode: "pack_500", monthlyCap: "200" });
    await spend(c, "image_generation", 1n);
    let at = Date.now() + 1_000;
    await runJobs(h, new Date(at));
    expect(await h.prisma.autoTopUpRun.findFirstOrThrow({ where: { customerId: c } })).toMatchObject({ status: "retrying", attempts: 1 });
    // not before the backoff has passed
    expect(await runJobs(h, new Date(at + 1_000))).toBe(0);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      at += backoffMs(attempt) + 1_000;
      await runJobs(h, new Date(at));
    }
    const run = await h.prisma.autoTopUpRun.findFirstOrThrow({ where: { customerId: c } });
    expect(run).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(run.message).toMatch(/declined.*Gave up after 3 attempts/);
    expect(await runJobs(h, new Date(at + 3_600_000))).toBe(0);
    expect(await h.prisma.payment.count({ where: { customerId: c, purpose: "auto_top_up" } })).toBe(MAX_ATTEMPTS);
    expect((await notifications(c)).map((x) => x.title)).toEqual(["Automatic top-up failed", "Automatic top-up failed", "Automatic top-up stopped"]);
    expect(await h.prisma.autoTopUp.findUniqueOrThrow({ where: { customerId: c } })).toMatchObject({ consecutiveFailures: 3, armed: false });
  });

  it("a card that needs authentication stops at once (the customer is not there) and says so", async () => {
    const c = await freshCustomer("platform");
    await saveDefaultCard(c, CARDS.threeDS);
    await saveAutoTopUp(c, { enabled: true, threshold: "49.99", amount: "10", monthlyCap: "100" });
    await spend(c, "gb_hour", 10n);
    await runJobs(h);
    const run = await h.prisma.autoTopUpRun.findFirstOrThrow({ where: { customerId: c } });
    expect(run).toMatchObject({ status: "requires_action", attempts: 1 });
    expect(run.message).toMatch(/Your bank asks you to confirm this payment/);
    expect((await notifications(c)).map((x) => x.title)).toEqual(["Automatic top-up stopped"]);
  });

  it("the monthly cap stops a run that would exceed it", async () => {
    const c = await freshCustomer("creator");
    await saveAutoTopUp(c, { enabled: true, threshold: "999", packCode: "pack_500", monthlyCap: "30" });
    await spend(c, "voice_transcription", 1n);
    await runJobs(h); // $27 charged
    await spend(c, "agent_run", 21n); // 1,497 → 972: below again
    await runJobs(h);
    const runs = await h.prisma.autoTopUpRun.findMany({ where: { customerId: c }, orderBy: { createdAt: "asc" } });
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "capped"]);
    expect(runs[1]!.message).toBe("Monthly cap of $30.00 reached: $27.00 charged this month, this top-up is $27.00.");
    expect(await h.prisma.payment.count({ where: { customerId: c, purpose: "auto_top_up" } })).toBe(1);
  });
});
