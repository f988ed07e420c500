"use client";
// "Pay with": the saved cards, the default first and marked. Choosing one charges it this time
// only; the default stays as it is. Shown when there is more than one card to choose from.
import { useTranslations } from "next-intl";
import { cardName } from "@/lib/payments/card-name";
import type { QuoteCard } from "@/lib/services/payments";

export function CardChoice({ cards, value, onChange, disabled, name, testId }: { cards: QuoteCard[]; value: string | null; onChange: (id: string) => void; disabled: boolean; name: string; testId: string }) {
  const t = useTranslations("payments.cards");
  return (
    <fieldset disabled={disabled} data-testid={testId}>
      <legend className="text-sm font-medium text-slate-800">{t("payWith")}</legend>
      <div className="mt-2 space-y-2">
        {cards.map((c) => (
          <label key={c.id} className="flex min-h-11 flex-wrap items-center gap-x-3 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name={name} value={c.id} checked={value === c.id} onChange={() => onChange(c.id)} className="size-4 accent-brand-600" />
            <span className="font-medium">{cardName(c)}</span>
            <span className="text-slate-600">{t("expiresLower", { date: c.expires })}</span>
            {c.isDefault && <span className="ml-auto rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t("default")}</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
