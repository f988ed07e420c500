import "server-only";
// What a subscription invoice's payment does once the provider has answered, inside the
// transaction of applyProviderState (lib/services/payments/payments.ts) that holds the payment locked:
//   success → the invoice is paid; the ledger records the fee as revenue (Balance plans: as the
//             period's balance grant, only now), the closed period's overage receivable settled,
//             tax and rounding; a past-due/suspended subscription with nothing else open is active again;
//   failure → the subscription is past due, the customer is told (email + payment.failed webhook)
//             and the next retry is queued on the plan's schedule — or, after the last one, the
//             plan's rule (cancel or suspend) applies.
// Every transfer id derives from the payment (or the period, for a balance grant), so a replay
// of the same answer changes nothing.
import { merchantAccountId, type MerchantAccountName } from "@/lib/billing/accounts";
import { centsToMicros, formatCents } from "@/lib/billing/money";
import { dunningRuleWords, nextDunningStep } from "@/lib/billing/renewal";
import type { Payment } from "@/lib/db/generated/client";
import { getPlanOrThrow } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import { enqueue } from "@/lib/jobs/queue";
import type { LedgerRequest } from "@/lib/ledger";
import { declineMessage } from "@/lib/payments/messages";
import { markInvoicePaid } from "../invoices/invoices";
import { applyLedgerBatch, transferOrThrow } from "../ledger/ledger";
import { notify } from "../webhooks/notifications";
import type { InvoicePaymentDetails, PaymentDetails } from "./payment-details";
import { periodGrantRequests } from "../cycle/subscriptions";

export const CHARGE_QUEUE = "billing.charge";
export const DUNNING_QUEUE = "billing.dunning";

/** Credit a succeeded invoice payment (the payment row is locked by the caller). */
export async function settleInvoicePayment(tx: Tx, p: Payment, d: PaymentDetails, inv: InvoicePaymentDetails, providerPaymentId: string | null, now: Date) {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: inv.invoiceId } });
  const refs = { payment_id: p.id, invoice_id: invoice.id, invoice_number: invoice.number ?? "" };
  const m = (n: MerchantAccountName) => merchantAccountId(p.merchantId, n, p.currency);
  const group: LedgerRequest[] = [];
  if (inv.feeMicros > 0n) {
    if (inv.grantPeriodStart && inv.grantPlanId) {
      const plan = await getPlanOrThrow(tx, inv.grantPlanId);
      const sub = await tx.subscription.findUniqueOrThrow({ where: { id: inv.subscriptionId } });
      group.push(...periodGrantRequests({
        customer: { id: p.customerId, merchantId: p.merchantId }, subscriptionId: sub.id, plan, periodStart: new Date(inv.grantPeriodStart),
        paidFromCash: true, refs,
      }));
    } else {
      group.push({ op: "transfer", id: `revenue:${p.id}`, debitAccountId: m("cash"), creditAccountId: m("revenue"), asset: p.currency, amount: inv.feeMicros, kind: "purchase", refs, reason: `Subscription fee, ${invoice.number}` });
    }
  }
  if (inv.overageMicros > 0n && inv.overageAccountId) {
    group.push({
      op: "transfer", id: `overage:${p.id}`, debitAccountId: m("cash"), creditAccountId: inv.overageAccountId, asset: p.currency, amount: inv.overageMicros,
      kind: "purchase", customerId: p.customerId, refs, reason: `Overage paid with invoice ${invoice.number}`,
    });
  }
  if (d.taxMicros > 0n) group.push({ op: "transfer", id: `tax:${p.id}`, debitAccountId: m("cash"), creditAccountId: m("tax_payable"), asset: p.currency, amount: d.taxMicros, kind: "purchase", refs, reason: `Tax on ${invoice.number}` });
  const rounding = centsToMicros(p.amountCents) - d.subtotalMicros - d.taxMicros;
  if (rounding !== 0n) {
    const [debit, credit] = rounding > 0n ? [m("cash"), m("rounding")] : [m("rounding"), m("cash")];
    group.push({ op: "transfer", id: `rounding:${p.id}`, debitAccountId: debit, creditAccountId: credit, asset: p.currency, amount: rounding > 0n ? rounding : -rounding, kind: "purchase", refs, reason: "Rounding of the total to whole cents" });
  }
  if (group.length > 0) (await applyLedgerBatch(tx, [{ linked: group }], now)).results.forEach(transferOrThrow);
  await markInvoicePaid(tx, invoice.id, now);
  await tx.payment.update({
    where: { id: p.id },
    data: { status: "succeeded", creditedAt: now, providerPaymentId: providerPaymentId ?? p.providerPaymentId, failureCode: null, failureMessage: null, clientSecret: null },
  });
  await restoreIfSettled(tx, inv.subscriptionId, now);
}

/** A past-due or suspended subscription with no open subscription invoice left is active again. */
async function restoreIfSettled(tx: Tx, subscriptionId: string, now: Date) {
  const sub = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
  if (sub.status !== "past_due" && sub.status !== "suspended") return;
  const open = await tx.invoice.count({ where: { customerId: sub.customerId, kind: "subscription", status: "open" } });
  if (open > 0) return;
  await tx.subscription.update({ where: { id: sub.id }, data: { status: "active", pastDueSince: null } });
  await notifySubscription(tx, sub.customerId, sub.id, "active", sub.status, now, "Your payment went through and your subscription is active again.");
}

async function notifySubscription(tx: Tx, customerId: string, subscriptionId: string, status: string, previous: string, now: Date, body: string) {
  const titles: Record<string, string> = {
    active: "Subscription active again",
    past_due: "Subscription past due",
    suspended: "Subscription suspended",
    canceled: "Subscription canceled",
  };
  await notify(tx, {
    customerId,
    type: "subscription.updated",
    dedupeKey: `subscription.updated:${subscriptionId}:${status}:${now.toISOString()}`,
    title: titles[status] ?? "Subscription updated",
    body,
    data: { subscription_id: subscriptionId, status, previous_status: previous },
    now,
  });
}

/**
 * A payment of a subscription invoice failed (or could not even be attempted: no card). The
 * subscription becomes past due; an automatic attempt advances the dunning schedule.
 */
export async function invoicePaymentFailed(
  tx: Tx,
  args: { customerId: string; invoiceId: string; subscriptionId: string; attempt: number | null; paymentId: string | null; failureCode: string | null; now: Date },
) {
  const { now } = args;
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: args.invoiceId } });
  const sub = await tx.subscription.findUniqueOrThrow({ where: { id: args.subscriptionId } });
  const planRow = await tx.plan.findUniqueOrThrow({ where: { id: sub.planId }, select: { dunningRetryDays: true, dunningRule: true } });
  const total = formatCents(invoice.totalCents, { currency: invoice.currency });
  const key = args.paymentId ?? `nocard:${invoice.id}:${args.attempt ?? "manual"}`;
  await notify(tx, {
    customerId: args.customerId,
    type: "payment.failed",
    dedupeKey: `payment.failed:${key}`,
    title: "Subscription payment failed",
    body: `${declineMessage(args.failureCode, "en-US")} Invoice ${invoice.number} for ${total} is still open: pay it from your billing portal.`,
    data: { payment_id: args.paymentId, invoice_id: invoice.id, number: invoice.number, code: args.failureCode, purpose: "subscription", attempt: args.attempt },
    now,
  });
  if (invoice.status !== "open" || sub.status === "canceled") return;
  if (sub.status === "active") {
    await tx.subscription.update({ where: { id: sub.id }, data: { status: "past_due", pastDueSince: now } });
    await notifySubscription(tx, args.customerId, sub.id, "past_due", sub.status, now,
      `The renewal payment for invoice ${invoice.number} (${total}) failed. ${dunningRuleWords(planRow.dunningRule, planRow.dunningRetryDays)}`);
  }
  if (args.attempt === null) return; // the customer's own "Pay now" does not move the schedule
  const firstFailure = args.attempt === 0 ? now : (sub.pastDueSince ?? now);
  const step = nextDunningStep(planRow.dunningRetryDays, args.attempt, firstFailure);
  if (step.kind === "retry") {
    await enqueue(tx, { queue: DUNNING_QUEUE, uniqueKey: `dunning:${invoice.id}:${step.attempt}`, payload: { invoiceId: invoice.id, attempt: step.attempt }, runAt: step.at });
    return;
  }
  await applyDunningRule(tx, { subscriptionId: sub.id, invoiceId: invoice.id, rule: planRow.dunningRule, now });
}

/** After the last retry: cancel (the invoice becomes uncollectible) or suspend (it stays payable). */
async function applyDunningRule(tx: Tx, args: { subscriptionId: string; invoiceId: string; rule: "cancel" | "suspend"; now: Date }) {
  const sub = await tx.subscription.findUniqueOrThrow({ where: { id: args.subscriptionId } });
  if (sub.status === "canceled" || (args.rule === "suspend" && sub.status === "suspended")) return;
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: args.invoiceId } });
  if (args.rule === "cancel") {
    await tx.subscription.update({ where: { id: sub.id }, data: { status: "canceled", canceledAt: args.now } });
    await tx.invoice.updateMany({ where: { id: invoice.id, status: "open" }, data: { status: "uncollectible" } });
    await notifySubscription(tx, sub.customerId, sub.id, "canceled", sub.status, args.now,
      `Invoice ${invoice.number} could not be collected after every retry, so your subscription is canceled.`);
  } else {
    await tx.subscription.update({ where: { id: sub.id }, data: { status: "suspended" } });
    await notifySubscription(tx, sub.customerId, sub.id, "suspended", sub.status, args.now,
      `Invoice ${invoice.number} is still unpaid after every retry, so your subscription is suspended and usage is refused. Pay the invoice from your billing portal to restore it.`);
  }
}
