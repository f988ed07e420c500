import "server-only";
// Usage by day and action over any time range, exact to the instant: whole UTC days come from
// daily_usage (kept in the same transaction as the events), and the partial days at either end of
// the range (a period starts at the subscription's anchor, not at midnight) from the events
// themselves — at most two days of events, whatever the history.
import { formatMoney, toDecimalString } from "@/lib/billing/money";
import { rulesFor } from "@/lib/billing/models";
import { describeAction, usageAsset } from "@/lib/billing/plans";
import { billingWords } from "@/lib/billing/words";
import { db, dbRead } from "@/lib/db/client";
import { plansById } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import { formatDate } from "@/lib/format/dates";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { actionCount, actionName } from "@/lib/billing/action-words";

type UsageRow = { day: Date; action: string; quantity: bigint; cost: bigint; overageMicros: bigint; events: bigint };

type Client = Pick<Tx, "$queryRawUnsafe">;

/** A query through the caller's Prisma client, or the pooled plain-SQL reads by default. */
function querier(client?: Client) {
  return <T,>(sql: string, params: unknown[]) => (client ? client.$queryRawUnsafe<T[]>(sql, ...params) : dbRead().query<T>(sql, params));
}
type Query = ReturnType<typeof querier>;

const DAY_MS = 86_400_000;
const midnight = (t: number) => t - (((t % DAY_MS) + DAY_MS) % DAY_MS);

type RawRow = { day: Date | string; action: string; quantity: bigint | string; cost: bigint | string; overage: bigint | string; events: bigint | string };

const toRow = (r: RawRow): UsageRow => ({
  day: new Date(typeof r.day === "string" ? `${r.day.slice(0, 10)}T00:00:00Z` : r.day),
  action: r.action,
  quantity: BigInt(r.quantity),
  cost: BigInt(r.cost),
  overageMicros: BigInt(r.overage),
  events: BigInt(r.events),
});

async function fromDaily(q: Query, customerId: string, fromDay: number, toDay: number): Promise<UsageRow[]> {
  if (fromDay >= toDay) return [];
  const rows = await q<RawRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, action, quantity, cost_amount AS cost, overage_micros AS overage, events
       FROM daily_usage WHERE customer_id = $1 AND day >= $2::date AND day < $3::date`,
    [customerId, new Date(fromDay).toISOString().slice(0, 10), new Date(toDay).toISOString().slice(0, 10)],
  );
  return rows.map(toRow);
}

async function fromEvents(q: Query, customerId: string, from: number, to: number): Promise<UsageRow[]> {
  if (from >= to) return [];
  const rows = await q<RawRow>(
    `SELECT to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, action, sum(quantity) AS quantity, sum(cost_amount) AS cost,
            sum(overage_micros) AS overage, count(*) AS events
       FROM usage_events WHERE customer_id = $1 AND timestamp >= $2 AND timestamp < $3
      GROUP BY 1, 2`,
    [customerId, new Date(from), new Date(to)],
  );
  return rows.map(toRow);
}

/** Usage of [from, to) by UTC day and action, days ascending. */
async function usageByDay(customerId: string, from: Date, to: Date, opts: { client?: Client } = {}): Promise<UsageRow[]> {
  const client = querier(opts.client);
  const f = from.getTime();
  const t = to.getTime();
  if (f >= t) return [];
  const firstFull = midnight(f) === f ? f : midnight(f) + DAY_MS;
  const lastFull = midnight(t);
  let parts: UsageRow[][];
  if (firstFull >= lastFull) {
    // No whole day inside: the range is within one or two partial days.
    parts = [await fromEvents(client, customerId, f, t)];
  } else {
    parts = await Promise.all([
      fromEvents(client, customerId, f, firstFull),
      fromDaily(client, customerId, firstFull, lastFull),
      fromEvents(client, customerId, lastFull, t),
    ]);
  }
  const merged = new Map<string, UsageRow>();
  for (const r of parts.flat()) {
    const key = `${r.day.toISOString()}|${r.action}`;
    const m = merged.get(key);
    if (!m) merged.set(key, { ...r });
    else {
      m.quantity += r.quantity;
      m.cost += r.cost;
      m.overageMicros += r.overageMicros;
      m.events += r.events;
    }
  }
  return [...merged.values()].sort((a, b) => a.day.getTime() - b.day.getTime() || (a.action < b.action ? -1 : 1));
}

/** The billing periods a customer can look at, newest first (current included). */
async function listPeriods(customerId: string, opts: { client?: Pick<Tx, "billingPeriod"> } = {}) {
  const client = opts.client ?? db();
  return client.billingPeriod.findMany({
    where: { subscription: { customerId } },
    orderBy: { periodStart: "desc" },
    take: 24,
    select: { id: true, periodStart: true, periodEnd: true, status: true },
  });
}

// ───────────────────────────── the usage page ─────────────────────────────

type UsageSelection = { periodId?: string | null; range?: string | null };

/** The rolling ranges, in days. */
const RANGES: Record<string, number> = { "7d": 7, "30d": 30, "90d": 90 };

type UsageReport = {
  asset: string;
  unitWord: string;
  choices: { value: string; label: string }[];
  selected: string;
  label: string;
  from: string;
  to: string;
  actions: { code: string; name: string }[];
  /** One point per UTC day of the range; per action the value in the usage asset, as a display number. */
  byDay: { day: string; label: string; values: Record<string, number>; totalText: string }[];
  byAction: { code: string; name: string; quantityText: string; events: string; costText: string; value: number; overageText: string | null }[];
  total: { costText: string; events: string; overageText: string | null };
  priceTable: string[];
};

/**
 * Usage of the chosen period (a billing period by id — only the customer's own — or a rolling
 * range) by day and by action, with the plan's burn / price table. Null when there is no plan.
 */
export async function getUsageReport(customerId: string, sel: UsageSelection, opts: { now?: Date } = {}): Promise<UsageReport | null> {
  const now = opts.now ?? new Date();
  const c = await db().customer.findUnique({ where: { id: customerId }, include: { subscription: true } });
  if (!c?.subscription) return null;
  const plan = (await plansById(db() as unknown as Tx, c.merchantId)).get(c.subscription.planId);
  if (!plan) return null;
  const locale = displayLocale(c.locale);
  const asset = usageAsset(plan);
  const rules = rulesFor(plan);
  const periods = await listPeriods(customerId);
  const date = (d: Date) => formatDate(d, locale);
  const t = billingWords(locale);
  const periodLabel = (p: { periodStart: Date; periodEnd: Date }, current: boolean) =>
    t(current ? "usage.currentPeriod" : "usage.period", { from: date(p.periodStart), to: date(new Date(p.periodEnd.getTime() - 1)) });
  const rangeLabel = (days: number) => t("usage.lastDays", { days });
  const currentStart = c.subscription.currentPeriodStart.getTime();
  const choices = [
    ...periods.map((p) => ({ value: `period:${p.id}`, label: periodLabel(p, p.periodStart.getTime() === currentStart) })),
    ...Object.entries(RANGES).map(([k, days]) => ({ value: `range:${k}`, label: rangeLabel(days) })),
  ];

  let from: Date;
  let to: Date;
  let selected: string;
  let label: string;
  // own keys only: "range:constructor" is no range
  const rangeDays = sel.range && Object.hasOwn(RANGES, sel.range) ? RANGES[sel.range] : undefined;
  const period = sel.periodId ? periods.find((p) => p.id === sel.periodId) : periods.find((p) => p.periodStart.getTime() === currentStart);
  if (rangeDays && sel.range) {
    to = now;
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    from = new Date(today - (rangeDays - 1) * DAY_MS);
    selected = `range:${sel.range}`;
    label = rangeLabel(rangeDays);
  } else if (period) {
    from = period.periodStart;
    to = period.periodEnd;
    selected = `period:${period.id}`;
    label = periodLabel(period, period.periodStart.getTime() === currentStart);
  } else {
    from = c.subscription.currentPeriodStart;
    to = c.subscription.currentPeriodEnd;
    selected = "";
    label = t("usage.current");
  }

  const rows = await usageByDay(customerId, from, to);
  const fmt = (amount: bigint, a: string = asset) => formatMoney({ amount, asset: a }, { locale, exact: a === plan.currency && asset === plan.currency });
  // Chart geometry only (bar heights): never used for money.
  const chartValue = (amount: bigint) => Number(toDecimalString(amount, asset));
  const actions = plan.actions.map((a) => ({ code: a.code, name: actionName(a, locale) }));
  for (const r of rows) if (!actions.some((a) => a.code === r.action)) actions.push({ code: r.action, name: r.action });

  const byDay: UsageReport["byDay"] = [];
  const lastDay = Math.min(to.getTime() - 1, Math.max(now.getTime(), from.getTime()));
  for (let d = midnight(from.getTime()); d <= lastDay; d += DAY_MS) {
    const dayRows = rows.filter((r) => r.day.getTime() === d);
    const values: Record<string, number> = {};
    for (const a of actions) values[a.code] = 0;
    for (const r of dayRows) values[r.action] = chartValue(r.cost);
    byDay.push({
      day: new Date(d).toISOString().slice(0, 10),
      label: new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(d)),
      values,
      totalText: fmt(dayRows.reduce((s, r) => s + r.cost, 0n)),
    });
  }
  const byCode = new Map(plan.actions.map((a) => [a.code, a]));
  const byAction = actions.map((a) => {
    const rs = rows.filter((r) => r.action === a.code);
    const quantity = rs.reduce((s, r) => s + r.quantity, 0n);
    const cost = rs.reduce((s, r) => s + r.cost, 0n);
    const overage = rs.reduce((s, r) => s + r.overageMicros, 0n);
    const action = byCode.get(a.code) ?? { name: a.name, unitLabel: "unit" };
    return {
      code: a.code,
      name: a.name,
      quantityText: actionCount(action, quantity, locale),
      events: new Intl.NumberFormat(locale).format(rs.reduce((s, r) => s + r.events, 0n)),
      costText: fmt(cost),
      value: chartValue(cost),
      overageText: rules.tracksOverage ? formatMoney({ amount: overage, asset: plan.currency }, { locale }) : null,
    };
  });
  const totalOverage = rows.reduce((s, r) => s + r.overageMicros, 0n);
  return {
    asset,
    unitWord: rules.usageWord,
    choices,
    selected,
    label,
    from: from.toISOString(),
    to: to.toISOString(),
    actions,
    byDay,
    byAction,
    total: {
      costText: fmt(rows.reduce((s, r) => s + r.cost, 0n)),
      events: new Intl.NumberFormat(locale).format(rows.reduce((s, r) => s + r.events, 0n)),
      overageText: rules.tracksOverage ? formatMoney({ amount: totalOverage, asset: plan.currency }, { locale }) : null,
    },
    priceTable: plan.actions.map((a) => rules.priceLine(plan, a, locale) ?? describeAction(plan, a, locale)),
  };
}

/**
 * The overview's usage figures in one query: this period's cost (exact from the period's first
 * instant: whole days from daily_usage, the period's first day from its events) and the cost of
 * each UTC day since `from` (for the forecast).
 */
export async function periodCostAndDaily(customerId: string, periodStart: Date, from: Date): Promise<{ spent: bigint; daily: { day: Date; cost: bigint }[] }> {
  const firstDay = midnight(periodStart.getTime());
  const since = Math.min(midnight(from.getTime()), firstDay);
  const rows = await dbRead().query<{ day: string; cost: string; spent: string | null }>(
    `WITH d AS (
       SELECT day, cost_amount AS cost, day > $3::date AS in_period
         FROM daily_usage WHERE customer_id = $1 AND day >= $2::date AND day <> $3::date
       UNION ALL
       SELECT $3::date, cost_amount, timestamp >= $4
         FROM usage_events WHERE customer_id = $1 AND timestamp >= $5 AND timestamp < $6)
     SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(cost)::text AS cost, (sum(cost) FILTER (WHERE in_period))::text AS spent
       FROM d GROUP BY day`,
    [customerId, new Date(since).toISOString().slice(0, 10), new Date(firstDay).toISOString().slice(0, 10), periodStart, new Date(firstDay), new Date(firstDay + DAY_MS)],
  );
  return {
    spent: rows.reduce((s, r) => s + BigInt(r.spent ?? "0"), 0n),
    daily: rows.map((r) => ({ day: new Date(`${r.day}T00:00:00Z`), cost: BigInt(r.cost) })),
  };
}
