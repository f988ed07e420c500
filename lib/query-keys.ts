// Every TanStack Query key of the portal, from one factory: mutations invalidate these, never
// hand-written strings. Keys are scoped by customer account.
export const queryKeys = {
  all: ["portal"] as const,
  wallet: (customerId: string) => ["portal", customerId, "wallet"] as const,
  payment: (customerId: string, paymentId: string) => ["portal", customerId, "payment", paymentId] as const,
};
