// Payments with the Stripe provider (STRIPE_SECRET_KEY set): the real SDK against the Stripe API
// double, and the webhook route handler — bad signature, old timestamp, replay, out of order,
// crash repair, refunds, disputes, cards saved and detached by webhook.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import type { DbHandle } from "@/lib/db/client";
import { stripeGateway } from "@/lib/payments";
import { formKey, freshCustomer } from "@/test/support/payments";
import type { SentEvent, StripeDouble } from "@/test/stripe-double/server";
import { stripeWorld } from "@/test/support/stripe-world";
import { checkLedger } from "../ledger/ledger-check";
import { listCards, startCardSetup, saveSetupCard } from "./payment-methods";
import { reconcilePayments } from "./payments-reconcile";
import { refreshPayment, startPurchase } from "./purchases";
import { getWallet } from "../usage/wallet";

const SECRET = "whsec_test_portico";
let h: DbHandle;
let double: StripeDouble;
stripeWorld({ webhookSecret: SECRET, ready: (w) => ({ h, double } = w) });

const webhook = (event: SentEvent, opts: { secret?: string; timestamp?: number; header?: string | null } = {}) => {
  const { payload, header } = double.signed(event, { secret: opts.secret ?? SECRET, timestamp: opts.timestamp });
  const headers = new Headers({ "content-type": "application/json" });
  const sig = opts.header === undefined ? header : opts.header;
  if (sig !== null) headers.set("stripe-signature", sig);
  return POST(new Request("http://portico.test/api/webhooks/stripe", { method: "POST", headers, body: payload }));
};

/** A customer on `plan` with a card saved through Stripe (SetupIntent confirmed as Stripe.js would). */
async function stripeCustomer(plan: "creator" | "platform", pm: Parameters<StripeDouble["confirmSetup"]>[1] = "pm_card_visa") {
  const c = await freshCustomer(plan);
  await h.prisma.paymentMethod.deleteMany({ where: { customerId: c } }); // the demo's sandbox card
  const { setupId } = await startCardSetup(c);
  double.confirmSetup(setupId, pm);
  const card = await saveSetupCard({ provider: "stripe", setupId, customerId: c, now: new Date() });
  expect(card).toMatchObject({ isDefault: true, provider: "stripe" });
  return c;
}

const usable = async (c: string) => (await getWallet(c))!.usable!.available;
const credits = (paymentId: string) => h.prisma.ledgerTransfer.count({ where: { id: `credit:${paymentId}` } });
const buy = async (c: string, choice: Parameters<typeof startPurchase>[0]["choice"], key = formKey()) => {
  const r = await startPurchase({ customerId: c, choice, formKey: key, allowRepeat: true });
  if (!r.ok) throw new Error(r.message);
  return r.payment;
};
const providerId = async (paymentId: string) => (await h.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).providerPaymentId!;

describe("purchases through Stripe", () => {
  it("charges the saved card with the payment's idempotency key and credits once", async () => {
    const c = await stripeCustomer("creator");
    const before = await usable(c);
    const key = formKey();
    const p = await buy(c, { kind: "pack", packCode: "pack_500" }, key);
    expect(p).toMatchObject({ status: "succeeded", provider: "stripe", totalText: "$27.00" });
    const pi = double.objects.get(await providerId(p.id))!;
    expect(pi).toMatchObject({ object: "payment_intent", amount: 2700, currency: "usd", status: "succeeded", metadata: { portico_payment_id: p.id } });
    expect(double.requests.find((r) => r.path === "/v1/payment_intents" && r.body.metadata && (r.body.metadata as Record<string, string>).portico_payment_id === p.id)?.idempotencyKey).toBe(`purchase:${c}:${key}`);
    expect(await usable(c)).toBe(before + 500_000n);
    // the webhook for it arrives afterwards: nothing more happens
    const res = await webhook(double.lastEvent("payment_intent.succeeded", pi.id as string));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, status: "processed", paymentId: p.id });
    expect(await credits(p.id)).toBe(1);
    expect(await usable(c)).toBe(before + 500_000n);
  });

  it("a decline shows Stripe's reason and credits nothing", async () => {
    const c = await stripeCustomer("platform", "pm_card_chargeDeclinedInsufficientFunds");
    const p = await buy(c, { kind: "funds", amountMicros: 25_000_000n });
    expect(p).toMatchObject({ status: "failed", failureCode: "insufficient_funds" });
    expect(p.message).toMatch(/insufficient funds/);
    expect(await credits(p.id)).toBe(0);
  });

  it("3-D Secure: the browser gets the client secret; after Stripe.js the portal asks Stripe and credits", async () => {
    const c = await stripeCustomer("creator", "pm_card_authenticationRequired");
    const p = await buy(c, { kind: "pack", packCode: "pack_500" });
    expect(p.status).toBe("requires_action");
    expect(p.nextAction).toMatchObject({ type: "stripe_sdk" });
    const pi = await providerId(p.id);
    expect(p.nextAction?.type === "stripe_sdk" && p.nextAction.clientSecret).toBe(double.objects.get(pi)!.client_secret);
    double.completeAuthentication(pi, true);
    expect(await refreshPayment(c, p.id)).toMatchObject({ status: "succeeded" });
    expect(await credits(p.id)).toBe(1);
    // another account cannot refresh (or learn about) this payment
    expect(await refreshPayment("cus_demo_pixel", p.id)).toBeNull();
  });
});

describe("the webhook endpoint", () => {
  it("refuses a bad signature, a missing header and an old timestamp, and records nothing", async () => {
    const c = await stripeCustomer("creator");
    const p = await buy(c, { kind: "pack", packCode: "pack_500" });
    const ev = double.lastEvent("payment_intent.succeeded", await providerId(p.id));
    const before = await h.prisma.providerEvent.count();
    for (const res of [
      await webhook(ev, { secret: "whsec_wrong" }),
      await webhook(ev, { header: null }),
      await webhook(ev, { header: "t=1,v1=deadbeef" }),
      await webhook(ev, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }),
    ]) {
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toBeTruthy();
    }
    expect(await h.prisma.providerEvent.count()).toBe(before);
  });

  it("a replayed event is a no-op", async () => {
    const c = await stripeCustomer("creator");
    const p = await buy(c, { kind: "pack", packCode: "pack_500" });
    const ev = double.lastEvent("payment_intent.succeeded", await providerId(p.id));
    expect(await (await webhook(ev)).json()).toMatchObject({ status: "processed" });
    expect(await (await webhook(ev)).json()).toMatchObject({ status: "duplicate" });
    expect(await credits(p.id)).toBe(1);
  });

  it("out of order: an older failure arriving after the success changes nothing", async () => {
    const c = await stripeCustomer("creator", "pm_card_authenticationRequired");
    const p = await buy(c, { kind: "pack", packCode: "pack_2000" });
    const pi = await providerId(p.id);
    double.completeAuthentication(pi, true);
    const requiresAction = double.lastEvent("payment_intent.requires_action", pi);
    await webhook(double.lastEvent("payment_intent.succeeded", pi));
    await webhook(requiresAction);
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "succeeded" });
    expect(await credits(p.id)).toBe(1);
  });

  it("out of order: a refund event before the success event credits, then reverses", async () => {
    const c = await stripeCustomer("creator", "pm_card_authenticationRequired");
    const p = await buy(c, { kind: "pack", packCode: "pack_500" });
    const pi = await providerId(p.id);
    double.completeAuthentication(pi, true);
    const before = await usable(c);
    await stripeGateway().refund({ providerPaymentId: pi, idempotencyKey: `refund-${p.id}` });
    await webhook(double.lastEvent("charge.refunded"));
    await webhook(double.lastEvent("payment_intent.succeeded", pi));
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "refunded" });
    expect(await credits(p.id)).toBe(1);
    expect(await usable(c)).toBe(before);
    expect(await h.prisma.invoice.count({ where: { customerId: c, kind: "credit_note" } })).toBe(1);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("a dispute reverses the credit", async () => {
    const c = await stripeCustomer("platform");
    const p = await buy(c, { kind: "funds", amountMicros: 30_000_000n });
    const before = await usable(c);
    double.dispute(await providerId(p.id));
    const res = await webhook(double.lastEvent("charge.dispute.created"));
    expect(res.status).toBe(200);
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "disputed" });
    expect(await usable(c)).toBe(before - 30_000_000n);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("a crash between charge and credit is repaired by the webhook (found by its metadata)", async () => {
    const c = await stripeCustomer("creator");
    await expect(
      startPurchase({ customerId: c, choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() }, { faults: { afterCharge: () => Promise.reject(new Error("killed")) } }),
    ).rejects.toThrow("killed");
    const p = await h.prisma.payment.findFirstOrThrow({ where: { customerId: c } });
    expect(p).toMatchObject({ status: "processing", providerPaymentId: null });
    const ev = [...double.events].reverse().find((e) => e.type === "payment_intent.succeeded" && (e.data.object.metadata as Record<string, string>).portico_payment_id === p.id)!;
    expect(await (await webhook(ev)).json()).toMatchObject({ status: "processed", paymentId: p.id });
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "succeeded", providerPaymentId: ev.data.object.id });
    expect(await credits(p.id)).toBe(1);
  });

  it("a crash with no webhook is repaired by payments:reconcile (Stripe is searched by metadata)", async () => {
    const c = await stripeCustomer("platform");
    await expect(
      startPurchase({ customerId: c, choice: { kind: "funds", amountMicros: 12_000_000n }, formKey: formKey() }, { faults: { afterCharge: () => Promise.reject(new Error("killed")) } }),
    ).rejects.toThrow("killed");
    const p = await h.prisma.payment.findFirstOrThrow({ where: { customerId: c } });
    const report = await reconcilePayments({ staleAfterMs: 0 });
    expect(report.repaired).toContainEqual({ paymentId: p.id, before: "processing", after: "succeeded, credited" });
    expect(await credits(p.id)).toBe(1);
  });

  it("setup_intent.succeeded saves the card; payment_method.detached removes it", async () => {
    const c = await freshCustomer("creator");
    await h.prisma.paymentMethod.deleteMany({ where: { customerId: c } });
    const { setupId } = await startCardSetup(c);
    double.confirmSetup(setupId, "pm_card_mastercard");
    expect((await webhook(double.lastEvent("setup_intent.succeeded", setupId))).status).toBe(200);
    const cards = await listCards(c);
    expect(cards).toMatchObject([{ brand: "mastercard", last4: "4444", isDefault: true }]);
    const pm = (await h.prisma.paymentMethod.findUniqueOrThrow({ where: { id: cards[0]!.id } })).providerPmId;
    await stripeGateway().detachCard(pm);
    await webhook(double.lastEvent("payment_method.detached", pm));
    expect(await listCards(c)).toEqual([]);
  });

  it("a setup of another account is never saved on this one", async () => {
    const a = await freshCustomer("creator");
    const b = await freshCustomer("creator");
    const { setupId } = await startCardSetup(a);
    double.confirmSetup(setupId, "pm_card_visa");
    expect(await saveSetupCard({ provider: "stripe", setupId, customerId: b, now: new Date() })).toBeNull();
    expect(await h.prisma.paymentMethod.count({ where: { customerId: b, provider: "stripe" } })).toBe(0);
  });
});
