import { LiveRefresh } from "@/components/portal/live-refresh";
import { OverviewCards } from "@/components/portal/overview-cards";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePortalContext } from "@/lib/auth/session";
import { UpcomingInvoiceCard } from "@/components/portal/upcoming-invoice-card";
import { getOverview } from "@/lib/services/overview";
import { getUpcomingInvoice } from "@/lib/services/upcoming-invoice";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const ctx = await requirePortalContext();
  const [data, upcoming] = await Promise.all([getOverview(ctx.customerId), getUpcomingInvoice(ctx.customerId)]);
  if (!data) return <EmptyState title="This account no longer exists." />;
  // Rendered on the server, then kept live in the browser (GET /api/portal/wallet, TanStack Query).
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <LiveRefresh customerId={ctx.customerId} initial={data} />
      <OverviewCards data={data} />
      {upcoming && <UpcomingInvoiceCard data={upcoming} />}
      {data.plan && data.plan.policies.length > 0 && (
        <Card title="How your plan works">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {data.plan.policies.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
