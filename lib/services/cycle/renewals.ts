import "server-only";
// Subscription invoices (DESIGN §7) and how they are collected (DESIGN §5 dunning):
//   invoiceClosedPeriod  — in the transaction that claims a period's close (exactly once): the
//                          invoice for the next period's fee + the closed period's overage, issued
//                          open, and its renewal payment placed (key derived from the period) with
//                          a `billing.charge` job to charge it;
//   billing.charge       — charges a placed payment off-session (same key: never twice) and applies
//                          the answer (lib/services/payments/payments.ts → subscription-payments.ts);
//   billing.dunning      — a retry on the plan's schedule while the invoice is open;
//   payInvoiceNow        — the customer's "Pay now" from the portal (owner/billing).
import { periodAccountId } from "@/lib/billing/accounts";
import { rulesFor } from "@/lib/billing/models";
import { invoiceTotals } from "@/lib/billing/invoice-math";
import { renewalLines } from "@/lib/billing/renewal";
import { db } from "@/lib/db/client";
import { lockRow } from "@/lib/db/lock-row";
import type { Invoice, Payment, PaymentMethod, Prisma } from "@/lib/db/generated/client";
import { findPlanByCode, getPlanOrThrow } from "@/lib/db/plans";
import { transaction, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { enqueue, type Handler } from "@/lib/jobs/queue";
import { createDraftInvoice, issueInvoice } from "../invoices/invoices";
import { chosenCard, defaultCard, savedCards } from "../payments/payment-methods";
import { detailsToJson, type InvoicePaymentDetails, type PaymentDetails } from "../payments/payment-details";
import { paymentView, type PaymentView } from "../payments/payment-view";
import { syncPayment } from "../payments/payments";
import { chargePayment } from "../payments/purchases";
import { cardProblem, FORM_KEY_PATTERN } from "../payments/purchase-pricing";
import { CHARGE_QUEUE, DUNNING_QUEUE, invoicePaymentFailed } from "../payments/subscription-payments";
import { rollSubscription } from "./subscriptions";
import { displayLocale } from "@/lib/i18n/locale-scope";

export { CHARGE_QUEUE };

/** The renewal invoice's id: one per ended period, whatever runs the job. */
const renewalInvoiceId = (periodId: string) => `inv_ren_${periodId.replace(/^per_/, "")}`;

/**
 * Invoice an ended period, once (the period row is locked and marked invoiced in this
 * transaction): the next period's fee (none when the subscription ended or is suspended) and,
 * for a Metered plan, the period's overage — which is final only once the period is closed (after
 * its grace window), so a Metered period waits for its close. Returns the invoice, or null when
 * nothing is owed (or it is not due yet).
 */
export async function invoiceEndedPeriod(tx: Tx, periodId: string, now: Date): Promise<Invoice | null> {
  await lockRow(tx, "billingPeriod", periodId);
  const period = await tx.billingPeriod.findUniqueOrThrow({ where: { id: periodId }, include: { subscription: { include: { customer: { include: { merchant: true } } } } } });
  if (period.invoicedAt) return period.invoiceId ? tx.invoice.findUnique({ where: { id: period.invoiceId } }) : null;
  const closedPlan = await getPlanOrThrow(tx, period.planId);
  if (period.periodEnd.getTime() > now.getTime() || (rulesFor(closedPlan).invoicesAfterClose && period.status !== "closed")) return null;
  let sub = period.subscription;
  const customer = sub.customer;
  // Open the next period first (the usage path or the roll job may not have yet).
  if (sub.status !== "canceled" && sub.currentPeriodEnd.getTime() <= period.periodEnd.getTime()) {
    await rollSubscription(tx, sub.id, now);
    sub = { ...sub, ...(await tx.subscription.findUniqueOrThrow({ where: { id: sub.id } })) };
  }
  const next = sub.status === "canceled" || sub.status === "suspended"
    ? null
    : await tx.billingPeriod.findUnique({ where: { subscriptionId_periodStart: { subscriptionId: sub.id, periodStart: period.periodEnd } } });
  const nextPlan = next ? await getPlanOrThrow(tx, next.planId) : null;

  let overage = null;
  const overageTerms = rulesFor(closedPlan).overageTerms(closedPlan);
  if (overageTerms) {
    const acc = await tx.ledgerAccount.findUnique({ where: { id: periodAccountId(customer.id, "overage", period.periodStart) } });
    const owed = acc ? acc.postedDebits - acc.postedCredits : 0n;
    if (owed > 0n) {
      overage = {
        planName: closedPlan.name, units: owed / overageTerms.unitPriceMicros, meterAsset: overageTerms.unitAsset,
        includedUnits: overageTerms.includedUnits, unitPriceMicros: overageTerms.unitPriceMicros, amountMicros: owed, start: period.periodStart, end: period.periodEnd,
      };
    }
  }
  const lines = renewalLines({
    locale: displayLocale(customer.locale),
    currency: closedPlan.currency,
    next: next && nextPlan ? { planName: nextPlan.name, planCode: nextPlan.code, planId: nextPlan.id, model: nextPlan.model, priceMicros: nextPlan.priceMicros, start: next.periodStart, end: next.periodEnd } : null,
    overage,
  });
  if (lines.length === 0) {
    await tx.billingPeriod.update({ where: { id: period.id }, data: { invoicedAt: now } });
    return null;
  }
  const id = renewalInvoiceId(period.id);
  await createDraftInvoice(tx, {
    id, merchantId: customer.merchantId, customerId: customer.id, kind: "subscription", currency: customer.currency, taxRateBps: customer.merchant.taxRateBps, lines,
    periodStart: next?.periodStart ?? period.periodStart, periodEnd: next?.periodEnd ?? period.periodEnd,
    memo: overage ? `Includes the overage of the period that ended ${period.periodEnd.toISOString().slice(0, 10)}.` : null, now,
  });
  const total = invoiceTotals(lines, customer.merchant.taxRateBps, customer.currency).totalCents;
  const invoice = await issueInvoice(tx, id, { now, paid: total === 0n });
  await tx.billingPeriod.update({ where: { id: period.id }, data: { invoiceId: id, invoicedAt: now } });
  if (total === 0n) return invoice;
  const card = await defaultCard(tx, customer.id);
  if (!card) {
    await invoicePaymentFailed(tx, { customerId: customer.id, invoiceId: id, subscriptionId: sub.id, attempt: 0, paymentId: null, failureCode: "no_payment_method", now });
    return invoice;
  }
  const payment = await placeInvoicePayment(tx, { invoice, card, idempotencyKey: `renewal:${sub.id}:${period.periodEnd.toISOString()}`, attempt: 0, now });
  await enqueue(tx, { queue: CHARGE_QUEUE, uniqueKey: `charge:${payment.id}`, payload: { paymentId: payment.id }, runAt: now });
  return invoice;
}

/** What paying this invoice settles, read back from its lines (so every attempt settles the same). */
async function invoicePaymentDetails(tx: Tx, invoice: Invoice, attempt: number | null): Promise<PaymentDetails> {
  const lines = await tx.invoiceLine.findMany({ where: { invoiceId: invoice.id }, orderBy: { position: "asc" } });
  const sub = await tx.subscription.findUniqueOrThrow({ where: { customerId: invoice.customerId } });
  const inv: InvoicePaymentDetails = { invoiceId: invoice.id, subscriptionId: sub.id, feeMicros: 0n, grantPeriodStart: null, grantPlanId: null, overageMicros: 0n, overageAccountId: null, attempt };
  for (const l of lines) {
    const refs = (l.refs ?? {}) as Record<string, string>;
    if (refs.line === "fee") {
      inv.feeMicros += l.amountMicros;
      // the version the invoice renewed into (older invoices name only the code: its current version)
      const plan = refs.plan_id ? await getPlanOrThrow(tx, refs.plan_id) : refs.plan ? await findPlanByCode(tx, invoice.merchantId, refs.plan) : null;
      if (plan && rulesFor(plan).grantsWhenRenewalPaid && refs.period_start) {
        inv.grantPeriodStart = refs.period_start;
        inv.grantPlanId = plan.id;
      }
    } else if (refs.line === "overage") {
      inv.overageMicros += l.amountMicros;
      inv.overageAccountId = periodAccountId(invoice.customerId, "overage", new Date(refs.period_start!));
    } else {
      inv.feeMicros += l.amountMicros;
    }
  }
  return {
    kind: "invoice", description: `Invoice ${invoice.number}`, subtotalMicros: invoice.subtotalMicros, taxMicros: invoice.taxMicros, taxRateBps: invoice.taxRateBps,
    packCode: null, packName: null, creditsMilli: null, expiryMonths: null, automatic: attempt !== null, invoice: inv,
  };
}

async function placeInvoicePayment(tx: Tx, args: { invoice: Invoice; card: PaymentMethod; idempotencyKey: string; attempt: number | null; now: Date }): Promise<Payment> {
  const existing = await tx.payment.findUnique({ where: { idempotencyKey: args.idempotencyKey } });
  if (existing) return existing;
  const details = await invoicePaymentDetails(tx, args.invoice, args.attempt);
  return tx.payment.create({
    data: {
      id: newId("pay"), merchantId: args.invoice.merchantId, customerId: args.invoice.customerId, invoiceId: args.invoice.id,
      idempotencyKey: args.idempotencyKey, provider: args.card.provider, paymentMethodId: args.card.id, purpose: "subscription",
      details: detailsToJson(details) as Prisma.InputJsonValue, amountCents: args.invoice.totalCents, currency: args.invoice.currency,
      status: "processing", createdAt: args.now,
    },
  });
}

/** Charge a placed invoice payment, or ask the provider where it stands (a retried job). */
async function chargeInvoicePayment(paymentId: string, now: Date, offSession: boolean): Promise<Payment> {
  const p = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (p.status !== "processing") return p;
  if (p.providerPaymentId) return syncPayment(p.id, now);
  return chargePayment(p.id, { offSession, now });
}

const lockInvoice = (tx: Tx, id: string) => lockRow(tx, "invoice", id);

const inFlight = (tx: Tx, invoiceId: string) =>
  tx.payment.findFirst({ where: { invoiceId, status: { in: ["processing", "requires_action"] } }, orderBy: { createdAt: "desc" } });

/** A dunning retry: charge the open invoice again with the customer's current default card. */
async function runDunningRetry(invoiceId: string, attempt: number, now: Date): Promise<Payment | null> {
  const placed = await transaction(async (tx) => {
    await lockInvoice(tx, invoiceId);
    const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    const sub = await tx.subscription.findUniqueOrThrow({ where: { customerId: invoice.customerId } });
    if (invoice.status !== "open" || sub.status === "canceled") return null;
    const key = `renewal:${invoice.id}:retry${attempt}`;
    const mine = await tx.payment.findUnique({ where: { idempotencyKey: key } });
    if (mine) return mine;
    const busy = await inFlight(tx, invoice.id);
    if (busy) throw new Error(`Invoice ${invoice.number} has a payment in progress (${busy.id}); the retry waits.`);
    const card = await defaultCard(tx, invoice.customerId);
    if (!card) {
      await invoicePaymentFailed(tx, { customerId: invoice.customerId, invoiceId, subscriptionId: sub.id, attempt, paymentId: null, failureCode: "no_payment_method", now });
      return null;
    }
    return placeInvoicePayment(tx, { invoice, card, idempotencyKey: key, attempt, now });
  });
  return placed ? chargeInvoicePayment(placed.id, now, true) : null;
}

type PayNowError = { ok: false; code: "not_found" | "not_payable" | "invalid_request" | "no_payment_method" | "card_expired" | "payment_pending" | "unknown_card"; message: string; paymentId?: string };

/** "Pay now": the customer pays an open subscription invoice with the default card (3-D Secure possible). */
export async function payInvoiceNow(customerId: string, invoiceId: string, formKey: string, paymentMethodId?: string, now = new Date()): Promise<{ ok: true; payment: PaymentView } | PayNowError> {
  if (!FORM_KEY_PATTERN.test(formKey)) return { ok: false, code: "invalid_request", message: "This form has expired. Reload the page and try again." };
  const key = `paynow:${customerId}:${formKey}`;
  const placed = await transaction(async (tx): Promise<Payment | PayNowError> => {
    const invoice = await tx.invoice.findFirst({ where: { id: invoiceId, customerId } });
    if (!invoice || invoice.status === "draft") return { ok: false, code: "not_found", message: "No such invoice." };
    await lockInvoice(tx, invoice.id);
    const mine = await tx.payment.findUnique({ where: { idempotencyKey: key } });
    if (mine) return mine;
    const fresh = await tx.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    if (fresh.kind !== "subscription" || fresh.status !== "open") {
      return { ok: false, code: "not_payable", message: `Invoice ${fresh.number} is ${fresh.status}; there is nothing to pay.` };
    }
    const sub = await tx.subscription.findUnique({ where: { customerId } });
    if (!sub || sub.status === "canceled") return { ok: false, code: "not_payable", message: "This subscription is canceled; its invoices can no longer be paid here." };
    const busy = await inFlight(tx, invoice.id);
    if (busy) return { ok: false, code: "payment_pending", message: `A payment of ${fresh.number} is already in progress.`, paymentId: busy.id };
    const card = chosenCard(await savedCards(tx, customerId), paymentMethodId);
    if (card === "unknown") return { ok: false, code: "unknown_card", message: "That card is no longer saved on this account. Choose another card." };
    const problem = cardProblem(card, now, "invoice");
    if (problem) return problem;
    return placeInvoicePayment(tx, { invoice: fresh, card: card as PaymentMethod, idempotencyKey: key, attempt: null, now });
  });
  if ("ok" in placed) return placed;
  const payment = await chargeInvoicePayment(placed.id, now, false);
  return { ok: true, payment: await paymentView(payment) };
}

/** Open subscription invoices of a customer (the past-due banner links to the oldest). */
/** What the past-due banner says: the subscription's dunning state and its open invoices; null when in good standing. */
export async function pastDueState(customerId: string) {
  const sub = await db().subscription.findUnique({ where: { customerId }, select: { status: true, plan: { select: { dunningRule: true, dunningRetryDays: true } } } });
  if (!sub || (sub.status !== "past_due" && sub.status !== "suspended")) return null;
  return { status: sub.status, dunningRule: sub.plan.dunningRule, dunningRetryDays: sub.plan.dunningRetryDays, open: await openSubscriptionInvoices(customerId) };
}

async function openSubscriptionInvoices(customerId: string) {
  return db().invoice.findMany({ where: { customerId, kind: "subscription", status: "open" }, orderBy: { issuedAt: "asc" }, select: { id: true, number: true, totalCents: true, currency: true, dueAt: true } });
}

export const INVOICE_QUEUE = "billing.invoice";

export const RENEWAL_HANDLERS: Record<string, Handler> = {
  [INVOICE_QUEUE]: async (p, ctx) => {
    await transaction((tx) => invoiceEndedPeriod(tx, String(p.periodId), ctx.now), { client: ctx.client });
  },
  [CHARGE_QUEUE]: async (p, ctx) => {
    await chargeInvoicePayment(String(p.paymentId), ctx.now, true);
  },
  [DUNNING_QUEUE]: async (p, ctx) => {
    await runDunningRetry(String(p.invoiceId), Number(p.attempt), ctx.now);
  },
};
