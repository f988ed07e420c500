import "server-only";
// The sandbox payment provider (the embedded default): it behaves like Stripe's test mode. Its
// objects — customers, cards, setups, payments, charges — live in their own table
// (sandbox_objects) and change in their own transactions, as an outside provider's would: a
// charge that succeeded stays succeeded even if Portico crashes before crediting it. Test cards
// decide the outcome (./cards.ts). Every change sends a Stripe-shaped event through the job queue
// to the same handler as Stripe's webhooks, so the portal flow and the "webhook" race for real.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/tx";
import { newId, randomToken } from "@/lib/ids";
import { enqueue } from "@/lib/jobs/queue";
import { actionWords } from "@/lib/i18n/action-words";
import type { ChargeInput, PaymentGateway, ProviderPayment, SavedCard, SetupStatus } from "../types";
import { checkSandboxCard, testCard } from "./cards";

export const SANDBOX_EVENT_QUEUE = "payments.sandbox_event";

type SbxCustomer = { email: string; name: string; portico_customer_id: string; default_payment_method: string | null };
type SbxCard = { customer: string | null; number: string; brand: string; last4: string; exp_month: number; exp_year: number };
type SbxSetup = { customer: string; status: "requires_payment_method" | "succeeded"; payment_method: string | null; client_secret: string };
type SbxPayment = {
  amount: string;
  currency: string;
  customer: string;
  payment_method: string;
  status: "succeeded" | "requires_action" | "requires_payment_method" | "canceled";
  failure_code: string | null;
  failure_message: string | null;
  client_secret: string;
  off_session: boolean;
  description: string;
  idempotency_key: string;
  metadata: { portico_payment_id: string; portico_customer_id: string };
  amount_refunded: string;
  disputed: boolean;
  created: string;
};

class SandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxError";
  }
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex").slice(0, 24);
const sandboxPaymentId = (idempotencyKey: string) => `sbx_pi_${hashKey(idempotencyKey)}`;
const chargeIdOf = (paymentId: string) => paymentId.replace("sbx_pi_", "sbx_ch_");

async function read<T>(tx: Tx, id: string, type: string): Promise<T> {
  const row = await tx.sandboxObject.findUnique({ where: { id } });
  if (!row || row.type !== type) throw new SandboxError(`No such ${type}: ${id}`);
  return row.data as T;
}

async function write(tx: Tx, id: string, type: string, data: object) {
  await tx.sandboxObject.upsert({
    where: { id },
    create: { id, type, data: data as Prisma.InputJsonValue },
    update: { data: data as Prisma.InputJsonValue },
  });
}

/** Queue a Stripe-shaped event for Portico's provider-event handler (like a webhook delivery). */
async function emit(tx: Tx, type: string, object: object, now: Date) {
  const id = newId("sbx_evt");
  const delayMs = Number(process.env.SANDBOX_EVENT_DELAY_MS ?? 0);
  await enqueue(tx, {
    queue: SANDBOX_EVENT_QUEUE,
    uniqueKey: `sandbox-event:${id}`,
    runAt: new Date(now.getTime() + (Number.isFinite(delayMs) ? delayMs : 0)),
    payload: { event: { id, type, created: Math.floor(now.getTime() / 1000), data: { object } } },
  });
}

function paymentObject(id: string, p: SbxPayment) {
  return {
    id,
    object: "payment_intent",
    amount: p.amount,
    currency: p.currency,
    customer: p.customer,
    payment_method: p.payment_method,
    status: p.status,
    last_payment_error: p.failure_code ? { code: p.failure_code, message: p.failure_message } : null,
    latest_charge: p.status === "succeeded" ? chargeIdOf(id) : null,
    metadata: p.metadata,
  };
}

function toProviderPayment(id: string, p: SbxPayment): ProviderPayment {
  const status = p.status === "requires_payment_method" ? "failed" : p.status;
  return {
    providerPaymentId: id,
    status,
    amountCents: BigInt(p.amount),
    failureCode: status === "failed" ? p.failure_code : null,
    failureMessage: status === "failed" ? p.failure_message : null,
    clientSecret: status === "requires_action" ? p.client_secret : null,
    amountRefundedCents: BigInt(p.amount_refunded),
    disputed: p.disputed,
    paymentId: p.metadata.portico_payment_id,
  };
}

function toCard(id: string, c: SbxCard): SavedCard & { providerCustomerId: string | null } {
  return { providerPmId: id, brand: c.brand, last4: c.last4, expMonth: c.exp_month, expYear: c.exp_year, providerCustomerId: c.customer };
}

export class SandboxGateway implements PaymentGateway {
  readonly name = "sandbox" as const;

  private tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return db().$transaction(fn);
  }

  async createCustomer(input: { customerId: string; email: string; name: string }): Promise<string> {
    return this.tx((tx) => createSandboxCustomer(tx, input));
  }

  async createSetup(providerCustomerId: string) {
    return this.tx(async (tx) => {
      await read<SbxCustomer>(tx, providerCustomerId, "customer");
      const setupId = `sbx_seti_${randomToken(12)}`;
      const setup: SbxSetup = { customer: providerCustomerId, status: "requires_payment_method", payment_method: null, client_secret: `${setupId}_secret_${randomToken(12)}` };
      await write(tx, setupId, "setup_intent", setup);
      return { setupId, clientSecret: setup.client_secret };
    });
  }

  /**
   * What the sandbox's card form does in the browser's place (Stripe.js confirmSetup): check
   * the card, save it on the setup's customer, and send setup_intent.succeeded.
   */
  async confirmSetup(setupId: string, card: { number: string; expMonth: number; expYear: number; cvc: string }, now = new Date()) {
    const checked = checkSandboxCard(card, now);
    if (!checked.ok) return { ok: false as const, field: checked.field, message: actionWords()(`card.${checked.reason}`) };
    return this.tx(async (tx) => {
      const setup = await read<SbxSetup>(tx, setupId, "setup_intent");
      if (setup.status === "succeeded") throw new SandboxError(`Setup ${setupId} was already confirmed`);
      const pmId = `sbx_pm_${randomToken(12)}`;
      const c = checked.card;
      await write(tx, pmId, "payment_method", {
        customer: setup.customer, number: c.number, brand: c.brand, last4: c.number.slice(-4), exp_month: card.expMonth, exp_year: card.expYear,
      } satisfies SbxCard);
      await write(tx, setupId, "setup_intent", { ...setup, status: "succeeded", payment_method: pmId } satisfies SbxSetup);
      await emit(tx, "setup_intent.succeeded", { id: setupId, object: "setup_intent", customer: setup.customer, payment_method: pmId, status: "succeeded" }, now);
      return { ok: true as const, providerPmId: pmId };
    });
  }

  async retrieveSetup(setupId: string): Promise<SetupStatus> {
    return this.tx(async (tx) => {
      const setup = await read<SbxSetup>(tx, setupId, "setup_intent");
      if (setup.status !== "succeeded" || !setup.payment_method) return { status: "pending", card: null, providerCustomerId: setup.customer };
      const card = await read<SbxCard>(tx, setup.payment_method, "payment_method");
      return { status: "succeeded", card: toCard(setup.payment_method, card), providerCustomerId: setup.customer };
    });
  }

  async retrieveCard(providerPmId: string) {
    return this.tx(async (tx) => toCard(providerPmId, await read<SbxCard>(tx, providerPmId, "payment_method")));
  }

  async setDefaultCard(providerCustomerId: string, providerPmId: string) {
    await this.tx(async (tx) => {
      const customer = await read<SbxCustomer>(tx, providerCustomerId, "customer");
      const card = await read<SbxCard>(tx, providerPmId, "payment_method");
      if (card.customer !== providerCustomerId) throw new SandboxError(`Card ${providerPmId} does not belong to ${providerCustomerId}`);
      await write(tx, providerCustomerId, "customer", { ...customer, default_payment_method: providerPmId } satisfies SbxCustomer);
    });
  }

  async detachCard(providerPmId: string, now = new Date()) {
    await this.tx(async (tx) => {
      const card = await read<SbxCard>(tx, providerPmId, "payment_method");
      if (card.customer === null) return;
      await write(tx, providerPmId, "payment_method", { ...card, customer: null } satisfies SbxCard);
      await emit(tx, "payment_method.detached", { id: providerPmId, object: "payment_method", customer: null }, now);
    });
  }

  async charge(input: ChargeInput, now = new Date()): Promise<ProviderPayment> {
    const id = sandboxPaymentId(input.idempotencyKey);
    return this.tx(async (tx) => {
      // The same key returns the same payment (and refuses different parameters, like Stripe).
      const existing = await tx.sandboxObject.findUnique({ where: { id } });
      if (existing) {
        const p = existing.data as SbxPayment;
        if (BigInt(p.amount) !== input.amountCents || p.payment_method !== input.providerPmId) {
          throw new SandboxError(`Keys for idempotent requests can only be used with the same parameters (${input.idempotencyKey})`);
        }
        return toProviderPayment(id, p);
      }
      if (input.amountCents <= 0n) throw new SandboxError("Amount must be at least 1 cent");
      const card = await read<SbxCard>(tx, input.providerPmId, "payment_method");
      if (card.customer !== input.providerCustomerId) throw new SandboxError(`Card ${input.providerPmId} is not attached to ${input.providerCustomerId}`);
      const outcome = testCard(card.number)?.outcome ?? { kind: "succeed" as const };
      const base: SbxPayment = {
        amount: input.amountCents.toString(),
        currency: input.currency.toLowerCase(),
        customer: input.providerCustomerId,
        payment_method: input.providerPmId,
        status: "succeeded",
        failure_code: null,
        failure_message: null,
        client_secret: `${id}_secret_${randomToken(12)}`,
        off_session: input.offSession,
        description: input.description,
        idempotency_key: input.idempotencyKey,
        metadata: { portico_payment_id: input.paymentId, portico_customer_id: input.customerId },
        amount_refunded: "0",
        disputed: false,
        created: now.toISOString(),
      };
      let p: SbxPayment = base;
      if (outcome.kind === "decline") p = { ...base, status: "requires_payment_method", failure_code: outcome.code, failure_message: outcome.message };
      if (outcome.kind === "authenticate") {
        p = input.offSession
          ? { ...base, status: "requires_payment_method", failure_code: "authentication_required", failure_message: "This payment requires authentication by the card holder." }
          : { ...base, status: "requires_action" };
      }
      await tx.sandboxObject.create({ data: { id, type: "payment_intent", data: p as unknown as Prisma.InputJsonValue } });
      await emit(tx, eventTypeOf(p), paymentObject(id, p), now);
      return toProviderPayment(id, p);
    });
  }

  /** The sandbox's dashboard: its latest payments, newest first. */
  async listPayments(limit = 50) {
    const rows = await db().sandboxObject.findMany({ where: { type: "payment_intent" }, orderBy: { createdAt: "desc" }, take: limit });
    return rows.map((r) => ({ ...toProviderPayment(r.id, r.data as SbxPayment), description: (r.data as SbxPayment).description, createdAt: r.createdAt }));
  }

  /** The customer's answer to the 3-D Secure challenge (Stripe.js does this in the browser). */
  async authenticate(providerPaymentId: string, passed: boolean, now = new Date()): Promise<ProviderPayment> {
    return this.tx(async (tx) => {
      const p = await read<SbxPayment>(tx, providerPaymentId, "payment_intent");
      if (p.status !== "requires_action") return toProviderPayment(providerPaymentId, p);
      const next: SbxPayment = passed
        ? { ...p, status: "succeeded" }
        : { ...p, status: "requires_payment_method", failure_code: "payment_intent_authentication_failure", failure_message: "The card holder did not complete authentication." };
      await write(tx, providerPaymentId, "payment_intent", next);
      await emit(tx, eventTypeOf(next), paymentObject(providerPaymentId, next), now);
      return toProviderPayment(providerPaymentId, next);
    });
  }

  async retrievePayment(providerPaymentId: string): Promise<ProviderPayment> {
    return this.tx(async (tx) => toProviderPayment(providerPaymentId, await read<SbxPayment>(tx, providerPaymentId, "payment_intent")));
  }

  async findPayment(input: { idempotencyKey: string }): Promise<ProviderPayment | null> {
    const id = sandboxPaymentId(input.idempotencyKey);
    const row = await db().sandboxObject.findUnique({ where: { id } });
    return row ? toProviderPayment(id, row.data as SbxPayment) : null;
  }

  async paymentOfCharge(chargeId: string): Promise<string | null> {
    return chargeId.startsWith("sbx_ch_") ? chargeId.replace("sbx_ch_", "sbx_pi_") : null;
  }

  /** A refund, as the merchant would issue it from the provider's dashboard. */
  async refund(input: { providerPaymentId: string; amountCents?: bigint; idempotencyKey: string }, now = new Date()) {
    await this.tx(async (tx) => {
      const refundId = `sbx_re_${hashKey(input.idempotencyKey)}`;
      if (await tx.sandboxObject.findUnique({ where: { id: refundId } })) return;
      const p = await read<SbxPayment>(tx, input.providerPaymentId, "payment_intent");
      if (p.status !== "succeeded") throw new SandboxError("Only a succeeded payment can be refunded");
      const left = BigInt(p.amount) - BigInt(p.amount_refunded);
      const amount = input.amountCents ?? left;
      if (amount <= 0n || amount > left) throw new SandboxError(`Refund of ${amount}¢ exceeds the ${left}¢ left to refund`);
      const next = { ...p, amount_refunded: (BigInt(p.amount_refunded) + amount).toString() };
      await write(tx, refundId, "refund", { payment_intent: input.providerPaymentId, amount: amount.toString() });
      await write(tx, input.providerPaymentId, "payment_intent", next);
      await emit(tx, "charge.refunded", {
        id: chargeIdOf(input.providerPaymentId), object: "charge", payment_intent: input.providerPaymentId,
        amount: next.amount, amount_refunded: next.amount_refunded, refunded: next.amount_refunded === next.amount,
      }, now);
    });
  }

  /** The card holder disputes the charge with their bank. */
  async dispute(providerPaymentId: string, now = new Date()) {
    await this.tx(async (tx) => {
      const p = await read<SbxPayment>(tx, providerPaymentId, "payment_intent");
      if (p.status !== "succeeded" || p.disputed) throw new SandboxError("Only an undisputed, succeeded payment can be disputed");
      await write(tx, providerPaymentId, "payment_intent", { ...p, disputed: true });
      await emit(tx, "charge.dispute.created", {
        id: `sbx_dp_${randomToken(8)}`, object: "dispute", charge: chargeIdOf(providerPaymentId), payment_intent: providerPaymentId,
        amount: p.amount, reason: "fraudulent", status: "needs_response",
      }, now);
    });
  }
}

function eventTypeOf(p: SbxPayment): string {
  if (p.status === "succeeded") return "payment_intent.succeeded";
  if (p.status === "requires_action") return "payment_intent.requires_action";
  if (p.status === "canceled") return "payment_intent.canceled";
  return "payment_intent.payment_failed";
}

/** Create the sandbox's customer of a Portico customer (inside the caller's transaction). */
async function createSandboxCustomer(tx: Tx, input: { customerId: string; email: string; name: string }): Promise<string> {
  const id = `sbx_cus_${hashKey(`customer:${input.customerId}`)}`;
  const existing = await tx.sandboxObject.findUnique({ where: { id } });
  if (!existing) {
    await write(tx, id, "customer", { email: input.email, name: input.name, portico_customer_id: input.customerId, default_payment_method: null } satisfies SbxCustomer);
  }
  return id;
}

/**
 * The demo's saved card: a 4242 test card, default, on the sandbox customer of `customerId`
 * (inside the seed's transaction).
 */
export async function seedSandboxCard(tx: Tx, input: { customerId: string; email: string; name: string }, now: Date) {
  const providerCustomerId = await createSandboxCustomer(tx, input);
  const pmId = `sbx_pm_${hashKey(`seed:${input.customerId}`)}`;
  const expYear = now.getUTCFullYear() + 3;
  await write(tx, pmId, "payment_method", { customer: providerCustomerId, number: "4242424242424242", brand: "visa", last4: "4242", exp_month: 12, exp_year: expYear } satisfies SbxCard);
  const customer = await read<SbxCustomer>(tx, providerCustomerId, "customer");
  await write(tx, providerCustomerId, "customer", { ...customer, default_payment_method: pmId } satisfies SbxCustomer);
  return { providerCustomerId, card: { providerPmId: pmId, brand: "visa", last4: "4242", expMonth: 12, expYear } };
}
