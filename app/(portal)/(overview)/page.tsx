import { Suspense } from "react";
import { LiveRefresh } from "@/components/portal/live-refresh";
import { OverviewCards } from "@/components/portal/overview-cards";
import { UpcomingInvoiceCard } from "@/components/portal/upcoming-invoice-card";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonCard } from "@/components/ui/skeleton";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";

export const metadata = { title: "Overview" };

// The page a customer opens most: its frame is sent at once; the account's figures stream
// into the same response as soon as they are read, then stay live in the browser
// (GET /api/portal/wallet through TanStack Query). DEVELOPERS.md, "Rendering".
export default function OverviewPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <Suspense fallback={<OverviewSkeleton />}>
        <AccountOverview />
      </Suspense>
    </div>
  );
}

async function AccountOverview() {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const [data, upcoming] = await Promise.all([read.overview(), read.upcomingInvoice()]);
  if (!data) return <EmptyState title="This account no longer exists." />;
  return (
    <>
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
    </>
  );
}

function OverviewSkeleton() {
  return (
    <div role="status" aria-live="polite" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <span className="sr-only">Loading your figures…</span>
      <SkeletonCard />
      <SkeletonCard />
      <SkeletonCard />
    </div>
  );
}
