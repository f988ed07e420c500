import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { LiveOverview } from "@/components/portal/live-overview";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePortalContext } from "@/lib/auth/session";
import { queryKeys } from "@/lib/query-keys";
import { getOverview } from "@/lib/services/overview";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const ctx = await requirePortalContext();
  const data = await getOverview(ctx.customerId);
  if (!data) return <EmptyState title="This account no longer exists." />;
  // Rendered on the server, then kept live in the browser (GET /api/portal/wallet).
  const client = new QueryClient();
  client.setQueryData(queryKeys.wallet(ctx.customerId), data);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <HydrationBoundary state={dehydrate(client)}>
        <LiveOverview customerId={ctx.customerId} />
      </HydrationBoundary>
    </div>
  );
}
