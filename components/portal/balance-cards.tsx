import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/billing/money";
import type { BucketView } from "@/lib/services/wallet";
import { formatDate } from "@/lib/format/dates";

function dateText(d: Date, locale: string) {
  return formatDate(d, locale);
}

export function BalanceCards({ buckets, locale, currency }: { buckets: BucketView[]; locale: string; currency: string }) {
  if (buckets.length === 0) {
    return <p className="rounded-md border border-dashed p-6 text-center text-slate-500">No balances yet.</p>;
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {buckets.map((b) => (
        <li key={b.accountId}>
          <Card title={b.label}>
            <p className="tabular text-3xl font-semibold" data-testid={`balance-${b.bucket}`}>
              {formatMoney({ amount: b.available, asset: b.asset }, { locale, currency })}
            </p>
            {b.held > 0n && (
              <p className="mt-1 text-sm text-slate-600">
                {formatMoney({ amount: b.held, asset: b.asset }, { locale, currency })} reserved for work in progress
              </p>
            )}
            {b.expiresAt && (
              <p className="mt-1 text-sm text-slate-500">
                {b.bucket === "purchased_credits" ? "Expires" : "Resets"} {dateText(b.expiresAt, locale)}
              </p>
            )}
          </Card>
        </li>
      ))}
    </ul>
  );
}
