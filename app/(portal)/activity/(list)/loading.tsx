import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" className="space-y-4">
      <span className="sr-only">Loading activity…</span>
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-20 w-full" />
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}
