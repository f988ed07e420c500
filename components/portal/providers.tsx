"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { AccountScope } from "./account-scope";
import { portalQueryClient } from "./query-client";

/**
 * Around the parts of a page that use TanStack Query hooks (purchases, plan changes, payment
 * polling), for the account the page was drawn for (every action they call sends it).
 */
export function PortalProviders({ accountId, children }: { accountId: string; children: React.ReactNode }) {
  const [client] = useState(() => portalQueryClient(QueryClient));
  return (
    <AccountScope accountId={accountId}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </AccountScope>
  );
}
