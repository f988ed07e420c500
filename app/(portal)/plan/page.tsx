import { PlanChooser } from "@/components/portal/plan-chooser";
import { PortalProviders } from "@/components/portal/providers";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { randomToken } from "@/lib/ids";
import { customerReads } from "@/lib/services/portal";

export const metadata = { title: "Plan" };
export const dynamic = "force-dynamic";

export default async function PlanPage({ searchParams }: { searchParams: Promise<{ payment?: string }> }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const { payment: paymentId } = await searchParams;
  const [page, view] = await Promise.all([read.planPage(), typeof paymentId === "string" ? read.paymentOutcome(paymentId) : null]);
  const returned = view && view.kind === "plan_change" ? { message: view.status === "failed" || view.status === "canceled" ? `${view.message} Your plan has not changed.` : view.message, ok: view.status === "succeeded" } : null;
  const canManage = can(ctx.role, "manage_billing");
  const deniedMessage = canManage ? null : `Your role (${ctx.role}) can see the plans but not change them. Ask an owner of ${ctx.customerName}.`;
  return (
    <PortalProviders accountId={ctx.customerId}>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Plan</h1>
        {page.current ? (
          <PlanChooser page={page} canManage={canManage} deniedMessage={deniedMessage} formKey={randomToken(16)} returned={returned} />
        ) : (
          <EmptyState title="This account has no plan." />
        )}
        <Card title="How plan changes are charged">
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
