import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import { Suspense } from "react";
import { LiveRefresh } from "@/components/portal/live-refresh";
import { OverviewCards } from "@/components/portal/overview-cards";
import { UpcomingInvoiceCard } from "@/components/portal/upcoming-invoice-card";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonCard } from "@/components/ui/skeleton";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

// The page a customer opens most: its frame is sent at once; the account's figures stream
// into the same response as soon as they are read, then stay live in the browser
// (GET /api/portal/wallet through TanStack Query). DEVELOPERS.md, "Rendering".
export default function OverviewPage() {
  const t = useTranslations("overview");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Suspense fallback={<OverviewSkeleton />}>
        <AccountOverview />
      </Suspense>
    </div>
  );
}

async function AccountOverview() {
  const ctx = await requirePortalContext();
  const { overview: data, upcoming } = await customerReads(ctx).overviewPage();
  const t = await getTranslations("overview");
  if (!data) return <EmptyState title={t("accountGone")} />;
  return (
    <>
      <LiveRefresh customerId={ctx.customerId} initial={data} />
      <OverviewCards data={data} />
      {upcoming && <UpcomingInvoiceCard data={upcoming} />}
      {data.plan && data.plan.policies.length > 0 && (
        <Card title={t("howPlanWorks")}>
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
  const t = useTranslations("overview");
  return (
    <div role="status" aria-live="polite" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <span className="sr-only">{t("loadingFigures")}</span>
      <SkeletonCard />
      <SkeletonCard />
      <SkeletonCard />
    </div>
  );
}
