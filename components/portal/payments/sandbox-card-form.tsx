"use client";
// The sandbox's card form (Stripe's Payment Element takes its place when Stripe is configured).
// Only test cards are accepted; the table says what each one does.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { addSandboxCard } from "@/lib/actions/add-sandbox-card";
import { Button } from "@/components/ui/button";
import { TBody, Table, Td, Tr } from "@/components/ui/table";
import { cardName } from "@/lib/payments/card-name";
import { TEST_CARDS } from "@/lib/payments/sandbox/cards";

const spaced = (n: string) => n.replace(/(\d{4})(?=\d)/g, "$1 ");

export function SandboxCardForm() {
  const t = useTranslations("payments.cards");
  const router = useRouter();
  const accountId = useAccountId();
  const [number, setNumber] = useState("");
  const [expiry, setExpiry] = useState("12/30");
  const [cvc, setCvc] = useState("123");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const field = "rounded-md border border-slate-300 px-3 py-2 tabular";
  return (
    <form
      className="space-y-4"
      aria-label={t("addCard")}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await addSandboxCard({ accountId, number, expiry, cvc });
          setResult(r.ok ? { ok: true, text: t(r.card.isDefault ? "savedDefault" : "saved", { card: cardName(r.card) }) } : { ok: false, text: r.message });
          if (r.ok) {
            setNumber("");
            router.refresh();
          }
        });
      }}
    >
      <div className="flex flex-wrap gap-3">
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("number")}</span>
          <input className={`${field} w-56`} value={number} onChange={(e) => setNumber(e.target.value)} inputMode="numeric" autoComplete="cc-number" required />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("expiry")}</span>
          <input className={`${field} w-24`} value={expiry} onChange={(e) => setExpiry(e.target.value)} autoComplete="cc-exp" required />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("cvc")}</span>
          <input className={`${field} w-20`} value={cvc} onChange={(e) => setCvc(e.target.value)} inputMode="numeric" autoComplete="cc-csc" required />
        </label>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
      {result && (
        <p role={result.ok ? "status" : "alert"} className={`text-sm ${result.ok ? "text-emerald-800" : "text-red-700"}`} data-testid="add-card-result">
          {result.text}
        </p>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600">{t("testCards")}</summary>
        <Table fit className="mt-2">
          <TBody>
            {TEST_CARDS.map((c) => (
              <Tr key={c.number}>
                <Td className="py-1 pr-4 font-mono">{spaced(c.number)}</Td>
                <Td className="py-1 pr-4 text-slate-600">{t(`testCard.${c.label}`)}</Td>
                <Td className="py-1">
                  <button type="button" className="underline" onClick={() => setNumber(c.number)}>
                    {t("use")}
                  </button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </details>
    </form>
  );
}
