import "server-only";
// The upcoming invoice preview for the overview and invoices pages: reads the
// wallet, the merchant's tax rate, a scheduled plan change and the recent usage rate, and lets the
// pure lib/billing/upcoming-invoice.ts compute the invoice. JSON-safe, with display texts.
import { forecast } from "@/lib/billing/forecast";
import { formatTaxRate } from "@/lib/billing/invoice-math";
import { formatCents, formatMoney } from "@/lib/billing/money";
import { periodAt } from "@/lib/billing/periods";
import { rulesFor } from "@/lib/billing/models";
import { usageAsset } from "@/lib/billing/plans";
import { upcomingInvoice } from "@/lib/billing/upcoming-invoice";
import { dbRead, db } from "@/lib/db/client";
import { plansById } from "@/lib/db/plans";
import { periodCostAndDaily } from "../usage/usage-report";
import { getWallet, type WalletView } from "../usage/wallet";
import { formatDate } from "@/lib/format/dates";

export type UpcomingInvoiceView = {
  dateText: string;
  date: string;
  lines: { kind: string; description: string; amountText: string }[];
  subtotalText: string;
  taxText: string;
  taxRateText: string;
  totalText: string;
  totalCents: string;
  notes: string[];
  pendingPlanName: string | null;
  cancelAtPeriodEnd: boolean;
};

type Usage = ReturnType<typeof periodCostAndDaily>;

/** `wallet`/`usage`: what the caller has already read for the same `now` (the overview page). */
export async function getUpcomingInvoice(customerId: string, opts: { now?: Date; wallet?: WalletView | null; usage?: (periodStart: Date, from: Date) => Usage } = {}): Promise<UpcomingInvoiceView | null> {
  const now = opts.now ?? new Date();
  const wallet = opts.wallet !== undefined ? opts.wallet : await getWallet(customerId, { now });
  if (!wallet?.plan || !wallet.subscription || wallet.subscription.status === "canceled") return null;
  const { plan, subscription: sub, customer } = wallet;
  const [terms] = (await dbRead().query<{ tax_rate_bps: number; grace_hours: number }>(
    `SELECT m.tax_rate_bps, pl.grace_hours FROM subscriptions s JOIN plans pl ON pl.id = s.plan_id JOIN merchants m ON m.id = pl.merchant_id WHERE s.customer_id = $1`,
    [customerId],
  )) as { tax_rate_bps: number; grace_hours: number }[];
  const taxRateBps = Number(terms?.tax_rate_bps ?? 0);
  const pendingPlan = sub.pendingPlanId ? ((await plansById(db(), customer.merchantId)).get(sub.pendingPlanId) ?? null) : null;
  const next = periodAt(sub.anchorAt, (pendingPlan ?? plan).intervalMonths, sub.periodEnd);

  let metered = null;
  if (rulesFor(plan).tracksOverage) {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const usage = await (opts.usage ?? ((start, from) => periodCostAndDaily(customerId, start, from)))(sub.periodStart, new Date(today - 7 * 86_400_000));
    const f = forecast({
      model: plan.model, asset: usageAsset(plan), now, periodEnd: sub.periodEnd, since: sub.anchorAt, daily: usage.daily,
      remaining: wallet.included?.left ?? 0n, overage: null,
    });
    metered = {
      includedLeft: wallet.included?.left ?? 0n,
      overageMicros: wallet.overage?.accruedMicros ?? 0n,
      capMicros: wallet.overage?.capMicros ?? null,
      windowUnits: f.windowCost,
      windowMs: f.windowMs,
    };
  }
  const inv = upcomingInvoice({
    now, periodStart: sub.periodStart, periodEnd: sub.periodEnd, nextPeriodEnd: next.end, plan, pendingPlan,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd, taxRateBps, metered, locale: customer.locale, graceHours: Number(terms?.grace_hours ?? 24),
  });
  const money = (m: bigint) => formatMoney({ amount: m, asset: customer.currency }, { locale: customer.locale });
  return {
    date: inv.date.toISOString(),
    dateText: formatDate(inv.date, customer.locale),
    lines: inv.lines.map((l) => ({ kind: l.kind, description: l.description, amountText: money(l.amountMicros) })),
    subtotalText: money(inv.subtotalMicros),
    taxText: money(inv.taxMicros),
    taxRateText: formatTaxRate(taxRateBps, customer.locale),
    totalText: formatCents(inv.totalCents, { locale: customer.locale, currency: customer.currency }),
    totalCents: inv.totalCents.toString(),
    notes: inv.notes,
    pendingPlanName: pendingPlan?.name ?? null,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
  };
}
