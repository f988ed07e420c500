import "server-only";
// The portal overview's numbers for one customer account, per consumption model, as plain JSON
// (amounts as integer strings in minor units, beside their display text): the page renders it
// on the server, and GET /api/portal/wallet serves it again every few seconds (live meters).
import { describeForecast, forecast, SUGGESTION_LINKS, type Forecast } from "@/lib/billing/forecast";
import { formatMoney } from "@/lib/billing/money";
import { describePolicies, usageAsset } from "@/lib/billing/plans";
import type { AssetCode } from "@/lib/ledger/assets";
import { dbRead } from "@/lib/db/client";
import { periodCostAndDaily } from "./usage-report";
import { getWallet } from "./wallet";
import { formatDate } from "@/lib/format/dates";

type Amount = { amount: string; formatted: string };

export type OverviewData = {
  customerId: string;
  /** When these figures were read (ISO). */
  asOf: string;
  /** Changes when a new alert is recorded (the page then refreshes its banners). */
  alertsKey: string;
  plan: { name: string; code: string; model: "metered" | "credits" | "balance"; policies: string[] } | null;
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
  metered: {
    granted: Amount;
    used: Amount;
    left: Amount;
    usedPercent: number;
    policy: string;
    overageUnits: Amount;
    overageCost: Amount;
    unitPrice: Amount;
    cap: Amount | null;
    capUsedPercent: number | null;
    capReached: boolean;
  } | null;
  credits: {
    plan: { granted: Amount; used: Amount; left: Amount; usedPercent: number; resetsText: string } | null;
    purchased: { total: Amount; lots: { id: string; left: Amount; expiresText: string | null }[] };
    order: string;
  } | null;
  balance: { left: Amount; grant: Amount | null } | null;
  forecast: {
    text: string;
    tone: "ok" | "warn" | "danger";
    runsOutAt: string | null;
    withinPeriod: boolean;
    action: { label: string; href: string } | null;
  } | null;
};

const STATUS_LABELS: Record<string, string> = { active: "Active", past_due: "Past due", suspended: "Suspended", canceled: "Canceled" };

/** Share of `part` in `whole` as a display percentage (0–100, one decimal): display only. */
function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  const p = (part * 1000n) / whole;
  return Math.min(1000, Math.max(0, Number(p))) / 10;
}

export async function getOverview(customerId: string, opts: { now?: Date } = {}): Promise<OverviewData | null> {
  const now = opts.now ?? new Date();
  const [wallet, [latest]]: [Awaited<ReturnType<typeof getWallet>>, { id: string }[]] = await Promise.all([
    getWallet(customerId, { now }),
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
    plan: plan && { name: plan.name, code: plan.code, model: plan.model, policies: describePolicies(plan, locale) },
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
  const usage = await periodCostAndDaily(customerId, sub.periodStart, new Date(today - 7 * 86_400_000));
  data.spentThisPeriod = amount(usage.spent, asset);

  let remaining = wallet.usable.available;
  let overageInput = null;
  if (plan.model === "metered") {
    const inc = wallet.included ?? { granted: 0n, used: 0n, left: 0n };
    const ov = wallet.overage ?? { accruedMicros: 0n, capMicros: null };
    const price = plan.overagePriceMicros ?? 0n;
    remaining = inc.left;
    overageInput = { policy: plan.zeroBalancePolicy, unitPriceMicros: price, accruedMicros: ov.accruedMicros, capMicros: ov.capMicros };
    data.metered = {
      granted: amount(inc.granted, asset),
      used: amount(inc.used, asset),
      left: amount(inc.left, asset),
      usedPercent: percent(inc.used, inc.granted),
      policy: plan.zeroBalancePolicy,
      overageUnits: amount(price > 0n ? ov.accruedMicros / price : 0n, asset),
      overageCost: amount(ov.accruedMicros, "USD", true),
      unitPrice: amount(price, "USD", true),
      cap: ov.capMicros === null ? null : amount(ov.capMicros, "USD"),
      capUsedPercent: ov.capMicros === null ? null : ov.capMicros === 0n ? 100 : percent(ov.accruedMicros, ov.capMicros),
      capReached: ov.capMicros !== null && ov.accruedMicros + price > ov.capMicros,
    };
  } else if (plan.model === "credits") {
    const planBucket = wallet.buckets.find((b) => b.bucket === "plan_credits");
    const lots = wallet.buckets.filter((b) => b.bucket === "purchased_credits");
    data.credits = {
      plan: planBucket
        ? {
            granted: amount(planBucket.credited, asset),
            used: amount(planBucket.credited - planBucket.available, asset),
            left: amount(planBucket.available, asset),
            usedPercent: percent(planBucket.credited - planBucket.available, planBucket.credited),
            resetsText: date(sub.periodEnd),
          }
        : null,
      purchased: {
        total: amount(lots.reduce((s, l) => s + l.available, 0n), asset),
        lots: lots.map((l) => ({ id: l.accountId, left: amount(l.available, asset), expiresText: l.expiresAt ? date(l.expiresAt) : null })),
      },
      order: "Plan credits are spent first, then purchased credits, the ones expiring soonest first.",
    };
  } else {
    data.balance = { left: amount(wallet.usable.available, asset), grant: plan.grantMicros ? amount(plan.grantMicros, "USD") : null };
  }

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
  const link = f.suggestion === "none" ? null : SUGGESTION_LINKS[f.suggestion];
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
