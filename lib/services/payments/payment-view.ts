import "server-only";
// A payment as the portal shows it and polls it: status, words, the invoice, the card, and where
// to authenticate when the bank asks.
import { cardName } from "@/lib/payments/card-name";
import { formatCents } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import type { Payment } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/tx";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { say } from "@/lib/i18n/say";
import { declineMessage } from "@/lib/payments/messages";
import { parseDetails } from "./payment-details";
import { purposeOf } from "./purposes";

export type PaymentView = {
  id: string;
  status: Payment["status"];
  kind: "pack" | "funds" | "invoice" | "plan_change";
  description: string;
  totalText: string;
  amountCents: string;
  provider: string;
  failureCode: string | null;
  message: string;
  invoice: { id: string; number: string | null } | null;
  /** The card charged, as a person reads it ("Mastercard •••• 4444"), when the payment used one. */
  card: string | null;
  /** For 3-D Secure: where the customer authenticates (sandbox page) or Stripe.js's secret. */
  nextAction: { type: "sandbox_challenge"; url: string } | { type: "stripe_sdk"; clientSecret: string } | null;
  createdAt: string;
};

export async function paymentView(p: Payment, client: Pick<Tx, "invoice" | "paymentMethod"> = db()): Promise<PaymentView> {
  const d = parseDetails(p.details);
  const invoice = p.invoiceId ? await client.invoice.findUnique({ where: { id: p.invoiceId }, select: { id: true, number: true } }) : null;
  const method = p.paymentMethodId ? await client.paymentMethod.findUnique({ where: { id: p.paymentMethodId }, select: { brand: true, last4: true } }) : null;
  // the portal request's language (English for the merchant API and jobs)
  const locale = displayLocale(null);
  const t = say(locale, "payments");
  const total = formatCents(p.amountCents, { currency: p.currency, locale });
  const message =
    p.status === "succeeded"
      ? t("result.paid", { total, what: purposeOf(d).successText(d, { t, locale, currency: p.currency, invoiceNumber: invoice?.number ?? null }) })
      : p.status === "failed"
        ? declineMessage(p.failureCode, locale)
        : p.status === "requires_action"
          ? t("result.confirm")
          : p.status === "processing"
            ? t("result.charging")
            : p.status === "refunded"
              ? t("result.refunded", { total })
              : p.status === "disputed"
                ? t("result.disputed")
                : t("result.canceled");
  let nextAction: PaymentView["nextAction"] = null;
  if (p.status === "requires_action") {
    nextAction =
      p.provider === "stripe" && p.clientSecret
        ? { type: "stripe_sdk", clientSecret: p.clientSecret }
        : { type: "sandbox_challenge", url: `/payments/${p.id}/authenticate` };
  }
  return {
    id: p.id,
    status: p.status,
    kind: d.kind,
    description: d.description,
    totalText: total,
    amountCents: p.amountCents.toString(),
    provider: p.provider,
    failureCode: p.failureCode,
    message,
    invoice,
    card: method ? cardName(method) : null,
    nextAction,
    createdAt: p.createdAt.toISOString(),
  };
}

/** A payment of this customer, or null (another account's id is not found). */
export async function getPaymentForCustomer(customerId: string, paymentId: string) {
  return db().payment.findFirst({ where: { id: paymentId, customerId } });
}

