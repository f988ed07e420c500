// The "Automatic top-up" section of the credits and funds pages: the settings and this month's
// history (packs to choose from on Credits plans, an amount on Balance plans).
import { Card } from "@/components/ui/card";
import type { AutoTopUpView } from "@/lib/services/payments";
import { AutoTopUpForm } from "./auto-top-up-form";
import { AutoTopUpHistory } from "./auto-top-up-history";

type Props = { view: AutoTopUpView; packs: { code: string; label: string }[]; canEdit: boolean; unitLabel: string; locale: string };

export function AutoTopUpSection({ view, packs, canEdit, unitLabel, locale }: Props) {
  return (
    <section aria-labelledby="auto-heading" className="space-y-3">
      <h2 id="auto-heading" className="text-lg font-semibold">
        Automatic top-up
      </h2>
      <Card>
        <AutoTopUpForm settings={view} packs={packs} canEdit={canEdit} unitLabel={unitLabel} />
      </Card>
      <h3 className="font-medium">History</h3>
      <p className="text-sm text-slate-600">Charged by automatic top-ups this month: {view.chargedThisMonthText}</p>
      <AutoTopUpHistory view={view} locale={locale} />
    </section>
  );
}
