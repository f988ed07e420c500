// The Stripe adapter with the real `stripe` SDK against the local Stripe API double.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeDouble, type StripeDouble } from "@/test/stripe-double/server";
import { StripeGateway, WebhookSignatureError } from "./index";

let double: StripeDouble;
let stripe: StripeGateway;
const SECRET = "whsec_test_adapter";

beforeAll(async () => {
  double = await startStripeDouble();
  stripe = new StripeGateway({ secretKey: "sk_test_adapter", webhookSecret: SECRET, host: double.host, port: double.port, protocol: "http", toleranceSeconds: 300 });
});
afterAll(async () => double.close());

async function customerWithCard(pm: "pm_card_visa" | "pm_card_chargeDeclined" | "pm_card_chargeDeclinedInsufficientFunds" | "pm_card_authenticationRequired", customerId = `cus_portico_${Math.random().toString(36).slice(2)}`) {
  const cus = await stripe.createCustomer({ customerId, email: "a@example.com", name: "A" });
  const { setupId, clientSecret } = await stripe.createSetup(cus);
  expect(clientSecret).toMatch(/^seti_.+_secret_/);
  double.confirmSetup(setupId, pm);
  const setup = await stripe.retrieveSetup(setupId);
  expect(setup.status).toBe("succeeded");
  return { cus, card: setup.card! };
}

const charge = (cus: string, pmId: string, key: string, extra: Partial<Parameters<StripeGateway["charge"]>[0]> = {}) =>
  stripe.charge({ idempotencyKey: key, providerCustomerId: cus, providerPmId: pmId, amountCents: 2_700n, currency: "USD", description: "500 credits", offSession: false, paymentId: `pay_${key}`, customerId: "cus_x", ...extra });

describe("customers and cards", () => {
  it("creates one Stripe customer per Portico customer, even when asked twice", async () => {
    const a = await stripe.createCustomer({ customerId: "cus_once", email: "o@example.com", name: "Once" });
    const b = await stripe.createCustomer({ customerId: "cus_once", email: "o@example.com", name: "Once" });
    expect(b).toBe(a);
    expect([...double.objects.values()].filter((o) => o.object === "customer" && (o.metadata as Record<string, string>).portico_customer_id === "cus_once")).toHaveLength(1);
    expect(double.objects.get(a)).toMatchObject({ object: "customer", email: "o@example.com", livemode: false });
  });

  it("saves a card through a SetupIntent; brand, last 4 and expiry come back; default and detach work", async () => {
    const { cus, card } = await customerWithCard("pm_card_visa");
    expect(card).toMatchObject({ brand: "visa", last4: "4242", expMonth: 12, providerCustomerId: cus });
    await stripe.setDefaultCard(cus, card.providerPmId);
    expect((double.objects.get(cus)!.invoice_settings as Record<string, unknown>).default_payment_method).toBe(card.providerPmId);
    await stripe.detachCard(card.providerPmId);
    expect((await stripe.retrieveCard(card.providerPmId)).providerCustomerId).toBeNull();
    expect(double.lastEvent("payment_method.detached", card.providerPmId)).toBeTruthy();
  });
});

describe("charges", () => {
  it("4242 succeeds; the same idempotency key returns the same PaymentIntent and charges once", async () => {
    const { cus, card } = await customerWithCard("pm_card_visa");
    const a = await charge(cus, card.providerPmId, "k-same");
    const b = await charge(cus, card.providerPmId, "k-same");
    expect(a).toMatchObject({ status: "succeeded", amountCents: 2_700n, paymentId: "pay_k-same", amountRefundedCents: 0n, disputed: false });
    expect(b.providerPaymentId).toBe(a.providerPaymentId);
    expect([...double.objects.values()].filter((o) => o.object === "charge" && o.payment_intent === a.providerPaymentId)).toHaveLength(1);
    const sent = double.requests.filter((r) => r.path === "/v1/payment_intents" && r.method === "POST" && r.idempotencyKey === "k-same");
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body).toMatchObject({ amount: "2700", currency: "usd", confirm: "true", off_session: "false", metadata: { portico_payment_id: "pay_k-same" } });
  });

  it("the same key with another amount is refused (Stripe's idempotency_error)", async () => {
    const { cus, card } = await customerWithCard("pm_card_visa");
    await charge(cus, card.providerPmId, "k-other");
    await expect(charge(cus, card.providerPmId, "k-other", { amountCents: 2_800n })).rejects.toThrow(/same parameters/);
  });

  it.each([
    ["pm_card_chargeDeclined", "card_declined"],
    ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"],
  ] as const)("%s is a failed payment with code %s, not an exception", async (pm, code) => {
    const { cus, card } = await customerWithCard(pm);
    const r = await charge(cus, card.providerPmId, `k-${pm}`);
    expect(r).toMatchObject({ status: "failed", failureCode: code });
    expect(r.providerPaymentId).toMatch(/^pi_/);
    expect(double.lastEvent("payment_intent.payment_failed", r.providerPaymentId!)).toBeTruthy();
  });

  it("3-D Secure on-session needs action with a client secret; Stripe.js completing it succeeds", async () => {
    const { cus, card } = await customerWithCard("pm_card_authenticationRequired");
    const r = await charge(cus, card.providerPmId, "k-3ds");
    expect(r).toMatchObject({ status: "requires_action" });
    expect(r.clientSecret).toMatch(/^pi_.+_secret_/);
    double.completeAuthentication(r.providerPaymentId!, true);
    expect(await stripe.retrievePayment(r.providerPaymentId!)).toMatchObject({ status: "succeeded", clientSecret: null });
  });

  it("3-D Secure off-session (automatic top-up) fails with authentication_required", async () => {
    const { cus, card } = await customerWithCard("pm_card_authenticationRequired");
    expect(await charge(cus, card.providerPmId, "k-3ds-off", { offSession: true })).toMatchObject({ status: "failed", failureCode: "authentication_required" });
  });

  it("a failing API is retried by the SDK with the same key: one charge", async () => {
    const { cus, card } = await customerWithCard("pm_card_visa");
    double.failNext(1, { status: 500, path: /^\/v1\/payment_intents$/ });
    const r = await charge(cus, card.providerPmId, "k-retry");
    expect(r.status).toBe("succeeded");
    const tries = double.requests.filter((x) => x.idempotencyKey === "k-retry");
    expect(tries.length).toBe(2);
    expect([...double.objects.values()].filter((o) => o.object === "payment_intent" && (o.metadata as Record<string, string>).portico_payment_id === "pay_k-retry")).toHaveLength(1);
  });

  it("refunds and disputes show on the payment; a lost payment is found by its metadata", async () => {
    const { cus, card } = await customerWithCard("pm_card_visa");
    const r = await charge(cus, card.providerPmId, "k-refund");
    await stripe.refund({ providerPaymentId: r.providerPaymentId!, amountCents: 700n, idempotencyKey: "refund-1" });
    await stripe.refund({ providerPaymentId: r.providerPaymentId!, amountCents: 700n, idempotencyKey: "refund-1" });
    expect(await stripe.retrievePayment(r.providerPaymentId!)).toMatchObject({ amountRefundedCents: 700n });
    double.dispute(r.providerPaymentId!);
    expect(await stripe.retrievePayment(r.providerPaymentId!)).toMatchObject({ disputed: true });
    const found = await stripe.findPayment({ providerCustomerId: cus, paymentId: "pay_k-refund", createdAfter: new Date(Date.now() - 60_000) });
    expect(found?.providerPaymentId).toBe(r.providerPaymentId);
    const charge_ = double.lastEvent("charge.dispute.created").data.object.charge as string;
    expect(await stripe.paymentOfCharge(charge_)).toBe(r.providerPaymentId);
  });
});

describe("currencies Stripe charges in steps (docs: Supported currencies, special cases)", () => {
  const sent = (key: string) => double.requests.filter((r) => r.path === "/v1/payment_intents" && r.method === "POST" && r.idempotencyKey === key);

  it("KWD: 5.120 is sent as 5120 fils; 5.125 is refused before any request, never rounded", async () => {
    const { cus, card } = await customerWithCard("pm_card_visa");
    const ok = await charge(cus, card.providerPmId, "k-kwd", { amountCents: 5_120n, currency: "KWD" });
    expect(ok).toMatchObject({ status: "succeeded", amountCents: 5_120n });
    expect(sent("k-kwd")[0]!.body).toMatchObject({ amount: "5120", currency: "kwd" });
    await expect(charge(cus, card.providerPmId, "k-kwd-odd", { amountCents: 5_125n, currency: "KWD" })).rejects.toThrow(
      "Amount 5125 (minor units of KWD) cannot be charged: cards are charged in multiples of 0.010 KWD",
    );
    expect(sent("k-kwd-odd")).toHaveLength(0);
    // a part refunded in fils goes back in the charge's currency and step
    await stripe.refund({ providerPaymentId: ok.providerPaymentId!, amountCents: 1_010n, idempotencyKey: "refund-kwd" });
    expect(await stripe.retrievePayment(ok.providerPaymentId!)).toMatchObject({ amountRefundedCents: 1_010n });
    await expect(stripe.refund({ providerPaymentId: ok.providerPaymentId!, amountCents: 1_005n, idempotencyKey: "refund-kwd-odd" })).rejects.toThrow(/multiples of 0\.010 KWD/);
  });

  it("ISK: whole krónur go to Stripe as its two-decimal amount (×100) and come back as krónur", async () => {
    const { cus, card } = await customerWithCard("pm_card_visa");
    const ok = await charge(cus, card.providerPmId, "k-isk", { amountCents: 2_500n, currency: "ISK" });
    expect(sent("k-isk")[0]!.body).toMatchObject({ amount: "250000", currency: "isk" });
    expect(ok).toMatchObject({ status: "succeeded", amountCents: 2_500n });
    await stripe.refund({ providerPaymentId: ok.providerPaymentId!, amountCents: 1_000n, idempotencyKey: "refund-isk" });
    expect(await stripe.retrievePayment(ok.providerPaymentId!)).toMatchObject({ amountRefundedCents: 1_000n });
  });
});

describe("webhook verification", () => {
  const event = () => double.events.find((e) => e.type === "payment_intent.succeeded")!;

  it("accepts a correctly signed event and maps it to the payment", () => {
    const { payload, header } = double.signed(event(), { secret: SECRET });
    const ev = stripe.parseWebhook(payload, header);
    expect(ev).toMatchObject({ provider: "stripe", type: "payment_intent.succeeded", target: { kind: "payment" } });
  });

  it("refuses a wrong secret, a tampered body, a missing header and an old timestamp", () => {
    const { payload, header } = double.signed(event(), { secret: "whsec_other" });
    expect(() => stripe.parseWebhook(payload, header)).toThrow(WebhookSignatureError);
    const good = double.signed(event(), { secret: SECRET });
    expect(() => stripe.parseWebhook(good.payload.replace("succeeded", "canceled"), good.header)).toThrow(WebhookSignatureError);
    expect(() => stripe.parseWebhook(good.payload, null)).toThrow(/No Stripe-Signature/);
    const old = double.signed(event(), { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(() => stripe.parseWebhook(old.payload, old.header)).toThrow(/tolerance/i);
  });
});
