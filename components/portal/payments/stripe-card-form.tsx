"use client";
// Adding a card with Stripe: a SetupIntent created on the server, Stripe's Payment Element in the
// browser (card details never touch Portico), then the saved card recorded at once (the
// setup_intent.succeeded webhook records it too, whichever comes first).
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { loadStripe, type Stripe, type StripeElementLocale } from "@stripe/stripe-js";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { completeCardSetup } from "@/lib/actions/complete-card-setup";
import { startCardSetup } from "@/lib/actions/start-card-setup";
import { Button } from "@/components/ui/button";

function ConfirmSetup({ setupId, onDone }: { setupId: string; onDone: (text: string, ok: boolean) => void }) {
  const t = useTranslations("payments.cards");
  const stripe = useStripe();
  const elements = useElements();
  const accountId = useAccountId();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!stripe || !elements) return;
        setBusy(true);
        const { error } = await stripe.confirmSetup({ elements, redirect: "if_required", confirmParams: { return_url: `${window.location.origin}/billing` } });
        if (error) {
          onDone(error.message ?? t("notSaved"), false);
        } else {
          const r = await completeCardSetup({ accountId, setupId });
          onDone(r.ok ? t("cardSaved") : r.message, r.ok);
        }
        setBusy(false);
      }}
    >
      <PaymentElement />
      <Button type="submit" disabled={!stripe || busy}>
        {busy ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

export function StripeCardForm({ publishableKey }: { publishableKey: string }) {
  const t = useTranslations("payments.cards");
  // Stripe's own fields speak the portal's language ("de-DE" → "de"; all five are Stripe locales).
  const stripeLocale = useLocale().split("-")[0] as StripeElementLocale;
  const router = useRouter();
  const accountId = useAccountId();
  const stripePromise = useMemo<Promise<Stripe | null>>(() => loadStripe(publishableKey), [publishableKey]);
  const [setup, setSetup] = useState<{ clientSecret: string; setupId: string } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!setup) {
    return (
      <div className="space-y-2">
        <Button
          onClick={async () => {
            const r = await startCardSetup({ accountId });
            if (r.ok) setSetup({ clientSecret: r.clientSecret, setupId: r.setupId });
            else setMessage({ ok: false, text: r.message });
          }}
        >
          {t("addCard")}
        </Button>
        {message && <p role={message.ok ? "status" : "alert"} className="text-sm">{message.text}</p>}
      </div>
    );
  }
  return (
    <Elements stripe={stripePromise} options={{ clientSecret: setup.clientSecret, locale: stripeLocale }}>
      <ConfirmSetup
        setupId={setup.setupId}
        onDone={(text, ok) => {
          setMessage({ ok, text });
          if (ok) {
            setSetup(null);
            router.refresh();
          }
        }}
      />
      {message && <p role={message.ok ? "status" : "alert"} className="mt-2 text-sm">{message.text}</p>}
    </Elements>
  );
}
