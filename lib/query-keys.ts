// Every TanStack Query key of the portal, from one factory: mutations invalidate these, never
// hand-written strings. Keys are scoped by customer account.
export const queryKeys = {
  all: ["portal"] as const,
  /** The overview's live numbers (GET /api/portal/wallet); invalidate after anything that moves money. */
  wallet: (customerId: string) => ["portal", customerId, "wallet"] as const,
};
