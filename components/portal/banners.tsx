"use client";
// The account's alerts (usage thresholds, low balance, overage, cap…) as banners across the
// portal, refreshed every few seconds; owners and billing members can dismiss them.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect } from "react";
import { dismissBanner, type DismissResult } from "@/app/(portal)/dismiss-banner";
import { queryKeys } from "@/lib/query-keys";
import type { Banner } from "@/lib/services/alerts";

const TONES: Record<Banner["tone"], string> = {
  info: "border-brand-100 bg-brand-50 text-brand-800",
  warn: "border-amber-200 bg-amber-50 text-amber-950",
  danger: "border-red-200 bg-red-50 text-red-900",
};

async function fetchBanners(): Promise<Banner[]> {
  const res = await fetch("/api/portal/notifications", { cache: "no-store" });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}

export function Banners({ customerId, initial, canDismiss }: { customerId: string; initial: Banner[]; canDismiss: boolean }) {
  const q = useQuery({ queryKey: queryKeys.notifications(customerId), queryFn: fetchBanners, initialData: initial, refetchInterval: 5_000 });
  const banners = q.data ?? initial;
  if (banners.length === 0) return null;
  return (
    <section aria-label="Alerts" className="mx-auto max-w-6xl space-y-2 px-4 pt-4">
      {banners.map((b) => (
        <BannerItem key={b.id} banner={b} customerId={customerId} canDismiss={canDismiss} />
      ))}
    </section>
  );
}

function BannerItem({ banner, customerId, canDismiss }: { banner: Banner; customerId: string; canDismiss: boolean }) {
  const client = useQueryClient();
  const [state, action, pending] = useActionState<DismissResult | null, FormData>(dismissBanner, null);
  useEffect(() => {
    if (state?.ok) client.setQueryData<Banner[]>(queryKeys.notifications(customerId), (old) => old?.filter((x) => x.id !== banner.id));
  }, [state, client, customerId, banner.id]);
  return (
    <div role={banner.tone === "danger" ? "alert" : "status"} className={`flex items-start justify-between gap-3 rounded-lg border p-3 text-sm ${TONES[banner.tone]}`} data-testid="banner">
      <div className="min-w-0">
        <p className="font-semibold">{banner.title}</p>
        <p className="mt-0.5">{banner.body}</p>
        {state && !state.ok && <p className="mt-1 font-medium">{state.message}</p>}
      </div>
      {canDismiss && (
        <form action={action}>
          <input type="hidden" name="id" value={banner.id} />
          <button type="submit" disabled={pending} className="rounded-md px-2 py-1 font-medium underline-offset-2 hover:underline" aria-label={`Dismiss: ${banner.title}`}>
            Dismiss
          </button>
        </form>
      )}
    </div>
  );
}
