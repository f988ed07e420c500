"use client";
// A purchase still charging when the page was rendered (a refresh mid-payment): ask the server
// until the provider has answered, then re-render the page with the outcome.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { refreshPayment } from "@/lib/actions/refresh-payment";
import { queryKeys } from "@/lib/query-keys";

export function PaymentPoller({ customerId, paymentId }: { customerId: string; paymentId: string }) {
  const router = useRouter();
  const accountId = useAccountId();
  const { data } = useQuery({
    queryKey: queryKeys.payment(customerId, paymentId),
    queryFn: async () => {
      const r = await refreshPayment({ accountId, paymentId });
      return r.ok ? r.payment.status : "unknown";
    },
    refetchInterval: (q) => (q.state.data === "processing" || q.state.data === undefined ? 1_500 : false),
  });
  useEffect(() => {
    if (data && data !== "processing") router.refresh();
  }, [data, router]);
  return null;
}
