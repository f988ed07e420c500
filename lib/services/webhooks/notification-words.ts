import "server-only";
// A notification's subject and first paragraph in the customer's language, for its email. Those
// about an invoice (issued; a purchase's receipt) are worded from the invoice itself; the others
// (alerts, failed payments, plan changes) as the portal's banners word them (usage/notices.ts,
// applied by dispatch.ts), else the English they were recorded with, like the webhook's event; an
// English-speaking customer gets the recorded text.
import { formatCents } from "@/lib/billing/money";
import { messagesLanguage } from "@/lib/i18n/locales";
import { say } from "@/lib/i18n/say";
import type { InvoiceDetail } from "../invoices/invoices";

type Notice = { type: string; title: string; body: string; data: unknown };

export function notificationWords(n: Notice, invoice: InvoiceDetail | null, locale: string): { subject: string; body: string } {
  const d = (n.data ?? {}) as Record<string, unknown>;
  if (!invoice?.number || messagesLanguage(locale) === "en") return { subject: n.title, body: n.body };
  const t = say(locale, "email");
  if (n.type === "invoice.issued") {
    const key = invoice.kind === "credit_note" ? "notification.creditNoteIssued" : "notification.invoiceIssued";
    const amount = formatCents(invoice.totalCents, { locale, currency: invoice.currency });
    return { subject: t(`${key}.subject`, { number: invoice.number }), body: t(`${key}.body`, { number: invoice.number, amount }) };
  }
  if (n.type === "top_up.succeeded" && typeof d.amount_cents === "string" && invoice.lines[0]) {
    const amount = formatCents(BigInt(d.amount_cents), { locale, currency: invoice.currency });
    return {
      subject: t(d.kind === "pack" ? "notification.creditsAdded" : "notification.fundsAdded"),
      body: t("notification.topUpBody", { description: invoice.lines[0].description, amount, number: invoice.number }),
    };
  }
  return { subject: n.title, body: n.body };
}
