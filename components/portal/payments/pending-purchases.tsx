import { useTranslations } from "next-intl";
import type { PaymentView } from "@/lib/services/payments";
import { PaymentOutcome } from "./payment-outcome";
import { PaymentPoller } from "./payment-poller";

/** Purchases still waiting (charging, or for 3-D Secure): shown after a refresh, so nothing is lost. */
export function PendingPurchases({ payments, customerId }: { payments: PaymentView[]; customerId: string }) {
  const t = useTranslations("payments");
  if (payments.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" className="space-y-2" data-testid="pending-purchases">
      <h2 id="pending-heading" className="text-lg font-semibold">
        {t("inProgress")}
      </h2>
      {payments.map((p) => (
        <PaymentOutcome key={p.id} payment={p}>
          <p className="mt-1 text-xs">{p.description} · {p.totalText}</p>
          {p.status === "processing" && <PaymentPoller customerId={customerId} paymentId={p.id} />}
        </PaymentOutcome>
      ))}
    </section>
  );
}
