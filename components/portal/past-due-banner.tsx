// The account's subscription is past due or suspended: say so above every portal page, with the
// open invoice to pay (the invoice page has "Pay now" for owners and billing members).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatCents } from "@/lib/billing/money";
import { dunningRuleWords } from "@/lib/billing/renewal";
import { customerReads } from "@/lib/services/portal";

export async function PastDueBanner({ customerId }: { customerId: string }) {
  const sub = await customerReads({ customerId }).pastDue();
  if (!sub) return null;
  const t = await getTranslations("common");
  const first = sub.open[0];
  const suspended = sub.status === "suspended";
  return (
    <div className="mx-auto max-w-6xl px-4 pt-4">
      <div role="alert" className={`rounded-lg border p-4 text-sm ${suspended ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-950"}`} data-testid="past-due-banner">
        <p className="font-semibold">{suspended ? t("pastDue.suspendedTitle") : t("pastDue.failedTitle")}</p>
        <p className="mt-1">
          {suspended ? t("pastDue.suspendedBody") : t("pastDue.failedBody", { rule: dunningRuleWords(sub.dunningRule, sub.dunningRetryDays) })}{" "}
          {first && (
            <Link className="font-medium underline" href={`/invoices/${first.id}`} data-testid="past-due-pay-link">
              {t("pastDue.payInvoice", { number: first.number ?? "", amount: formatCents(first.totalCents, { currency: first.currency }) })}
            </Link>
          )}
        </p>
      </div>
    </div>
  );
}
