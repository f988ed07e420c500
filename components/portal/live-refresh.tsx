"use client";
// Keeps the overview live: TanStack Query refetches its figures (GET /api/portal/wallet, the
// server's render as initial data) every 2.5 s and on focus; when they differ from what is on
// screen, the page is re-rendered on the server (router.refresh) — the cards stay server
// components, so the overview ships almost no JavaScript of its own. TanStack Query itself is
// loaded once the page is shown (the first refresh is 2.5 s away), through the tab's shared
// client (./query-client). A failed refresh keeps the last figures and says how old they are.
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { startTransition, useEffect, useRef, useState } from "react";
import { queryKeys } from "@/lib/query-keys";
import type { OverviewData } from "@/lib/services/portal";
import { portalQueryClient } from "./query-client";

const LIVE_REFRESH_MS = 2_500;

async function fetchOverview(): Promise<OverviewData> {
  const res = await fetch("/api/portal/wallet", { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`The figures could not be refreshed (${res.status}).`);
  return res.json();
}

/** What is shown, without the time it was read. */
const fingerprint = (d: OverviewData) => JSON.stringify({ ...d, asOf: null });


export function LiveRefresh({ customerId, initial }: { customerId: string; initial: OverviewData }) {
  const router = useRouter();
  const t = useTranslations("overview");
  // In the request's time zone (next-intl's, the same on the server and in the browser, so the
  // two renders agree), with the zone's name: "13:04:05 UTC", "14:04:05 MEZ".
  const format = useFormatter();
  const timeText = (iso: string) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short" });
  const [state, setState] = useState({ data: initial, isError: false });
  const shown = useRef(fingerprint(initial));
  useEffect(() => {
    let stopped = false;
    let stop = () => {};
    void import("@tanstack/react-query").then(({ QueryClient, focusManager }) => {
      if (stopped) return;
      const client = portalQueryClient(QueryClient);
      const key = queryKeys.wallet(customerId);
      client.setQueryData(key, initial, { updatedAt: Date.parse(initial.asOf) });
      // Through the shared query client (so an invalidation elsewhere is seen on the next tick),
      // on an interval while the page is visible, and at once when it regains focus.
      let busy = false;
      const refresh = async () => {
        if (busy || !focusManager.isFocused()) return;
        busy = true;
        try {
          // No retries: the next tick, 2.5 s later, is the retry.
          const data = await client.fetchQuery({ queryKey: key, queryFn: fetchOverview, staleTime: 0, retry: false });
          if (stopped) return;
          setState({ data, isError: false });
          const next = fingerprint(data);
          if (next !== shown.current) {
            shown.current = next;
            startTransition(() => router.refresh());
          }
        } catch {
          if (!stopped) setState((s) => ({ ...s, isError: true }));
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(refresh, LIVE_REFRESH_MS);
      const unfocus = focusManager.subscribe((focused) => void (focused && refresh()));
      stop = () => {
        clearInterval(timer);
        unfocus();
      };
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [customerId, initial, router]);
  const q = state;
  return (
    <p className="text-sm text-slate-600" aria-live="polite" data-testid="live-status">
      {q.isError ? (
        <span className="text-amber-800">{t("liveError", { time: timeText(q.data.asOf) })}</span>
      ) : (
        <>
          <span className="mr-1.5 inline-block size-2 rounded-full bg-emerald-500 align-middle" aria-hidden="true" />
          {t("liveUpdated", { time: timeText(q.data.asOf) })}
        </>
      )}
    </p>
  );
}
