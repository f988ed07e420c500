"use client";
// Settings → Time zone: an IANA zone, or Automatic (the browser's, sent in the portico_tz cookie).
import { useTranslations } from "next-intl";
import { PreferenceForm } from "@/components/portal/preference-form";
import { saveTimeZone } from "@/lib/actions/save-time-zone";
import { zoneLabel } from "@/lib/i18n/time-zones";

export function TimeZoneForm({ readOnly, current, shown, choices }: { readOnly: boolean; current: string | null; shown: string; choices: readonly string[] }) {
  const t = useTranslations("timezone");
  const common = useTranslations("common");
  return (
    <PreferenceForm
      save={saveTimeZone}
      id="time-zone"
      name="timeZone"
      label={t("label")}
      automatic={t("automatic")}
      options={choices.map((z) => ({ value: z, label: zoneLabel(z) }))}
      current={current}
      readOnly={readOnly}
      saveLabel={common("save")}
      help={t("help", { zone: zoneLabel(shown) })}
      testId="time-zone"
    />
  );
}
