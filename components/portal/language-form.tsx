"use client";
// Settings → Language: one of the languages Portico speaks, or Automatic (the browser's).
import { useTranslations } from "next-intl";
import { PreferenceForm } from "@/components/portal/preference-form";
import { saveLanguage } from "@/lib/actions/save-language";

export function LanguageForm({ readOnly, current, choices }: { readOnly: boolean; current: string | null; choices: readonly { locale: string; name: string }[] }) {
  const t = useTranslations("common");
  return (
    <PreferenceForm
      save={saveLanguage}
      id="language"
      name="locale"
      label={t("language")}
      automatic={t("languageAutomatic")}
      options={choices.map((c) => ({ value: c.locale, label: c.name, lang: c.locale }))}
      current={current}
      readOnly={readOnly}
      saveLabel={t("save")}
      testId="language"
    />
  );
}
