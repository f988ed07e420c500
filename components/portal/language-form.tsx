"use client";
// Settings → Language: one of the languages Portico speaks, or Automatic (the browser's).
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { AccountField } from "@/components/portal/account-scope";
import { Button } from "@/components/ui/button";
import { saveLanguage } from "@/lib/actions/save-language";

type ActionResult = Awaited<ReturnType<typeof saveLanguage>>;

export function LanguageForm({ readOnly, current, choices }: { readOnly: boolean; current: string | null; choices: readonly { locale: string; name: string }[] }) {
  const t = useTranslations("common");
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(saveLanguage, null);
  // controlled: the choice stays shown after saving (a form action resets uncontrolled fields)
  const [value, setValue] = useState(current ?? "");
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <AccountField />
      <div>
        <label htmlFor="language" className="block text-sm font-medium">
          {t("language")}
        </label>
        <select id="language" name="locale" value={value} onChange={(e) => setValue(e.target.value)} disabled={readOnly || pending} className="mt-1 rounded-md border border-slate-300 px-3 py-2">
          <option value="">{t("languageAutomatic")}</option>
          {choices.map((c) => (
            <option key={c.locale} value={c.locale} lang={c.locale}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={readOnly || pending} data-testid="save-language">
        {t("save")}
      </Button>
      {state && !state.ok && (
        <p role="alert" className="w-full text-sm text-red-700" data-testid="language-result">
          {state.message}
        </p>
      )}
    </form>
  );
}
