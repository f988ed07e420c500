"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { portalQueryClient } from "./query-client";

/** Around the parts of a page that use TanStack Query hooks (purchases, plan changes, payment polling). */
export function PortalProviders({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => portalQueryClient(QueryClient));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
