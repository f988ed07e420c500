"use client";
// Saved cards: brand, last 4, expiry, which one is the default; make another the default or
// remove one (the server refuses to remove the last card while the plan needs it).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { removeCard } from "@/lib/actions/remove-card";
import { setDefaultCard } from "@/lib/actions/set-default-card";
import { cardName } from "@/lib/payments/card-name";
import { Button } from "@/components/ui/button";
import type { CardView } from "@/lib/services/payments";

export function CardList({ cards, canManage }: { cards: CardView[]; canManage: boolean }) {
  const t = useTranslations("payments.cards");
  const router = useRouter();
  const accountId = useAccountId();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: true } | { ok: false; message: string }>) =>
    start(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(r.message);
      setConfirming(null);
      router.refresh();
    });

  if (cards.length === 0) return <p className="rounded-md border border-dashed p-6 text-center text-slate-500">{t("none")}</p>;
  return (
    <div className="space-y-3">
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="card-error">
          {error}
        </p>
      )}
      <ul className="divide-y rounded-lg border bg-white">
        {cards.map((c) => {
          const name = cardName(c);
          return (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="saved-card" data-last4={c.last4}>
              <div>
                <p className="font-medium">
                  {name}{" "}
                  {c.isDefault && <span className="ml-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">{t("default")}</span>}
                </p>
                <p className={`text-sm ${c.expired ? "text-red-700" : "text-slate-500"}`}>
                  {t(c.expired ? "expired" : "expires", { date: `${String(c.expMonth).padStart(2, "0")}/${c.expYear}` })}
                </p>
              </div>
              {canManage && (
                <div className="flex flex-wrap gap-2">
                  {!c.isDefault && (
                    <Button variant="secondary" disabled={pending} onClick={() => run(() => setDefaultCard({ accountId, id: c.id }))} aria-label={t("makeDefaultLabel", { card: name })}>
                      {t("makeDefault")}
                    </Button>
                  )}
                  {confirming === c.id ? (
                    <>
                      <Button variant="danger" disabled={pending} onClick={() => run(() => removeCard({ accountId, id: c.id }))}>
                        {t("removeCard", { card: name })}
                      </Button>
                      <Button variant="ghost" onClick={() => setConfirming(null)}>
                        {t("keep")}
                      </Button>
                    </>
                  ) : (
                    <Button variant="ghost" disabled={pending} onClick={() => setConfirming(c.id)} aria-label={t("removeCard", { card: name })}>
                      {t("remove")}
                    </Button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
