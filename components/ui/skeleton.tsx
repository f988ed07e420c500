// Placeholders while a page loads: the layout's shape, never a blank screen.
import { useTranslations } from "next-intl";
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded-md bg-slate-200 ${className}`} />;
}

export function SkeletonCard({ lines = 3 }: { lines?: number }) {
  return (
    <div aria-hidden="true" className="rounded-lg border bg-white p-5 shadow-sm">
      <Skeleton className="mb-4 h-4 w-1/3" />
      <Skeleton className="mb-3 h-8 w-1/2" />
      {Array.from({ length: lines - 1 }, (_, i) => (
        <Skeleton key={i} className="mb-2 h-3 w-full last:w-2/3" />
      ))}
    </div>
  );
}

/** `title` is what is loading, already in the page's language ("your portal"). */
export function PageSkeleton({ title, cards = 3 }: { title: string; cards?: number }) {
  const t = useTranslations("common");
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">{t("loading", { title })}</span>
      <Skeleton className="h-8 w-48" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: cards }, (_, i) => (
          <SkeletonCard key={i} />
        ))}
      </div>
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
