"use client";
// Recharts is loaded only where charts are shown (the usage page), after the page itself.
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

export const LazyUsageCharts = dynamic(() => import("./usage-charts"), {
  ssr: false,
  loading: () => (
    <div className="grid gap-4 lg:grid-cols-3" role="status">
      <span className="sr-only">Loading charts…</span>
      <Skeleton className="h-80 lg:col-span-2" />
      <Skeleton className="h-80" />
    </div>
  ),
});
