import Link from "next/link";
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

const HEADLINE: Record<string, string> = {
  succeeded: "Payment succeeded",
  failed: "Payment declined",
  canceled: "Payment canceled",
  requires_action: "Authentication needed",
  processing: "Charging your card…",
  refunded: "Payment refunded",
  disputed: "Payment disputed",
};

/** What happened to a payment, in words, with the invoice when there is one. */
export function PaymentOutcome({ payment, children }: { payment: PaymentView; children?: React.ReactNode }) {
  return (
    <div role="status" aria-live="polite" data-testid="purchase-outcome" data-status={payment.status} className={`rounded-lg border p-4 ${TONE[payment.status] ?? TONE.processing}`}>
      {payment.status === "succeeded" && (
        <AnnounceSuccess payment={payment.id} kind={payment.kind} amountCents={payment.amountCents} total={payment.totalText} invoice={payment.invoice?.number ?? null} />
      )}
      <p className="font-semibold">{HEADLINE[payment.status] ?? payment.status}</p>
      <p className="mt-1 text-sm" data-testid="purchase-message">
        {payment.message}
      </p>
      {payment.card && payment.status !== "canceled" && (
        <p className="mt-1 text-sm" data-testid="purchase-card">
          {payment.status === "succeeded" || payment.status === "refunded" || payment.status === "disputed" ? "Charged to" : "Card"}: {payment.card}
        </p>
      )}
      {payment.invoice?.number && (
        <p className="mt-2 text-sm">
          Invoice{" "}
          <Link className="font-medium underline" href={`/invoices/${payment.invoice.id}`} data-testid="purchase-invoice">
            {payment.invoice.number}
          </Link>{" "}
          ·{" "}
          <a className="underline" href={`/invoices/${payment.invoice.id}/pdf`}>
            Download PDF
          </a>
        </p>
      )}
      {payment.status === "failed" && (
        <p className="mt-2 text-sm">
          <Link className="underline" href="/billing">
            Use another card
          </Link>
        </p>
      )}
      {payment.nextAction?.type === "sandbox_challenge" && (
        <p className="mt-2 text-sm">
          <Link className="font-medium underline" href={payment.nextAction.url}>
            Continue to authentication
          </Link>
        </p>
      )}
      {children}
    </div>
  );
}
