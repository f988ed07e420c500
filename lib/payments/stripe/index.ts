import "server-only";
// The Stripe adapter — the only module that imports `stripe`. It maps Stripe's objects to
// Portico's own types at this edge: a Customer per account, SetupIntents for the Payment Element,
// PaymentIntents confirmed on the saved card with Stripe idempotency keys (on-session from the
// portal, so 3-D Secure can be completed with Stripe.js; off-session for automatic top-ups), and
// webhook events verified on the raw body.
import Stripe from "stripe";
import { chargeStepProblem } from "@/lib/billing/chargeable";
import { mapProviderEvent } from "../events";
import type { ChargeInput, PaymentGateway, ProviderEventInput, ProviderPayment, SavedCard, SetupStatus } from "../types";

type StripeSettings = {
  secretKey: string;
  webhookSecret: string | null;
  /** A local API (the test double): host, port and protocol. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
  /** Seconds a webhook signature stays acceptable (Stripe's default is 300). */
  toleranceSeconds: number;
};

export function stripeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StripeSettings | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return null;
  const protocol = env.STRIPE_API_PROTOCOL === "http" ? "http" : env.STRIPE_API_PROTOCOL === "https" ? "https" : undefined;
  return {
    secretKey,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() || null,
    host: env.STRIPE_API_HOST || undefined,
    port: env.STRIPE_API_PORT ? Number(env.STRIPE_API_PORT) : undefined,
    protocol,
    toleranceSeconds: env.STRIPE_WEBHOOK_TOLERANCE ? Number(env.STRIPE_WEBHOOK_TOLERANCE) : 300,
  };
}

// ISK has no minor unit in ISO 4217 (Portico's ISK amounts are whole krónur) but Stripe's API
// takes it as two-decimal, divisible by 100 (docs "Supported currencies", special cases).
const stripeFactor = (currency: string) => (currency.toUpperCase() === "ISK" ? 100n : 1n);

/**
 * Minor units → the JS number Stripe wants (exact far below 2^53). An amount a card cannot be
 * charged exactly (1.005 KWD: three-decimal currencies go in steps of 0.010) is refused, never
 * rounded: invoiceTotals already rounds every total to the step, so this is a bug guard.
 */
function toStripeAmount(minor: bigint, currency: string): number {
  const problem = chargeStepProblem(minor, currency.toUpperCase());
  if (problem) throw new RangeError(`Amount ${minor} (minor units of ${currency}) cannot be charged: ${problem}`);
  const amount = minor * stripeFactor(currency);
  if (amount <= 0n || amount > 99_999_999n) throw new RangeError(`Amount ${minor} (minor units of ${currency}) is outside what a card charge allows`);
  return Number(amount);
}

/** Stripe's amount → Portico's minor units (ISK back to krónur; a fraction of one is refused). */
function fromStripeAmount(amount: number, currency: string): bigint {
  const factor = stripeFactor(currency);
  const big = BigInt(amount);
  if (big % factor !== 0n) throw new RangeError(`Stripe amount ${amount} ${currency} is not a whole number of krónur`);
  return big / factor;
}

const idOf = (x: string | { id: string } | null | undefined): string | null => (x == null ? null : typeof x === "string" ? x : x.id);

function cardOf(pm: Stripe.PaymentMethod): SavedCard & { providerCustomerId: string | null } {
  const card = pm.card;
  return {
    providerPmId: pm.id,
    brand: card?.brand ?? pm.type,
    last4: card?.last4 ?? "????",
    expMonth: card?.exp_month ?? 0,
    expYear: card?.exp_year ?? 0,
    providerCustomerId: idOf(pm.customer),
  };
}

function paymentOf(pi: Stripe.PaymentIntent): ProviderPayment {
  const charge = typeof pi.latest_charge === "object" && pi.latest_charge !== null ? pi.latest_charge : null;
  const failed = pi.status === "requires_payment_method" && pi.last_payment_error != null;
  const status: ProviderPayment["status"] =
    pi.status === "succeeded"
      ? "succeeded"
      : pi.status === "requires_action"
        ? "requires_action"
        : pi.status === "canceled"
          ? "canceled"
          : failed
            ? "failed"
            : "processing";
  const error = pi.last_payment_error;
  return {
    providerPaymentId: pi.id,
    status,
    amountCents: fromStripeAmount(pi.amount, pi.currency),
    failureCode: status === "failed" || status === "canceled" ? (error ? declineCode(error) : status === "canceled" ? "canceled" : null) : null,
    failureMessage: status === "failed" ? (error?.message ?? null) : null,
    clientSecret: status === "requires_action" ? pi.client_secret : null,
    amountRefundedCents: fromStripeAmount(charge?.amount_refunded ?? 0, pi.currency),
    disputed: charge?.disputed ?? false,
    paymentId: pi.metadata?.portico_payment_id ?? null,
  };
}

/** Stripe's most specific reason: the issuer's decline code, unless it is the generic one. */
function declineCode(e: { code?: string | null; decline_code?: string | null }): string {
  return e.decline_code && e.decline_code !== "generic_decline" ? e.decline_code : (e.code ?? "card_declined");
}

export class StripeGateway implements PaymentGateway {
  readonly name = "stripe" as const;
  readonly client: Stripe;

  constructor(readonly settings: StripeSettings) {
    this.client = new Stripe(settings.secretKey, {
      host: settings.host,
      port: settings.port,
      protocol: settings.protocol,
      maxNetworkRetries: 2,
      timeout: 20_000,
      appInfo: { name: "Portico" },
    });
  }

  async createCustomer(input: { customerId: string; email: string; name: string }): Promise<string> {
    const c = await this.client.customers.create(
      { email: input.email, name: input.name, metadata: { portico_customer_id: input.customerId } },
      { idempotencyKey: `portico-customer-${input.customerId}` },
    );
    return c.id;
  }

  async createSetup(providerCustomerId: string) {
    const si = await this.client.setupIntents.create({ customer: providerCustomerId, usage: "off_session", allowed_payment_method_types: ["card"] });
    if (!si.client_secret) throw new Error(`SetupIntent ${si.id} came back without a client secret`);
    return { setupId: si.id, clientSecret: si.client_secret };
  }

  async retrieveSetup(setupId: string): Promise<SetupStatus> {
    const si = await this.client.setupIntents.retrieve(setupId, { expand: ["payment_method"] });
    const pm = typeof si.payment_method === "object" && si.payment_method !== null ? si.payment_method : null;
    const status = si.status === "succeeded" ? "succeeded" : si.status === "canceled" ? "failed" : "pending";
    return { status, card: status === "succeeded" && pm ? cardOf(pm) : null, providerCustomerId: idOf(si.customer) };
  }

  async retrieveCard(providerPmId: string) {
    return cardOf(await this.client.paymentMethods.retrieve(providerPmId));
  }

  async setDefaultCard(providerCustomerId: string, providerPmId: string) {
    await this.client.customers.update(providerCustomerId, { invoice_settings: { default_payment_method: providerPmId } });
  }

  async detachCard(providerPmId: string) {
    await this.client.paymentMethods.detach(providerPmId);
  }

  async charge(input: ChargeInput): Promise<ProviderPayment> {
    try {
      const pi = await this.client.paymentIntents.create(
        {
          amount: toStripeAmount(input.amountCents, input.currency),
          currency: input.currency.toLowerCase(),
          customer: input.providerCustomerId,
          payment_method: input.providerPmId,
          allowed_payment_method_types: ["card"],
          confirm: true,
          off_session: input.offSession,
          // On-session, a 3-D Secure challenge is finished in the browser with stripe.handleNextAction.
          ...(input.offSession ? {} : { use_stripe_sdk: true }),
          description: input.description,
          metadata: { portico_payment_id: input.paymentId, portico_customer_id: input.customerId },
          expand: ["latest_charge"],
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return paymentOf(pi);
    } catch (e) {
      // A decline is an answer, not an error: Stripe puts the failed PaymentIntent in the error.
      if (e instanceof Stripe.errors.StripeCardError) {
        const pi = e.payment_intent;
        const code = declineCode(e);
        if (pi) return { ...paymentOf(pi), status: "failed", failureCode: code, failureMessage: e.message, clientSecret: null };
        return {
          providerPaymentId: null, status: "failed", amountCents: input.amountCents, failureCode: code, failureMessage: e.message,
          clientSecret: null, amountRefundedCents: 0n, disputed: false, paymentId: input.paymentId,
        };
      }
      throw e;
    }
  }

  async retrievePayment(providerPaymentId: string): Promise<ProviderPayment> {
    return paymentOf(await this.client.paymentIntents.retrieve(providerPaymentId, { expand: ["latest_charge"] }));
  }

  async findPayment(input: { providerCustomerId: string; paymentId: string; createdAfter: Date }): Promise<ProviderPayment | null> {
    const gte = Math.floor(input.createdAfter.getTime() / 1000) - 60;
    for await (const pi of this.client.paymentIntents.list({ customer: input.providerCustomerId, created: { gte }, limit: 100, expand: ["data.latest_charge"] })) {
      if (pi.metadata?.portico_payment_id === input.paymentId) return paymentOf(pi);
    }
    return null;
  }

  async paymentOfCharge(chargeId: string): Promise<string | null> {
    return idOf((await this.client.charges.retrieve(chargeId)).payment_intent);
  }

  async refund(input: { providerPaymentId: string; amountCents?: bigint; idempotencyKey: string }) {
    // a part of a charge is in the charge's currency (its step, ISK's factor): Stripe knows it
    const currency = input.amountCents === undefined ? null : (await this.client.paymentIntents.retrieve(input.providerPaymentId)).currency;
    await this.client.refunds.create(
      { payment_intent: input.providerPaymentId, ...(input.amountCents !== undefined && currency ? { amount: toStripeAmount(input.amountCents, currency) } : {}) },
      { idempotencyKey: input.idempotencyKey },
    );
  }

  /**
   * Verify a webhook on its raw body (signature and timestamp, within the tolerance) and map it.
   * Throws WebhookSignatureError for anything that does not verify.
   */
  parseWebhook(rawBody: string, signature: string | null, nowSeconds?: number): ProviderEventInput {
    if (!this.settings.webhookSecret) throw new WebhookSignatureError("STRIPE_WEBHOOK_SECRET is not set: webhooks cannot be verified.");
    if (!signature) throw new WebhookSignatureError("No Stripe-Signature header.");
    let event: Stripe.Event;
    try {
      event = this.client.webhooks.constructEvent(rawBody, signature, this.settings.webhookSecret, this.settings.toleranceSeconds, undefined, nowSeconds);
    } catch (e) {
      throw new WebhookSignatureError(e instanceof Error ? e.message : "Signature verification failed.");
    }
    return mapProviderEvent("stripe", event);
  }
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}
