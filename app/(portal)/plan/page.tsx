import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlanChooser } from "@/components/portal/plan-chooser";
import { PortalProviders } from "@/components/portal/providers";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { randomToken } from "@/lib/ids";
import { customerReads } from "@/lib/services/portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plan"))("title") };
}

export const dynamic = "force-dynamic";

export default async function PlanPage({ searchParams }: { searchParams: Promise<{ payment?: string }> }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const { payment: paymentId } = await searchParams;
  const [page, view] = await Promise.all([read.planPage(), typeof paymentId === "string" ? read.paymentOutcome(paymentId) : null]);
  const [t, tc] = await Promise.all([getTranslations("plan"), getTranslations("common")]);
  const returned = view && view.kind === "plan_change" ? { message: view.status === "failed" || view.status === "canceled" ? t("notChanged", { message: view.message }) : view.message, ok: view.status === "succeeded" } : null;
  const canManage = can(ctx.role, "manage_billing");
  const deniedMessage = canManage ? null : t("denied", { role: tc(`roleWord.${ctx.role}`), account: ctx.customerName });
  return (
    <PortalProviders accountId={ctx.customerId}>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {page.current ? (
          <PlanChooser page={page} canManage={canManage} deniedMessage={deniedMessage} formKey={randomToken(16)} returned={returned} />
        ) : (
          <EmptyState title={t("noPlan")} />
        )}
        <Card title={t("howChangesAreCharged")}>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="proration-rule">
            {page.rule.map((r) => (
              <li key={r}>{r}</li>
            ))}
            {page.dunningText && <li data-testid="dunning-rule">{page.dunningText}</li>}
          </ul>
        </Card>
      </div>
    </PortalProviders>
  );
}
