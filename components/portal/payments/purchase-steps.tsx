"use client";
// The steps of a purchase after the choice: the server's quote to confirm, the pending state,
// the outcome, or a refusal in plain words (with "buy again" when it looks like a repeat).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { FlowState } from "./use-purchase-flow";
import { cardName } from "@/lib/payments/card-name";
import type { Quote } from "@/lib/services/payments";
import { CardChoice } from "./card-choice";
import { PaymentOutcome } from "./payment-outcome";

type Props = {
  state: FlowState;
  onConfirm: (allowRepeat?: boolean) => void;
  onCancel: () => void;
  /** The saved card chosen to pay with (the default until the customer picks another). */
  cardId: string | null;
  onChooseCard: (id: string) => void;
};

function QuoteTable({ quote }: { quote: Quote }) {
  const t = useTranslations("purchase");
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
      {quote.creditsText && (
        <>
          <dt className="text-slate-600">{t("credits")}</dt>
          <dd className="text-right font-medium">{quote.creditsText}</dd>
        </>
      )}
      {quote.expiresText && (
        <>
          <dt className="text-slate-600">{t("validity")}</dt>
          <dd className="text-right">{quote.expiresText}</dd>
        </>
      )}
      <dt className="text-slate-600">{t("price")}</dt>
      <dd className="tabular text-right" data-testid="quote-subtotal">
        {quote.subtotalText}
      </dd>
      <dt className="text-slate-600">{t("taxRate", { rate: quote.taxRateBps / 100 })}</dt>
      <dd className="tabular text-right" data-testid="quote-tax">
        {quote.taxText}
      </dd>
      <dt className="font-semibold">{t("totalCharged")}</dt>
      <dd className="tabular text-right font-semibold" data-testid="quote-total">
        {quote.totalText}
      </dd>
    </dl>
  );
}

export function PurchaseSteps({ state, onConfirm, onCancel, cardId, onChooseCard }: Props) {
  const t = useTranslations("purchase");
  if (state.step === "idle") return null;
  if (state.step === "quoting") {
    return (
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("pricing")}
      </p>
    );
  }
  if (state.step === "review" || state.step === "paying") {
    const paying = state.step === "paying";
    const { quote } = state;
    return (
      <section aria-label={t("reviewLabel")} data-testid="purchase-review" className="space-y-4 rounded-lg border bg-white p-4">
        <h3 className="font-semibold">{quote.kind === "pack" ? t("buy", { what: quote.description }) : t("add", { what: quote.description })}</h3>
        <QuoteTable quote={quote} />
        {quote.cards.length > 1 ? <CardChoice cards={quote.cards} value={cardId} onChange={onChooseCard} disabled={paying} name="purchase-card" testId="purchase-cards" /> : null}
        <p className="text-sm text-slate-600">
          {quote.card
            ? quote.cards.length > 1
              ? t("chargeChosen", { kind: quote.kind })
              : t.rich("chargeDefault", { kind: quote.kind, card: cardName(quote.card), name: (chunks) => <span className="font-medium">{chunks}</span> })
            : t.rich("noCard", { link: (chunks) => <Link className="underline" href="/billing">{chunks}</Link> })}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => onConfirm(false)} disabled={paying || !quote.card || !cardId} aria-busy={paying} data-testid="confirm-purchase">
            {paying ? t("charging") : t("pay", { total: quote.totalText })}
          </Button>
          <Button variant="secondary" onClick={onCancel} disabled={paying}>
            {t("cancel")}
          </Button>
        </div>
        {paying && (
          <p className="text-sm text-slate-600" role="status" data-testid="purchase-pending">
            {t("payingNote")}
          </p>
        )}
      </section>
    );
  }
  if (state.step === "outcome") {
    return (
      <PaymentOutcome payment={state.payment}>
        {state.payment.status !== "processing" && (
          <Button variant="ghost" className="mt-2 -ml-3" onClick={onCancel}>
            {t("done")}
          </Button>
        )}
      </PaymentOutcome>
    );
  }
  const { failure, quote } = state;
  return (
    <div role="alert" id="purchase-error" data-testid="purchase-error" data-code={failure.code} className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
      <p>{failure.message}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        {failure.code === "possible_duplicate" && quote && (
          <Button onClick={() => onConfirm(true)} data-testid="confirm-repeat">
            {t("buyAgain", { total: quote.totalText })}
          </Button>
        )}
        {failure.code === "purchase_pending" && failure.paymentId && (
          <Link className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white" href={`/payments/${failure.paymentId}/authenticate`}>
            {t("continuePurchase")}
          </Link>
        )}
        {failure.code === "network" && quote && <Button onClick={() => onConfirm(false)}>{t("tryAgain")}</Button>}
        {failure.code === "account_changed" && <Button onClick={() => window.location.reload()}>{t("reload")}</Button>}
        {(failure.code === "no_payment_method" || failure.code === "card_expired") && (
          <Link className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white" href="/billing">
            {t("goToBilling")}
          </Link>
        )}
        <Button variant="secondary" onClick={onCancel}>
          {t("close")}
        </Button>
      </div>
    </div>
  );
}
