// An upgrade paid through Stripe (STRIPE_SECRET_KEY set): the real SDK against the Stripe API
// double. The plan switches once, whether the portal's own call or the webhook arrives first; a
// 3-D Secure upgrade switches only after the authentication; a refund takes back the revenue.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import type { DbHandle } from "@/lib/db/client";
import { stripeGateway } from "@/lib/payments";
import { formKey, freshCustomer } from "@/test/support/payments";
import { addUpgradePlans } from "@/test/support/plans";
import type { SentEvent, StripeDouble } from "@/test/stripe-double/server";
import { stripeWorld } from "@/test/support/stripe-world";
import { checkLedger } from "../ledger/ledger-check";
import { saveSetupCard, startCardSetup } from "../payments/payment-methods";
import { applyChange } from "./plan-portal";
import { refreshPayment } from "../payments/purchases";

const SECRET = "whsec_test_portico";
let h: DbHandle;
let double: StripeDouble;
stripeWorld({ webhookSecret: SECRET, ready: (w) => ({ h, double } = w), setup: addUpgradePlans });

const webhook = (event: SentEvent) => {
  const { payload, header } = double.signed(event, { secret: SECRET });
  return POST(new Request("http://portico.test/api/webhooks/stripe", { method: "POST", headers: new Headers({ "content-type": "application/json", "stripe-signature": header }), body: payload }));
};

async function stripeCustomer(pm: Parameters<StripeDouble["confirmSetup"]>[1] = "pm_card_visa") {
  const c = await freshCustomer("creator");
  await h.prisma.paymentMethod.deleteMany({ where: { customerId: c } });
  const { setupId } = await startCardSetup(c);
  double.confirmSetup(setupId, pm);
  await saveSetupCard({ provider: "stripe", setupId, customerId: c, now: new Date() });
  return c;
}
const planCode = async (c: string) => (await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: c }, include: { plan: true } })).plan.code;
const upgrades = (c: string) => h.prisma.ledgerTransfer.count({ where: { customerId: c, id: { startsWith: "grant:upgrade:" } } });

describe("an upgrade through Stripe", () => {
  it("charges with the form's idempotency key, switches once, and the later webhook changes nothing", async () => {
    const c = await stripeCustomer();
    const key = formKey();
    const r = await applyChange({ customerId: c, planCode: "studio", formKey: key });
    expect(r).toMatchObject({ ok: true, result: "upgraded", payment: { status: "succeeded", provider: "stripe" } });
    if (!r.ok || !r.payment) throw new Error();
    const p = await h.prisma.payment.findUniqueOrThrow({ where: { id: r.payment.id } });
    const pi = double.objects.get(p.providerPaymentId!)!;
    expect(pi).toMatchObject({ object: "payment_intent", amount: Number(p.amountCents), status: "succeeded" });
    expect(double.requests.find((q) => q.path === "/v1/payment_intents" && (q.body.metadata as Record<string, string> | undefined)?.portico_payment_id === p.id)?.idempotencyKey).toBe(`plan_change:${c}:${key}`);
    const res = await webhook(double.lastEvent("payment_intent.succeeded", pi.id as string));
    expect(await res.json()).toMatchObject({ received: true, status: "processed", paymentId: p.id });
    expect([await planCode(c), await upgrades(c), await h.prisma.invoice.count({ where: { customerId: c } })]).toEqual(["studio", 1, 1]);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("3-D Secure: nothing changes until the authentication succeeds", async () => {
    const c = await stripeCustomer("pm_card_authenticationRequired");
    const r = await applyChange({ customerId: c, planCode: "studio", formKey: formKey() });
    expect(r).toMatchObject({ ok: true, result: "unchanged", payment: { status: "requires_action", nextAction: { type: "stripe_sdk" } } });
    if (!r.ok || !r.payment) throw new Error();
    expect(await planCode(c)).toBe("creator");
    const p = await h.prisma.payment.findUniqueOrThrow({ where: { id: r.payment.id } });
    double.completeAuthentication(p.providerPaymentId!, true);
    expect(await refreshPayment(c, p.id)).toMatchObject({ status: "succeeded", message: expect.stringContaining("You are now on Studio.") });
    expect([await planCode(c), await upgrades(c)]).toEqual(["studio", 1]);
  });

  it("a decline changes nothing", async () => {
    const c = await stripeCustomer("pm_card_chargeDeclinedInsufficientFunds");
    const r = await applyChange({ customerId: c, planCode: "studio", formKey: formKey() });
    expect(r).toMatchObject({ ok: false, code: "card_declined", message: expect.stringMatching(/insufficient funds.*Your plan has not changed\.$/) });
    expect([await planCode(c), await upgrades(c), await h.prisma.invoice.count({ where: { customerId: c } })]).toEqual(["creator", 0, 0]);
  });

  it("a refund of the upgrade issues a credit note and reverses its revenue and tax; the ledger stays balanced", async () => {
    const c = await stripeCustomer();
    const r = await applyChange({ customerId: c, planCode: "studio", formKey: formKey() });
    if (!r.ok || !r.payment) throw new Error();
    const p = await h.prisma.payment.findUniqueOrThrow({ where: { id: r.payment.id } });
    await stripeGateway().refund({ providerPaymentId: p.providerPaymentId!, idempotencyKey: `refund-${p.id}` });
    await webhook(double.lastEvent("charge.refunded"));
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "refunded" });
    const note = await h.prisma.invoice.findFirstOrThrow({ where: { customerId: c, kind: "credit_note" } });
    expect(note).toMatchObject({ totalCents: p.amountCents, memo: "Payment refunded. Your plan is unchanged." });
    expect(await h.prisma.ledgerTransfer.count({ where: { customerId: null, refs: { path: ["payment_id"], equals: p.id }, kind: "refund" } })).toBeGreaterThan(0);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});
