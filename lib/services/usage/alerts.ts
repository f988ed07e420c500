import "server-only";
// The customer's alerts and caps: the evaluation that follows recorded usage (and a settings
// change, alert-settings.ts), and the banners the portal shows. Evaluation reads the touched
// wallets with two set-based queries and writes only when an alert is due that was not sent
// yet (one notification per dedupe key, delivered by the notification.dispatch job).
import { displayLocale, storedLocale } from "@/lib/i18n/locale-scope";
import { periodAccountId } from "@/lib/billing/accounts";
import { dueAlerts, type AlertState } from "@/lib/billing/alerts";
import { rulesFor } from "@/lib/billing/models";
import { planColumns, usageAsset } from "@/lib/billing/plans";
import { db, dbRead } from "@/lib/db/client";
import { plansById } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import type { AssetCode } from "@/lib/ledger/assets";
import { notify } from "../webhooks/notifications";
import { readersWords } from "./notices";
import type { UsageTouched } from "./usage-follower";

type CustomerRow = {
  id: string;
  merchant_id: string;
  locale: string | null;
  low_balance_threshold: bigint | null;
  usage_alert_percents: number[];
  plan_id: string;
  status: string;
  current_period_start: Date;
  current_period_end: Date;
  spending_cap_micros: bigint | null;
};

type AccountRow = { customer_id: string; id: string; bucket: string; posted_credits: bigint; posted_debits: bigint; pending_debits: bigint };

/** The alerts due now for these customers (of one merchant, or any when merchantId is null). */
async function alertStates(tx: Tx, customerIds: string[], now: Date): Promise<Map<string, { state: AlertState; locale: string }>> {
  const customers = await tx.$queryRawUnsafe<CustomerRow[]>(
    `SELECT c.id, c.merchant_id, c.locale, c.low_balance_threshold, c.usage_alert_percents, s.plan_id, s.status::text AS status,
            s.current_period_start, s.current_period_end, s.spending_cap_micros
       FROM customers c JOIN subscriptions s ON s.customer_id = c.id
      WHERE c.id = ANY($1::text[])`,
    customerIds,
  );
  const out = new Map<string, { state: AlertState; locale: string }>();
  if (customers.length === 0) return out;
  const periodIds = customers.flatMap((c) =>
    (["included_usage", "plan_credits", "overage"] as const).map((b) => periodAccountId(c.id, b, new Date(c.current_period_start))),
  );
  const accounts = await tx.$queryRawUnsafe<AccountRow[]>(
    `SELECT customer_id, id, bucket::text AS bucket, posted_credits, posted_debits, pending_debits
       FROM ledger_accounts
      WHERE customer_id = ANY($1::text[])
        AND (id = ANY($2::text[]) OR bucket = 'balance'
             OR (bucket = 'purchased_credits' AND expires_at > $3 AND posted_credits - posted_debits - pending_debits > 0))`,
    customers.map((c) => c.id),
    periodIds,
    now,
  );
  const byCustomer = new Map<string, AccountRow[]>();
  for (const a of accounts) byCustomer.set(a.customer_id, [...(byCustomer.get(a.customer_id) ?? []), a]);

  for (const c of customers) {
    const plan = (await plansById(tx, c.merchant_id)).get(c.plan_id);
    if (!plan || c.status === "canceled") continue;
    const asset: AssetCode = usageAsset(plan);
    const rows = byCustomer.get(c.id) ?? [];
    const periodStart = new Date(c.current_period_start);
    const find = (bucket: string) => rows.find((r) => r.id === periodAccountId(c.id, bucket as "included_usage", periodStart));
    const avail = (r: AccountRow) => BigInt(r.posted_credits) - BigInt(r.posted_debits) - BigInt(r.pending_debits);
    const rules = rulesFor(plan);
    const allowanceRow = rules.allowanceBucket ? find(rules.allowanceBucket) : undefined;
    const overageRow = find("overage");
    const spendable = rows.filter((r) => r.bucket === "balance" || r.bucket === "purchased_credits" || r === allowanceRow);
    const state: AlertState = {
      model: plan.model,
      currency: plan.currency,
      periodStart,
      periodEnd: new Date(c.current_period_end),
      allowance: allowanceRow
        ? { asset, granted: BigInt(allowanceRow.posted_credits), used: BigInt(allowanceRow.posted_credits) - avail(allowanceRow) }
        : null,
      percents: c.usage_alert_percents,
      usable:
        rules.lowBalanceWords === null
          ? null
          : {
              asset,
              available: spendable.reduce((s, r) => s + avail(r), 0n),
              credited: spendable.reduce((s, r) => s + BigInt(r.posted_credits), 0n),
            },
      lowBalanceThreshold: c.low_balance_threshold === null ? null : BigInt(c.low_balance_threshold),
      overage:
        rules.tracksOverage
          ? {
              policy: plan.zeroBalancePolicy,
              unitPriceMicros: planColumns(plan).overagePriceMicros ?? 0n,
              accruedMicros: overageRow ? BigInt(overageRow.posted_debits) + BigInt(overageRow.pending_debits) - BigInt(overageRow.posted_credits) : 0n,
              capMicros: c.spending_cap_micros === null ? null : BigInt(c.spending_cap_micros),
            }
          : null,
    };
    out.set(c.id, { state, locale: storedLocale(c.locale) });
  }
  return out;
}

/** Record the alerts that are due and were not sent yet. Returns the new notifications' keys. */
export async function evaluateAlerts(tx: Tx, customerIds: string[], now: Date): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const states = await alertStates(tx, customerIds, now);
  const due = [...states].flatMap(([customerId, { state, locale }]) => dueAlerts(state, locale).map((a) => ({ customerId, ...a })));
  if (due.length === 0) return [];
  // Most batches after a crossing find the alert already sent: one read, no write.
  const sent = await tx.$queryRawUnsafe<{ customer_id: string; dedupe_key: string }[]>(
    `SELECT customer_id, dedupe_key FROM notifications WHERE customer_id = ANY($1::text[]) AND dedupe_key = ANY($2::text[])`,
    [...new Set(due.map((d) => d.customerId))],
    [...new Set(due.map((d) => d.dedupeKey))],
  );
  const seen = new Set(sent.map((s) => `${s.customer_id}|${s.dedupe_key}`));
  const created: string[] = [];
  for (const d of due) {
    if (seen.has(`${d.customerId}|${d.dedupeKey}`)) continue;
    const isNew = await notify(tx, { customerId: d.customerId, type: d.type, dedupeKey: d.dedupeKey, title: d.title, body: d.body, data: d.data, now });
    if (isNew) created.push(d.dedupeKey);
  }
  return created;
}

/** The usage follower (lib/services/usage/usage-hooks.ts). */
export async function alertsAfterUsage(tx: Tx, touched: UsageTouched): Promise<void> {
  await evaluateAlerts(tx, touched.customerIds, touched.now);
}

// ───────────────────────────── banners ─────────────────────────────

export type Banner = { id: string; type: string; title: string; body: string; createdAt: string; tone: "info" | "warn" | "danger" };

const BANNER_TYPES = ["usage.threshold", "balance.low", "payment.failed", "auto_top_up.failed"];
const PAYMENT_FAILURES = new Set(["payment.failed", "auto_top_up.failed"]);

function bannerTone(type: string, key: string): Banner["tone"] {
  if (type === "payment.failed" || type === "auto_top_up.failed" || key.startsWith("usage.cap:")) return "danger";
  if (type === "balance.low" || key.startsWith("usage.overage:") || key.startsWith("usage.threshold:100:")) return "warn";
  return "info";
}

/**
 * Alerts the account has not dismissed, newest first: usage alerts of the current period only
 * (their keys end with the period start), others from the last 31 days.
 */
export async function listBanners(customerId: string, opts: { periodStart?: Date | null; limit?: number; now?: Date } = {}): Promise<Banner[]> {
  const since = new Date((opts.now ?? new Date()).getTime() - 31 * 86_400_000);
  const raw = await dbRead().query<{ id: string; type: string; title: string; body: string; data: unknown; created_at: Date; dedupe_key: string; dismissed_at: Date | null; last_success: Date | null }>(
      `SELECT id, type, title, body, data, created_at, dedupe_key, dismissed_at,
              (SELECT max(coalesce(py.credited_at, py.updated_at)) FROM payments py WHERE py.customer_id = $1 AND py.status = 'succeeded') AS last_success
         FROM notifications
        WHERE customer_id = $1 AND type = ANY($2::text[]) AND created_at >= $3
          -- a failed renewal has its own banner while the subscription is past due (PastDueBanner)
          AND NOT (type = 'payment.failed' AND coalesce(data->>'purpose', '') = 'subscription')
          AND (type <> 'usage.threshold' OR ($4::text IS NOT NULL AND right(dedupe_key, length($4::text) + 1) = ':' || $4::text))
        ORDER BY created_at DESC, id DESC LIMIT 20`,
      [customerId, BANNER_TYPES, since, opts.periodStart?.toISOString() ?? null],
    );
  const lastSuccess = raw[0]?.last_success ? new Date(raw[0].last_success).getTime() : null;
  const rows = raw.map((r) => ({ id: r.id, type: r.type, title: r.title, body: r.body, data: r.data, createdAt: new Date(r.created_at), dedupeKey: r.dedupe_key, dismissedAt: r.dismissed_at }));
  // One usage banner says it all: the cap beats overage, overage beats "100 %", and of the
  // percentages only the highest is shown (each was still sent on its own) — even once dismissed,
  // a higher one keeps the lower ones hidden.
  const has = (prefix: string) => rows.some((r) => r.dedupeKey.startsWith(prefix));
  const pct = (key: string) => Number(/^usage\.threshold:(\d+):/.exec(key)?.[1] ?? -1);
  const topPct = Math.max(-1, ...rows.map((r) => pct(r.dedupeKey)));
  // Payment failures: a card that has since been charged successfully clears them, and of the
  // rest only the newest is shown (one banner, not one per failed attempt).
  const newestFailure = rows.find((r) => PAYMENT_FAILURES.has(r.type) && !r.dismissedAt && (lastSuccess === null || r.createdAt.getTime() > lastSuccess));
  const shown = rows.filter((r) => {
    if (PAYMENT_FAILURES.has(r.type)) return r === newestFailure;
    if (r.dismissedAt) return false;
    if (r.dedupeKey.startsWith("usage.overage:")) return !has("usage.cap:");
    const p = pct(r.dedupeKey);
    if (p < 0) return true;
    if (has("usage.cap:") || has("usage.overage:")) return false;
    return p === topPct;
  });
  const banners = shown.slice(0, opts.limit ?? 4);
  // in the reader's language when both sentences can be worded again (never half one, half the other)
  const said = await readersWords(customerId, banners, displayLocale(null));
  return banners.map((r, i) => {
    const { title, body } = said[i]!;
    const worded = title !== null && body !== null;
    return { id: r.id, type: r.type, title: worded ? title : r.title, body: worded ? body : r.body, createdAt: r.createdAt.toISOString(), tone: bannerTone(r.type, r.dedupeKey) };
  });
}

/** Dismiss one of the account's banners. Another account's id is simply not found. */
export async function dismissBanner(customerId: string, notificationId: string, now = new Date()): Promise<boolean> {
  const r = await db().notification.updateMany({ where: { id: notificationId, customerId, dismissedAt: null }, data: { dismissedAt: now } });
  return r.count > 0;
}

/** The account's ten newest alerts, dismissed or not (Settings → Alerts & caps), titled in the reader's language. */
export async function recentAlerts(customerId: string, take = 10) {
  const rows = await db().notification.findMany({ where: { customerId }, orderBy: { createdAt: "desc" }, take, select: { id: true, type: true, dedupeKey: true, title: true, body: true, data: true, createdAt: true, dismissedAt: true } });
  const said = await readersWords(customerId, rows, displayLocale(null));
  return rows.map((r, i) => ({ id: r.id, title: said[i]!.title ?? r.title, createdAt: r.createdAt, dismissedAt: r.dismissedAt }));
}
