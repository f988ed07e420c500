"use client";
// "Pay now" for an open subscription invoice: one click charges the chosen card — the default
// unless the customer picks another saved card, which stays not-default (the form key
// makes a double click or a retry charge once), 3-D Secure goes to the authentication page, and
// the outcome is shown in words; once paid, the page shows the invoice's new status and the outcome.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { payInvoice } from "@/lib/actions/pay-invoice";
import { cardName } from "@/lib/payments/card-name";
import type { PaymentView, QuoteCard } from "@/lib/services/payments";
import { CardChoice } from "./card-choice";
import { PaymentOutcome } from "./payment-outcome";

export function PayInvoice({ invoiceId, totalText, formKey, cards }: { invoiceId: string; totalText: string; formKey: string; cards: QuoteCard[] }) {
  const t = useTranslations("invoices.pay");
  const router = useRouter();
  const accountId = useAccountId();
  const key = useRef(formKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [payment, setPayment] = useState<PaymentView | null>(null);
  const [cardId, setCardId] = useState<string | null>(cards.find((c) => c.isDefault)?.id ?? cards[0]?.id ?? null);
  const card = cards.find((c) => c.id === cardId) ?? null;

  async function pay() {
    setBusy(true);
    setError(null);
    try {
      const r = await payInvoice({ accountId, invoiceId, formKey: key.current, ...(cardId ? { paymentMethodId: cardId } : {}) });
      if (!r.ok) {
        setError(r.message);
        return;
      }
      if (r.payment.nextAction?.type === "sandbox_challenge") {
        router.push(r.payment.nextAction.url);
        return;
      }
      if (r.payment.status === "succeeded") {
        // The invoice is paid: load the page afresh (the past-due banner goes, the status reads
        // "Paid") with the outcome shown by the page itself, so it survives the re-render.
        window.location.replace(`/invoices/${invoiceId}?payment=${encodeURIComponent(r.payment.id)}`);
        return;
      }
      setPayment(r.payment);
      if (r.payment.status !== "processing" && r.payment.status !== "requires_action") key.current = `${formKey.slice(0, 20)}${Date.now().toString(36)}`.slice(0, 64);
      router.refresh();
    } catch {
      setError(t("unreachable"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="pay-invoice">
      {payment && <PaymentOutcome payment={payment} />}
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="pay-error">
          {error}
        </p>
      )}
      {payment?.status !== "succeeded" && cards.length > 1 && <CardChoice cards={cards} value={cardId} onChange={setCardId} disabled={busy} name="invoice-card" testId="invoice-cards" />}
      {payment?.status !== "succeeded" && (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={pay}
            disabled={busy || !card}
            aria-busy={busy}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            data-testid="pay-now"
          >
            {busy ? t("paying") : t("payNow", { total: totalText })}
          </button>
          <span className="text-sm text-slate-600" data-testid="pay-card">
            {card ? t(cards.length > 1 && !card.isDefault ? "chargedToNotDefault" : "chargedTo", { card: cardName(card) }) : t("addCardFirst")}
          </span>
        </div>
      )}
    </div>
  );
}
