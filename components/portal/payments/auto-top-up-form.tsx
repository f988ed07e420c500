"use client";
// Automatic top-up settings: when what is left falls below X, buy pack P (Credits) or add Y
// (Balance), at most Z charged per calendar month. Saved on the server, validated against the plan.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { saveAutoTopUp } from "@/lib/actions/save-auto-top-up";
import { Button } from "@/components/ui/button";
import type { AutoTopUpView } from "@/lib/services/payments";

type Props = { settings: AutoTopUpView; packs: { code: string; label: string }[]; canEdit: boolean; unitLabel: string; currency: string };

export function AutoTopUpForm({ settings, packs, canEdit, unitLabel, currency }: Props) {
  const t = useTranslations("payments.autoTopUp");
  const router = useRouter();
  const accountId = useAccountId();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [threshold, setThreshold] = useState(settings.thresholdText);
  const [packCode, setPackCode] = useState(settings.packCode ?? packs[0]?.code ?? "");
  const [amount, setAmount] = useState(settings.amountText);
  const [cap, setCap] = useState(settings.monthlyCapText);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const credits = settings.choice === "pack";
  const input = "w-32 rounded-md border border-slate-300 px-3 py-2 tabular disabled:bg-slate-50";

  return (
    <form
      className="space-y-4"
      aria-label={t("title")}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await saveAutoTopUp({ accountId, enabled, threshold, monthlyCap: cap, packCode: credits ? packCode : null, amount: credits ? null : amount });
          setMessage(r.ok ? { ok: true, text: enabled ? t("savedOn") : t("savedOff") } : { ok: false, text: r.message });
          if (r.ok) router.refresh();
        });
      }}
    >
      <label className="flex items-center gap-2 font-medium">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} disabled={!canEdit} className="size-4" />
        {t("enable")}
      </label>
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="space-y-1">
          <span className="block text-slate-600">{t(credits ? "thresholdCredits" : "thresholdBalance", { unit: unitLabel })}</span>
          <input className={input} name="threshold" value={threshold} onChange={(e) => setThreshold(e.target.value)} disabled={!canEdit} inputMode="decimal" />
        </label>
        {credits ? (
          <label className="space-y-1">
            <span className="block text-slate-600">{t("buy")}</span>
            <select className="rounded-md border border-slate-300 px-3 py-2" name="packCode" value={packCode} onChange={(e) => setPackCode(e.target.value)} disabled={!canEdit}>
              {packs.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="space-y-1">
            <span className="block text-slate-600">{t("add", { currency })}</span>
            <input className={input} name="amount" value={amount} onChange={(e) => setAmount(e.target.value)} disabled={!canEdit} inputMode="decimal" />
          </label>
        )}
        <label className="space-y-1">
          <span className="block text-slate-600">{t("monthlyCap", { currency })}</span>
          <input className={input} name="monthlyCap" value={cap} onChange={(e) => setCap(e.target.value)} disabled={!canEdit} inputMode="decimal" />
        </label>
      </div>
      {settings.enabled && !settings.armed && (
        <p className="text-sm text-amber-900" data-testid="auto-top-up-paused">
          {t(credits ? "pausedCredits" : "pausedBalance")}
        </p>
      )}
      <p className="text-xs text-slate-500">
        {t("howItCharges")}
      </p>
      {canEdit && (
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
      )}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-red-700"}`} data-testid="auto-top-up-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
