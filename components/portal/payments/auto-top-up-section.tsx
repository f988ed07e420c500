// The "Automatic top-up" section of the credits and funds pages: the settings and this month's
// history (packs to choose from on Credits plans, an amount on Balance plans).
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { AutoTopUpView } from "@/lib/services/payments";
import { AutoTopUpForm } from "./auto-top-up-form";
import { AutoTopUpHistory } from "./auto-top-up-history";

type Props = { view: AutoTopUpView; packs: { code: string; label: string }[]; canEdit: boolean; unitLabel: string; currency: string; locale: string };

export function AutoTopUpSection({ view, packs, canEdit, unitLabel, currency, locale }: Props) {
  const t = useTranslations("payments.autoTopUp");
  return (
    <section aria-labelledby="auto-heading" className="space-y-3">
      <h2 id="auto-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <Card>
        <AutoTopUpForm settings={view} packs={packs} canEdit={canEdit} unitLabel={unitLabel} currency={currency} />
      </Card>
      <h3 className="font-medium">{t("history")}</h3>
      <p className="text-sm text-slate-600">{t("chargedThisMonth", { amount: view.chargedThisMonthText })}</p>
      <AutoTopUpHistory view={view} locale={locale} />
    </section>
  );
}
