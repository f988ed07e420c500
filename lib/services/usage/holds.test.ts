// Holds with a moving clock (PGlite): expiry by time, capture refused once the time is up,
// capture split across plan credits and a purchased lot, the metered split of included units and
// overage — each checked against the ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lotAccountId, merchantAccountId, periodAccountId } from "@/lib/billing/accounts";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { createApiFixture, CUSTOMERS, MER } from "@/test/support/api";
import { createTestPglite } from "@/test/support/pglite";
import { balanceOf } from "@/lib/ledger";
import { authorize, captureHold, expireDueHolds, HoldError, releaseHold } from "./holds";
import { postTransfers } from "../ledger/ledger";
import { checkLedger } from "../ledger/ledger-check";
import { recordUsage } from "./usage";

let h: DbHandle;
const NOW = new Date();

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  await createApiFixture(h.prisma, { now: NOW });
}, 120_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

const account = async (id: string) => balanceOf(await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id } }));
const sub = (customerId: string) => h.prisma.subscription.findUniqueOrThrow({ where: { customerId } });

describe("holds over time", () => {
  it("expire by themselves after their time and give the amount back; a late capture is refused", async () => {
    const start = await account(`${CUSTOMERS.nimbus.id}:balance`);
    const a = await authorize({ merchantId: MER, customer: "ext:nimbus", action: "build_minute", quantity: 25n, hold: true, holdTtlSeconds: 30, now: NOW });
    expect(a, a.message).toMatchObject({ allowed: true });
    expect((await account(`${CUSTOMERS.nimbus.id}:balance`)).available).toBe(start.available - 1_000_000n);

    // not yet due: nothing happens
    expect(await expireDueHolds(new Date(NOW.getTime() + 29_000))).toBe(0);
    // past its time but before the sweep: capture is refused with a clear reason, nothing moves
    const late = new Date(NOW.getTime() + 31_000);
    await expect(captureHold({ merchantId: MER, holdId: a.hold!.id, now: late })).rejects.toMatchObject({ code: "hold_expired" });
    // the sweep expires it
    expect(await expireDueHolds(late)).toBe(1);
    const hold = await h.prisma.hold.findUniqueOrThrow({ where: { id: a.hold!.id } });
    expect([hold.status, hold.resolvedAt?.getTime()]).toEqual(["expired", late.getTime()]);
    expect(await account(`${CUSTOMERS.nimbus.id}:balance`)).toEqual(start);
    const err = await captureHold({ merchantId: MER, holdId: a.hold!.id, now: late }).catch((e) => e);
    expect(err).toBeInstanceOf(HoldError);
    expect(err.message).toContain("already expired");
    expect(await h.prisma.ledgerTransfer.count({ where: { pendingId: { startsWith: a.hold!.id }, phase: "expire_pending" } })).toBe(1);
  });

  it("capture charges plan credits before a purchased lot, and releases the rest", async () => {
    const plan = periodAccountId(CUSTOMERS.pixel.id, "plan_credits", (await sub(CUSTOMERS.pixel.id)).currentPeriodStart);
    const lot = lotAccountId(CUSTOMERS.pixel.id, "holds-test");
    await h.prisma.ledgerAccount.create({
      data: { id: lot, code: lot, asset: "CREDIT", merchantId: MER, customerId: CUSTOMERS.pixel.id, bucket: "purchased_credits", noOverdraft: true, expiresAt: new Date(NOW.getTime() + 200 * 86_400_000) },
    });
    await postTransfers([{ op: "transfer", id: "holds-test-lot", kind: "purchase", asset: "CREDIT", amount: 500_000n, debitAccountId: merchantAccountId(MER, "credits_issued"), creditAccountId: lot }], { now: NOW });
    // leave 40 credits of plan credits
    const planLeft = (await account(plan)).available;
    await recordUsage(MER, [{ id: "drain", customer: "ext:pixel", action: "voice_transcription", quantity: (planLeft - 40_000n) / 3_000n, timestamp: NOW }], { now: NOW });
    const left = (await account(plan)).available;
    expect(left).toBeLessThan(43_000n);

    // 10 images = 100 credits: all that is left of plan credits, the rest from the lot
    const a = await authorize({ merchantId: MER, customer: "ext:pixel", action: "image_generation", quantity: 10n, hold: true, now: NOW });
    expect(a.allowed).toBe(true);
    expect(a.hold!.transferIds).toHaveLength(2);
    expect((await account(plan)).held).toBe(left);
    expect((await account(lot)).held).toBe(100_000n - left);

    // 3 images used = 30 credits: taken from plan credits first; everything else is released
    const captured = await captureHold({ merchantId: MER, holdId: a.hold!.id, quantity: 3n, now: NOW });
    expect([captured.status, captured.capturedAmount, captured.capturedQuantity]).toEqual(["captured", 30_000n, 3n]);
    expect(await account(plan)).toMatchObject({ held: 0n, available: left - 30_000n });
    expect(await account(lot)).toMatchObject({ held: 0n, available: 500_000n });
    const event = await h.prisma.usageEvent.findFirstOrThrow({ where: { eventId: a.hold!.id }, include: { charges: true } });
    expect(event.charges.map((c) => c.amount)).toEqual([30_000n]);
    expect(event.periodStart).toEqual((await sub(CUSTOMERS.pixel.id)).currentPeriodStart);
  });

  it("capture on a metered plan charges included units first, then overage at its price", async () => {
    const periodStart = (await sub(CUSTOMERS.acme.id)).currentPeriodStart;
    const included = periodAccountId(CUSTOMERS.acme.id, "included_usage", periodStart);
    const overage = periodAccountId(CUSTOMERS.acme.id, "overage", periodStart);
    await recordUsage(MER, [{ id: "acme-most", customer: "ext:acme", action: "api_call", quantity: 9_995n, timestamp: NOW }], { now: NOW });
    // 5 included calls left; a hold for 12 reserves 5 calls and 7 × $0.01
    const a = await authorize({ merchantId: MER, customer: "ext:acme", action: "api_call", quantity: 12n, hold: true, now: NOW });
    expect([a.cost, a.overageMicros, a.hold!.overageMicros]).toEqual([12n, 70_000n, 70_000n]);
    expect((await account(included)).held).toBe(5n);
    // used 8: 5 included + 3 × $0.01 overage; 4 × $0.01 released
    const captured = await captureHold({ merchantId: MER, holdId: a.hold!.id, quantity: 8n, now: NOW });
    expect([captured.capturedAmount, captured.capturedOverageMicros]).toEqual([8n, 30_000n]);
    const ovg = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: overage } });
    expect([ovg.postedDebits, ovg.pendingDebits]).toEqual([30_000n, 0n]);
    expect((await account(included)).available).toBe(0n);
  });

  it("a hold counts against the spending cap while it is pending", async () => {
    await h.prisma.subscription.update({ where: { customerId: CUSTOMERS.acme.id }, data: { spendingCapMicros: 100_000n } }); // $0.10, $0.03 used
    const a = await authorize({ merchantId: MER, customer: "ext:acme", action: "api_call", quantity: 7n, hold: true, now: NOW });
    expect(a).toMatchObject({ allowed: true, overageCapLeftMicros: 0n });
    const b = await authorize({ merchantId: MER, customer: "ext:acme", action: "api_call", quantity: 1n, hold: false, now: NOW });
    expect(b).toMatchObject({ allowed: false, reason: "spending_cap_reached" });
    await releaseHold({ merchantId: MER, holdId: a.hold!.id, now: NOW });
    const c = await authorize({ merchantId: MER, customer: "ext:acme", action: "api_call", quantity: 1n, hold: false, now: NOW });
    expect(c.allowed).toBe(true);
    await h.prisma.subscription.update({ where: { customerId: CUSTOMERS.acme.id }, data: { spendingCapMicros: null } });
  });

  it("leaves the ledger clean", async () => {
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});
