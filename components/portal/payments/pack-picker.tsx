"use client";
// Credit packs to buy: price, tax, total, credits and expiry per pack — all computed on the
// server for display; the purchase is priced again on the server when confirmed.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { PurchaseSteps } from "./purchase-steps";
import { usePurchaseFlow } from "./use-purchase-flow";

type PackOffer = { code: string; name: string; creditsText: string; priceText: string; taxText: string; totalText: string; expiresText: string; perCreditText: string };

type Props = { packs: PackOffer[]; formKey: string; customerId: string; canBuy: boolean; deniedMessage: string | null; stripeKey: string | null };

export function PackPicker({ packs, formKey, customerId, canBuy, deniedMessage, stripeKey }: Props) {
  const t = useTranslations("purchase");
  const flow = usePurchaseFlow({ formKey, customerId, stripeKey });
  const busy = flow.state.step === "quoting" || flow.state.step === "paying";
  return (
    <div className="space-y-4">
      {!canBuy && deniedMessage && (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid="cannot-buy">
          {deniedMessage}
        </p>
      )}
      <ul className="grid gap-4 sm:grid-cols-2">
        {packs.map((p) => (
          <li key={p.code} data-testid={`pack-${p.code}`} className="flex flex-col justify-between rounded-lg border bg-white p-5 shadow-sm">
            <div>
              <h3 className="text-lg font-semibold">{p.creditsText}</h3>
              <p className="text-sm text-slate-600">{p.perCreditText}</p>
              <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-4 text-sm">
                <dt className="text-slate-600">{t("price")}</dt>
                <dd className="tabular text-right">{p.priceText}</dd>
                <dt className="text-slate-600">{t("tax")}</dt>
                <dd className="tabular text-right">{p.taxText}</dd>
                <dt className="font-medium">{t("total")}</dt>
                <dd className="tabular text-right font-medium">{p.totalText}</dd>
              </dl>
              <p className="mt-2 text-xs text-slate-500">{p.expiresText}</p>
            </div>
            <Button className="mt-4" disabled={!canBuy || busy} onClick={() => flow.review({ kind: "pack", packCode: p.code })}>
              {t("buy", { what: p.creditsText })}
            </Button>
          </li>
        ))}
      </ul>
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
