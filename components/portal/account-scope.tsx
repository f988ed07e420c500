"use client";
// The account a page was drawn for. Every action a page's components call sends it, and the server
// refuses when the session now acts for another account (a switch in another tab): lib/actions.
import { createContext, useContext } from "react";

const AccountContext = createContext<string | null>(null);

export function AccountScope({ accountId, children }: { accountId: string; children: React.ReactNode }) {
  return <AccountContext.Provider value={accountId}>{children}</AccountContext.Provider>;
}

/** The page's account id; a component outside an <AccountScope> is a programming error. */
export function useAccountId(): string {
  const id = useContext(AccountContext);
  if (!id) throw new Error("useAccountId() outside <AccountScope>: wrap the page in <AccountScope> or <PortalProviders accountId>.");
  return id;
}

/** The page's account as a hidden field of a `<form action>` (the server checks it). */
export function AccountField() {
  return <input type="hidden" name="accountId" value={useAccountId()} />;
}
