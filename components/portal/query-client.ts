// The portal's TanStack Query client: one per browser tab, shared by every page that uses it
// (PortalProviders) and by the overview's live refresh — which loads TanStack Query only after
// the page is on screen, so the overview's first load does not carry it — so that a purchase's
// invalidation on one page is seen by the overview on the next. Never shared on the server: there
// each render gets its own, as a module-level client would mix users' data.
import type { QueryClient, QueryClientConfig } from "@tanstack/react-query";

const CONFIG: QueryClientConfig = { defaultOptions: { queries: { staleTime: 2_000, refetchOnWindowFocus: true } } };
let tab: QueryClient | undefined;

export function portalQueryClient(Client: typeof QueryClient): QueryClient {
  if (typeof window === "undefined") return new Client(CONFIG);
  tab ??= new Client(CONFIG);
  return tab;
}
