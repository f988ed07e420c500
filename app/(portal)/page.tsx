import { BalanceCards } from "@/components/portal/balance-cards";
import { Card } from "@/components/ui/card";
import { requirePortalContext } from "@/lib/auth/session";
import { getWallet } from "@/lib/services/wallet";

export const metadata = { title: "Overview" };

const STATUS: Record<string, { label: string; tone: string }> = {
  active: { label: "Active", tone: "bg-emerald-50 text-emerald-800" },
  past_due: { label: "Past due", tone: "bg-amber-50 text-amber-900" },
  suspended: { label: "Suspended", tone: "bg-red-50 text-red-800" },
  canceled: { label: "Canceled", tone: "bg-slate-100 text-slate-700" },
};

export default async function OverviewPage() {
  const ctx = await requirePortalContext();
  const wallet = await getWallet(ctx.customerId);
  if (!wallet) return <p>This account no longer exists.</p>;
  const { customer, plan, subscription } = wallet;
  const status = subscription ? (STATUS[subscription.status] ?? STATUS.active!) : null;
  const date = (d: Date) => new Intl.DateTimeFormat(customer.locale, { dateStyle: "long", timeZone: "UTC" }).format(d);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <Card>
        {plan && subscription ? (
          <div className="flex flex-wrap items-center justify-between gap-4">
            <div>
              <p className="text-sm text-slate-500">Plan</p>
              <p className="text-lg font-semibold" data-testid="plan-name">
                {plan.name}
              </p>
            </div>
            <div>
              <p className="text-sm text-slate-500">Status</p>
              <span className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${status!.tone}`} data-testid="plan-status">
                {status!.label}
              </span>
            </div>
            <div>
              <p className="text-sm text-slate-500">{subscription.cancelAtPeriodEnd ? "Ends on" : "Renews on"}</p>
              <p className="font-medium" data-testid="renewal-date">
                {date(subscription.periodEnd)}
              </p>
            </div>
          </div>
        ) : (
          <p>No active plan.</p>
        )}
      </Card>
      <section aria-labelledby="balances-heading">
        <h2 id="balances-heading" className="mb-3 text-lg font-semibold">
          What you have left
        </h2>
        <BalanceCards buckets={wallet.buckets} locale={customer.locale} currency={customer.currency} />
      </section>
    </div>
  );
}
