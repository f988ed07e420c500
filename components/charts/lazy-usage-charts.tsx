"use client";
// Recharts is loaded only where charts are shown (the usage page), after the page itself.
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";

export const LazyUsageCharts = dynamic(() => import("./usage-charts"), {
  ssr: false,
  loading: () => <ChartsLoading />,
});

function ChartsLoading() {
  const t = useTranslations("charts");
  return (
    <div className="grid gap-4 lg:grid-cols-3" role="status">
      <span className="sr-only">{t("loading")}</span>
      <Skeleton className="h-80 lg:col-span-2" />
      <Skeleton className="h-80" />
    </div>
  );
}
