import "server-only";
// Delivering notifications (DESIGN §5, §8): each one becomes a signed webhook to the merchant's
// endpoint and an email to the customer's owners and billing members. Both are jobs with unique
// keys, so a notification is handed over once; each delivery is retried with backoff until it
// succeeds or runs out of attempts, and may arrive more than once (at-least-once) — receivers
// dedupe on the event id.
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { transaction } from "@/lib/db/tx";
import { sendEmail, type Attachment } from "@/lib/email/mailer";
import { enqueue, type Handler } from "@/lib/jobs/queue";
import { newId } from "@/lib/ids";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, sign } from "@/lib/webhooks/signature";
import { renderInvoicePdf } from "../invoices/invoice-pdf";
import { presentInvoice } from "../invoices/invoice-view";
import { getInvoiceForCustomer } from "../invoices/invoices";
import { storedLocale } from "@/lib/i18n/locale-scope";
import { say } from "@/lib/i18n/say";
import { readersWords } from "../usage/notices";
import { notificationWords } from "./notification-words";
import { DISPATCH_QUEUE } from "./notifications";
import { wants } from "./webhook-endpoints";

const DELIVER_QUEUE = "webhook.deliver";
const EMAIL_QUEUE = "email.send";
export const DELIVERY_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

function eventIdFor(notificationId: string): string {
  return `evt_${notificationId.replace(/^ntf_/, "")}`;
}

/** A notification as its webhook event (also what `GET /api/v1/events` lists). */
export function eventPayload(
  n: { id: string; type: string; createdAt: Date; title: string; body: string; data: unknown },
  customer: { id: string; externalId: string },
) {
  return {
    id: eventIdFor(n.id),
    type: n.type,
    created: n.createdAt.toISOString(),
    data: { customer: { id: customer.id, external_id: customer.externalId }, title: n.title, message: n.body, ...(n.data as Record<string, unknown>) },
  };
}

/** Turn a notification into a webhook delivery and emails (idempotent). */
async function dispatchNotification(notificationId: string, opts: { client?: PrismaClient; now?: Date } = {}): Promise<void> {
  const client = opts.client ?? db();
  const now = opts.now ?? new Date();
  await transaction(
    async (tx) => {
      const n = await tx.notification.findUnique({
        where: { id: notificationId },
        include: { customer: { include: { merchant: true, memberships: { include: { user: true } } } } },
      });
      if (!n) return;
      const { customer } = n;
      const merchant = customer.merchant;
      // One delivery per endpoint of the merchant's that wants this event.
      const endpoints = await tx.webhookEndpoint.findMany({ where: { merchantId: merchant.id, deletedAt: null } });
      const targets = endpoints.filter((e) => wants(e, n.type)).map((e) => e.id);
      if (targets.length > 0) {
        const eventId = eventIdFor(n.id);
        const payload = eventPayload(n, customer);
        for (const endpointId of targets) {
          const deliveryId = newId("whd");
          const created = await tx.$executeRawUnsafe(
            `INSERT INTO webhook_deliveries (id, merchant_id, endpoint_id, event_id, type, payload, status, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'pending', $7) ON CONFLICT (merchant_id, endpoint_id, event_id) DO NOTHING`,
            deliveryId,
            merchant.id,
            endpointId,
            eventId,
            n.type,
            JSON.stringify(payload),
            now,
          );
          if (created > 0) {
            await enqueue(tx, { queue: DELIVER_QUEUE, uniqueKey: `deliver:${endpointId}:${eventId}`, payload: { deliveryId }, maxAttempts: DELIVERY_ATTEMPTS, runAt: now });
          }
        }
      }
      const emailed = !(await hasReceipt(tx, n));
      for (const m of customer.memberships) {
        if (m.role === "viewer" || !emailed) continue;
        await enqueue(tx, { queue: EMAIL_QUEUE, uniqueKey: `email:${n.id}:${m.userId}`, payload: { notificationId: n.id, to: m.user.email }, runAt: now });
      }
    },
    { client },
  );
}

async function endpointOf(client: PrismaClient, merchantId: string, endpointId: string): Promise<{ url: string; secret: string } | null> {
  const e = await client.webhookEndpoint.findFirst({ where: { id: endpointId, merchantId, deletedAt: null } });
  return e ? { url: e.url, secret: e.secret } : null;
}

type DeliveryOutcome = { delivered: boolean; status?: number; error?: string };

/** POST one delivery, signed with the merchant's current secret. Throws on failure (the job retries). */
async function deliverWebhook(deliveryId: string, opts: { client?: PrismaClient; now?: Date; final?: boolean } = {}): Promise<DeliveryOutcome> {
  const client = opts.client ?? db();
  const d = await client.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!d || d.status === "delivered") return { delivered: true };
  const target = await endpointOf(client, d.merchantId, d.endpointId);
  if (!target) {
    await client.webhookDelivery.update({ where: { id: d.id }, data: { status: "failed", lastError: "The webhook endpoint was deleted or is not configured" } });
    return { delivered: false, error: "No webhook endpoint configured" };
  }
  const now = opts.now ?? new Date();
  const body = JSON.stringify(d.payload);
  let outcome: DeliveryOutcome;
  try {
    const res = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Portico-Webhooks/1",
        [SIGNATURE_HEADER]: sign(target.secret, body, Math.floor(now.getTime() / 1000)),
        [EVENT_ID_HEADER]: d.eventId,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    outcome = res.status >= 200 && res.status < 300 ? { delivered: true, status: res.status } : { delivered: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    outcome = { delivered: false, error: e instanceof Error ? e.message : String(e) };
  }
  await client.webhookDelivery.update({
    where: { id: d.id },
    data: {
      attempts: { increment: 1 },
      status: outcome.delivered ? "delivered" : opts.final ? "failed" : "pending",
      deliveredAt: outcome.delivered ? new Date() : null,
      lastError: outcome.delivered ? null : (outcome.error ?? null),
    },
  });
  if (!outcome.delivered) throw new Error(`Webhook ${d.eventId} to ${target.url} failed: ${outcome.error}`);
  return outcome;
}

/**
 * The email of a notification. One about an invoice (a purchase's receipt, an issued invoice)
 * links to the invoice in the portal and attaches its PDF — the same presentation the portal
 * downloads.
 */
async function sendNotificationEmail(notificationId: string, to: string, client: PrismaClient = db()): Promise<void> {
  const n = await client.notification.findUnique({ where: { id: notificationId }, include: { customer: { include: { merchant: { select: { name: true } } } } } });
  if (!n) return;
  const portal = (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const invoiceId = typeof (n.data as Record<string, unknown>)?.invoice_id === "string" ? String((n.data as Record<string, unknown>).invoice_id) : null;
  const invoice = invoiceId ? await getInvoiceForCustomer(n.customerId, invoiceId) : null;
  const locale = storedLocale(n.customer.locale);
  const t = say(locale, "email");
  let words = notificationWords(n, invoice, locale);
  if (!invoice?.number) {
    // an alert, a failed payment, a plan change: worded again as the portal's banner says it
    const [said] = await readersWords(n.customerId, [n], locale);
    if (said?.title && said.body) words = { subject: said.title, body: said.body };
  }
  const lines = [words.body, ""];
  const attachments: Attachment[] = [];
  if (invoice?.number) {
    const url = `${portal}/invoices/${invoice.id}`;
    lines.push(t(invoice.kind === "credit_note" ? "notification.viewCreditNote" : "notification.viewInvoice", { number: invoice.number, url }), t("notification.pdfAttached", { file: `${invoice.number}.pdf` }), "");
    attachments.push({ filename: `${invoice.number}.pdf`, contentType: "application/pdf", content: await renderInvoicePdf(presentInvoice(invoice)) });
  }
  lines.push(t("notification.account", { name: n.customer.name }), t("notification.openPortal", { url: `${portal}/` }), "");
  await sendEmail({ to, kind: n.type, fromName: n.customer.merchant.name, subject: words.subject, text: lines.join("\n"), ...(attachments.length ? { attachments } : {}) });
}

/**
 * A purchase issues its invoice and its receipt in one transaction: the receipt's email carries
 * the invoice, so the invoice's own notification sends no second email (its webhook still goes).
 */
async function hasReceipt(tx: Pick<PrismaClient, "notification">, n: { id: string; customerId: string; type: string; data: unknown }): Promise<boolean> {
  if (n.type !== "invoice.issued") return false;
  const d = (n.data ?? {}) as Record<string, unknown>;
  if (typeof d.invoice_id !== "string") return false;
  const receipt = await tx.notification.findFirst({
    where: { customerId: n.customerId, type: "top_up.succeeded", data: { path: ["invoice_id"], equals: d.invoice_id } },
    select: { id: true },
  });
  return receipt !== null;
}

export const DISPATCH_HANDLERS: Record<string, Handler> = {
  [DISPATCH_QUEUE]: async (p, ctx) => dispatchNotification(String(p.notificationId), { client: ctx.client, now: ctx.now }),
  [DELIVER_QUEUE]: async (p, ctx) => {
    await deliverWebhook(String(p.deliveryId), { client: ctx.client, now: ctx.now, final: ctx.attempt >= ctx.maxAttempts });
  },
  [EMAIL_QUEUE]: async (p, ctx) => sendNotificationEmail(String(p.notificationId), String(p.to), ctx.client),
};
