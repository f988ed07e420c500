import "server-only";
// The portal overview's numbers for one customer account, per consumption model, as plain JSON
// (amounts as integer strings in minor units, beside their display text): the page renders it
// on the server, and GET /api/portal/wallet serves it again every few seconds (live meters).
import { describeForecast, forecast, suggestionLink, type Forecast } from "@/lib/billing/forecast";
import { rulesFor } from "@/lib/billing/models";
import type { Amount, BalanceOverview, CreditsOverview, MeteredOverview } from "@/lib/billing/models/types";
import { formatMoney } from "@/lib/billing/money";
import { describePolicies, usageAsset, type ConsumptionModel } from "@/lib/billing/plans";
import type { AssetCode } from "@/lib/ledger/assets";
import { dbRead } from "@/lib/db/client";
import { getUpcomingInvoice, type UpcomingInvoiceView } from "../cycle/upcoming-invoice";
import { periodCostAndDaily } from "../usage/usage-report";
import { getWallet } from "../usage/wallet";
import { formatDate } from "@/lib/format/dates";


export type OverviewData = {
  customerId: string;
  /** When these figures were read (ISO). */
  asOf: string;
  /** Changes when a new alert is recorded (the page then refreshes its banners). */
  alertsKey: string;
  plan: { name: string; code: string; model: ConsumptionModel; policies: string[]; spentLabel: string } | null;
  subscription: {
    status: string;
    statusLabel: string;
    periodStart: string;
    periodEnd: string;
    periodEndText: string;
    periodStartText: string;
    cancelAtPeriodEnd: boolean;
  } | null;
  /** Everything that can be spent right now, in the plan's usage asset. */
  usable: (Amount & { asset: AssetCode; held: Amount }) | null;
  /** Usage cost this period, in the plan's usage asset. */
  spentThisPeriod: Amount | null;
  metered: MeteredOverview | null;
  credits: CreditsOverview | null;
  balance: BalanceOverview | null;
  forecast: {
    text: string;
    tone: "ok" | "warn" | "danger";
    runsOutAt: string | null;
    withinPeriod: boolean;
    action: { label: string; href: string } | null;
  } | null;
};

const STATUS_LABELS: Record<string, string> = { active: "Active", past_due: "Past due", suspended: "Suspended", canceled: "Canceled" };

type Wallet = Awaited<ReturnType<typeof getWallet>>;
type Usage = ReturnType<typeof periodCostAndDaily>;

/**
 * The overview page's two cards from one read of the wallet and of this period's usage: the
 * figures (getOverview) and the upcoming invoice, which reads both too when called on its own.
 */
export async function getOverviewPage(customerId: string, opts: { now?: Date } = {}): Promise<{ overview: OverviewData | null; upcoming: UpcomingInvoiceView | null }> {
  const now = opts.now ?? new Date();
  const wallet = await getWallet(customerId, { now });
  const reads = new Map<string, Usage>();
  const usage = (start: Date, from: Date) => {
    const key = `${start.getTime()}:${from.getTime()}`;
    if (!reads.has(key)) reads.set(key, periodCostAndDaily(customerId, start, from));
    return reads.get(key)!;
  };
  const [overview, upcoming] = await Promise.all([getOverview(customerId, { now, wallet, usage }), getUpcomingInvoice(customerId, { now, wallet, usage })]);
  return { overview, upcoming };
}

/** `wallet`/`usage`: already read for the same `now` (getOverviewPage). */
export async function getOverview(customerId: string, opts: { now?: Date; wallet?: Wallet; usage?: (periodStart: Date, from: Date) => Usage } = {}): Promise<OverviewData | null> {
  const now = opts.now ?? new Date();
  const [wallet, [latest]]: [Wallet, { id: string }[]] = await Promise.all([
    opts.wallet !== undefined ? opts.wallet : getWallet(customerId, { now }),
    dbRead().query<{ id: string }>(`SELECT id FROM notifications WHERE customer_id = $1 AND dismissed_at IS NULL ORDER BY created_at DESC LIMIT 1`, [customerId]),
  ]);
  if (!wallet) return null;
  const { customer, plan, subscription: sub } = wallet;
  const locale = customer.locale;
  const amount = (a: bigint, asset: string, exact = false): Amount => ({ amount: a.toString(), formatted: formatMoney({ amount: a, asset }, { locale, currency: customer.currency, exact }) });
  const date = (d: Date) => formatDate(d, locale);

  const data: OverviewData = {
    customerId,
    asOf: now.toISOString(),
    alertsKey: latest?.id ?? "",
    plan: plan && { name: plan.name, code: plan.code, model: plan.model, policies: describePolicies(plan, locale), spentLabel: rulesFor(plan).spentLabel },
    subscription: sub && {
      status: sub.status,
      statusLabel: STATUS_LABELS[sub.status] ?? sub.status,
      periodStart: sub.periodStart.toISOString(),
      periodEnd: sub.periodEnd.toISOString(),
      periodStartText: date(sub.periodStart),
      periodEndText: date(sub.periodEnd),
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    },
    usable: null,
    spentThisPeriod: null,
    metered: null,
    credits: null,
    balance: null,
    forecast: null,
  };
  if (!plan || !sub || !wallet.usable) return data;
  const asset = usageAsset(plan);
  data.usable = { asset, ...amount(wallet.usable.available, asset), held: amount(wallet.usable.held, asset) };

  // This period's usage (exact from its first instant), and the last 7 days' for the forecast.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const usage = await (opts.usage ?? ((start, from) => periodCostAndDaily(customerId, start, from)))(sub.periodStart, new Date(today - 7 * 86_400_000));
  data.spentThisPeriod = amount(usage.spent, asset);

  const part = rulesFor(plan).overview(plan, { wallet: { ...wallet, usable: wallet.usable }, asset, amount, date, periodEnd: sub.periodEnd });
  Object.assign(data, part.sections);
  const { remaining, overage: overageInput } = part;

  const input = {
    model: plan.model,
    asset,
    now,
    periodEnd: sub.periodEnd,
    since: sub.anchorAt,
    daily: usage.daily,
    remaining,
    overage: overageInput,
  };
  const f: Forecast = forecast(input);
  const link = f.suggestion === "none" ? null : suggestionLink(f.suggestion, locale);
  const out = f.runsOutAt !== null && f.runsOutAt.getTime() <= now.getTime();
  data.forecast = {
    text: describeForecast(f, input, locale),
    tone: out ? "danger" : f.withinPeriod ? "warn" : "ok",
    runsOutAt: f.runsOutAt?.toISOString() ?? null,
    withinPeriod: f.withinPeriod,
    action: link,
  };
  return data;
}
