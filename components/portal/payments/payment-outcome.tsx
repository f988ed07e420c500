import Link from "next/link";
import { useTranslations } from "next-intl";
import { AnnounceSuccess } from "@/components/portal/embed-bridge";
import type { PaymentView } from "@/lib/services/payments";

const TONE: Record<string, string> = {
  succeeded: "border-emerald-200 bg-emerald-50 text-emerald-900",
  failed: "border-red-200 bg-red-50 text-red-900",
  canceled: "border-red-200 bg-red-50 text-red-900",
  requires_action: "border-amber-200 bg-amber-50 text-amber-900",
  processing: "border-slate-200 bg-slate-50 text-slate-800",
  refunded: "border-slate-200 bg-slate-50 text-slate-800",
  disputed: "border-amber-200 bg-amber-50 text-amber-900",
};

// The statuses with a headline (messages payments.outcome.headline.<status>); any other shows as is.
const HEADLINE = new Set(["succeeded", "failed", "canceled", "requires_action", "processing", "refunded", "disputed"]);

/** What happened to a payment, in words, with the invoice when there is one. */
export function PaymentOutcome({ payment, children }: { payment: PaymentView; children?: React.ReactNode }) {
  const t = useTranslations("payments.outcome");
  const invoice = payment.invoice;
  return (
    <div role="status" aria-live="polite" data-testid="purchase-outcome" data-status={payment.status} className={`rounded-lg border p-4 ${TONE[payment.status] ?? TONE.processing}`}>
      {payment.status === "succeeded" && (
        <AnnounceSuccess payment={payment.id} kind={payment.kind} amountCents={payment.amountCents} total={payment.totalText} invoice={payment.invoice?.number ?? null} />
      )}
      <p className="font-semibold">{HEADLINE.has(payment.status) ? t(`headline.${payment.status}`) : payment.status}</p>
      <p className="mt-1 text-sm" data-testid="purchase-message">
        {payment.message}
      </p>
      {payment.card && payment.status !== "canceled" && (
        <p className="mt-1 text-sm" data-testid="purchase-card">
          {payment.status === "succeeded" || payment.status === "refunded" || payment.status === "disputed" ? t("chargedTo", { card: payment.card }) : t("card", { card: payment.card })}
        </p>
      )}
      {invoice?.number && (
        <p className="mt-2 text-sm">
          {t.rich("invoice", {
            number: invoice.number,
            link: (chunks) => (
              <Link className="font-medium underline" href={`/invoices/${invoice.id}`} data-testid="purchase-invoice">
                {chunks}
              </Link>
            ),
            pdf: (chunks) => (
              <a className="underline" href={`/invoices/${invoice.id}/pdf`}>
                {chunks}
              </a>
            ),
          })}
        </p>
      )}
      {payment.status === "failed" && (
        <p className="mt-2 text-sm">
          <Link className="underline" href="/billing">
            {t("useAnotherCard")}
          </Link>
        </p>
      )}
      {payment.nextAction?.type === "sandbox_challenge" && (
        <p className="mt-2 text-sm">
          <Link className="font-medium underline" href={payment.nextAction.url}>
            {t("continueAuth")}
          </Link>
        </p>
      )}
      {children}
    </div>
  );
}
