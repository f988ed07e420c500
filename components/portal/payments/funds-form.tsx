"use client";
// Add funds: an amount within the plan's limits (checked again on the server), reviewed with its
// tax before the card is charged.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PurchaseSteps } from "./purchase-steps";
import { usePurchaseFlow } from "./use-purchase-flow";

type Props = { currency: string; symbol: string; formKey: string; customerId: string; canBuy: boolean; deniedMessage: string | null; minText: string; maxText: string; taxRateText: string; suggestions: string[]; stripeKey: string | null };

export function FundsForm({ currency, symbol, formKey, customerId, canBuy, deniedMessage, minText, maxText, taxRateText, suggestions, stripeKey }: Props) {
  const t = useTranslations("purchase");
  const flow = usePurchaseFlow({ formKey, customerId, stripeKey });
  const [amount, setAmount] = useState(suggestions[1] ?? "");
  const busy = flow.state.step === "quoting" || flow.state.step === "paying";
  // The server refused the amount itself (empty, negative, out of range): the field says so.
  const amountRefused = flow.state.step === "error" && (flow.state.failure.field === "amount" || flow.state.failure.code.startsWith("amount_"));
  return (
    <div className="space-y-4">
      {!canBuy && deniedMessage && (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid="cannot-buy">
          {deniedMessage}
        </p>
      )}
      <form
        className="space-y-3 rounded-lg border bg-white p-5 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void flow.review({ kind: "funds", amount });
        }}
      >
        <label className="block text-sm font-medium" htmlFor="funds-amount">
          {t("amountLabel", { currency })}
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-slate-500">{symbol}</span>
          <input
            id="funds-amount"
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            className={`w-40 rounded-md border px-3 py-2 tabular ${amountRefused ? "border-red-600" : "border-slate-300"}`}
            aria-describedby={amountRefused ? "funds-help purchase-error" : "funds-help"}
            aria-invalid={amountRefused || undefined}
            disabled={!canBuy || busy}
          />
          {suggestions.map((s) => (
            <button key={s} type="button" className="rounded-full border px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50" onClick={() => setAmount(s)} disabled={!canBuy || busy}>
              {symbol}
              {s}
            </button>
          ))}
        </div>
        <p id="funds-help" className="text-sm text-slate-600">
          {t("fundsHelp", { min: minText, max: maxText, rate: taxRateText })}
        </p>
        <Button type="submit" disabled={!canBuy || busy}>
          {t("review")}
        </Button>
      </form>
      <PurchaseSteps
        state={flow.state}
        onCancel={flow.reset}
        cardId={flow.cardId}
        onChooseCard={flow.chooseCard}
        onConfirm={(allowRepeat) => {
          const s = flow.state;
          if ((s.step === "review" || s.step === "error") && s.choice && s.quote) void flow.confirm(s.choice, s.quote, allowRepeat);
        }}
      />
    </div>
  );
}
