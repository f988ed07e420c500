"use client";
// Settings → Time zone: an IANA zone, or Automatic (the browser's, sent in the portico_tz cookie).
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { AccountField } from "@/components/portal/account-scope";
import { Button } from "@/components/ui/button";
import { saveTimeZone } from "@/lib/actions/save-time-zone";
import { zoneLabel } from "@/lib/i18n/time-zones";

type ActionResult = Awaited<ReturnType<typeof saveTimeZone>>;

export function TimeZoneForm({ readOnly, current, shown, choices }: { readOnly: boolean; current: string | null; shown: string; choices: readonly string[] }) {
  const t = useTranslations("timezone");
  const common = useTranslations("common");
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(saveTimeZone, null);
  // controlled: the choice stays shown after saving (a form action resets uncontrolled fields)
  const [value, setValue] = useState(current ?? "");
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <AccountField />
      <div className="min-w-0 max-w-full">
        <label htmlFor="time-zone" className="block text-sm font-medium">
          {t("label")}
        </label>
        <select id="time-zone" name="timeZone" value={value} onChange={(e) => setValue(e.target.value)} disabled={readOnly || pending} aria-describedby="time-zone-help" className="mt-1 max-w-full rounded-md border border-slate-300 px-3 py-2">
          <option value="">{t("automatic")}</option>
          {choices.map((z) => (
            <option key={z} value={z}>
              {zoneLabel(z)}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={readOnly || pending} data-testid="save-time-zone">
        {common("save")}
      </Button>
      <p id="time-zone-help" className="w-full text-sm text-slate-600">
        {t("help", { zone: zoneLabel(shown) })}
      </p>
      {state && !state.ok && (
        <p role="alert" className="w-full text-sm text-red-700" data-testid="time-zone-result">
          {state.message}
        </p>
      )}
    </form>
  );
}
