"use client";
// The purchase flow shared by credit packs and funds: choose → the server quotes → confirm → a
// visible pending state → the outcome (or 3-D Secure first). The form key was rendered with the
// page; a repeat of the same request (double click, retry) reuses it, and a finished purchase
// takes a fresh one for the next.
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { confirmPurchase } from "@/lib/actions/confirm-purchase";
import type { ActionFailure as Failure } from "@/lib/actions/portal-action";
import { quotePurchase } from "@/lib/actions/quote-purchase";
import { refreshPayment } from "@/lib/actions/refresh-payment";
import { queryKeys } from "@/lib/query-keys";
import type { PaymentView, Quote } from "@/lib/services/payments";

type Choice = { kind: "pack"; packCode: string } | { kind: "funds"; amount: string };

export type FlowState =
  | { step: "idle" }
  | { step: "quoting"; choice: Choice }
  | { step: "review"; choice: Choice; quote: Quote }
  | { step: "paying"; choice: Choice; quote: Quote }
  | { step: "outcome"; choice: Choice; payment: PaymentView }
  | { step: "error"; choice: Choice | null; quote: Quote | null; failure: Failure };

const freshKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}${Math.random()}`).replace(/[^A-Za-z0-9]/g, "").slice(0, 32).padEnd(16, "0");

export function usePurchaseFlow({ formKey, customerId, stripeKey }: { formKey: string; customerId: string; stripeKey: string | null }) {
  const [state, setState] = useState<FlowState>({ step: "idle" });
  // The saved card the customer chose in the review (the default until they choose another).
  const [cardId, chooseCard] = useState<string | null>(null);
  const key = useRef(formKey);
  const router = useRouter();
  const queryClient = useQueryClient();
  const accountId = useAccountId();
  const t = useTranslations("purchase");

  const settle = useCallback(
    async (choice: Choice, payment: PaymentView) => {
      if (payment.nextAction?.type === "sandbox_challenge") {
        router.push(payment.nextAction.url);
        return;
      }
      if (payment.nextAction?.type === "stripe_sdk" && stripeKey) {
        const { loadStripe } = await import("@stripe/stripe-js");
        const stripe = await loadStripe(stripeKey);
        await stripe?.handleNextAction({ clientSecret: payment.nextAction.clientSecret });
        const refreshed = await refreshPayment({ accountId, paymentId: payment.id });
        if (refreshed.ok) payment = refreshed.payment;
      }
      // Still charging (the provider has not answered): ask again until it has.
      for (let i = 0; i < 40 && payment.status === "processing"; i++) {
        setState({ step: "outcome", choice, payment });
        await new Promise((r) => setTimeout(r, 1_500));
        const refreshed = await refreshPayment({ accountId, paymentId: payment.id });
        if (refreshed.ok) payment = refreshed.payment;
      }
      if (payment.status !== "processing" && payment.status !== "requires_action") key.current = freshKey();
      setState({ step: "outcome", choice, payment });
      await queryClient.invalidateQueries({ queryKey: queryKeys.wallet(customerId) });
      router.refresh();
    },
    [accountId, customerId, queryClient, router, stripeKey],
  );

  const review = useCallback(async (choice: Choice) => {
    setState({ step: "quoting", choice });
    const r = await quotePurchase({ ...choice, accountId });
    if (r.ok) chooseCard(r.quote.card?.id ?? null);
    setState(r.ok ? { step: "review", choice, quote: r.quote } : { step: "error", choice, quote: null, failure: r });
  }, [accountId]);

  const confirm = useCallback(
    async (choice: Choice, quote: Quote, allowRepeat = false) => {
      setState({ step: "paying", choice, quote });
      try {
        const r = await confirmPurchase({ accountId, choice, formKey: key.current, expectedTotalCents: quote.totalCents, allowRepeat, paymentMethodId: cardId ?? undefined });
        if (!r.ok) {
          setState({ step: "error", choice, quote, failure: r });
          return;
        }
        await settle(choice, r.payment);
      } catch {
        // The request may or may not have reached the server: the same key makes a retry safe.
        setState({ step: "error", choice, quote, failure: { ok: false, code: "network", message: t("networkError") } });
      }
    },
    [accountId, cardId, settle, t],
  );

  const reset = useCallback(() => setState({ step: "idle" }), []);
  return { state, review, confirm, reset, cardId, chooseCard };
}
