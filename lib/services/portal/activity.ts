import "server-only";
// The customer's ledger, for the activity page, its drill-down and its CSV export. Pages are
// keyset-paginated on (customer_id, seq) — the index the ledger already has, so a page costs the
// same at the millionth row as at the first — and only transfers that touch one of the
// customer's own accounts are shown (never the merchant's books).
import { z } from "zod";
import { ACTIVITY_KINDS, csvRow, describeActivity, formatReadable, formatSigned, type ActivityLine, type WalletBucket } from "@/lib/billing/activity";
import { db, dbRead } from "@/lib/db/client";
import { plansById } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import type { TransferKind, TransferPhase } from "@/lib/ledger";
import { messagesLanguage } from "@/lib/i18n/locales";
import { say } from "@/lib/i18n/say";
import { actionName } from "@/lib/billing/action-words";

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

const CURSOR = /^\d{1,15}_\d{1,19}$/;

function parseCursor(c: string): { at: Date; seq: bigint } {
  const [ms, seq] = c.split("_");
  return { at: new Date(Number(ms)), seq: BigInt(seq!) };
}

const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dates")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "noSuchDate");

/**
 * The filter as it appears in the URL (?kind=usage&from=2026-11-01&to=2026-11-30&before=…). The
 * list is newest first by the time each movement took effect (ties by ledger order); a page cursor
 * is that position, "<effective time in ms>_<seq>".
 */
const activityQuerySchema = z.object({
  kind: z.enum(ACTIVITY_KINDS as [TransferKind, ...TransferKind[]]).optional(),
  from: dateText.optional(),
  to: dateText.optional(),
  before: z.string().regex(CURSOR).optional(),
  after: z.string().regex(CURSOR).optional(),
});

export type ActivityQuery = z.infer<typeof activityQuerySchema>;

// Why a filter was dropped, as a key of the `actions` messages (activityFilter.<key>): the dates'
// own messages, else the field's (an English reader keeps zod's words, as before).
const OWN_REASONS = new Set(["dates", "noSuchDate"]);

function reasonOf(issue: z.core.$ZodIssue, locale: string): string {
  if (OWN_REASONS.has(issue.message)) return say(locale, "actions")(`activityFilter.${issue.message}`);
  if (messagesLanguage(locale) === "en") return issue.message;
  return say(locale, "actions")(issue.path[0] === "kind" ? "activityFilter.unknownKind" : "activityFilter.badPage");
}

/** Parse the URL's search params; anything invalid is dropped with a message (in `locale`), never trusted. */
export function parseActivityQuery(params: Record<string, string | string[] | undefined>, locale = "en-US"): { query: ActivityQuery; error: string | null } {
  const t = say(locale, "actions");
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && s !== "") flat[k] = s;
  }
  const parsed = activityQuerySchema.safeParse(flat);
  if (parsed.success) {
    if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) {
      return { query: { kind: parsed.data.kind }, error: t("activityFilter.startAfterEnd") };
    }
    return { query: parsed.data, error: null };
  }
  // Keep the valid parts.
  const query: ActivityQuery = {};
  for (const key of ["kind", "from", "to", "before", "after"] as const) {
    const one = activityQuerySchema.shape[key].safeParse(flat[key]);
    if (one.success && one.data !== undefined) (query as Record<string, string>)[key] = one.data;
  }
  const issue = parsed.error.issues[0];
  return { query, error: issue === undefined ? null : t("activityFilter.ignored", { reason: reasonOf(issue, locale) }) };
}

type Row = {
  seq: bigint;
  id: string;
  kind: TransferKind;
  phase: TransferPhase;
  asset: string;
  amount: bigint;
  refs: unknown;
  reason: string | null;
  actor: string | null;
  effective_at: Date;
  created_at: Date;
  reverses_id: string | null;
  pending_id: string | null;
  d_customer: string | null;
  d_bucket: WalletBucket;
  d_expires: Date | null;
  c_customer: string | null;
  c_bucket: WalletBucket;
  c_expires: Date | null;
};

type ActivityItem = {
  seq: string;
  /** This row's position in the list (see the query's before/after). */
  cursor: string;
  id: string;
  kind: TransferKind;
  phase: TransferPhase;
  effectiveAt: Date;
  line: ActivityLine;
  amountText: string;
  asset: string;
  hasEvents: boolean;
};

const SELECT = `SELECT t.seq, t.id, t.kind::text AS kind, t.phase::text AS phase, t.asset, t.amount, t.refs, t.reason, t.actor,
        t.effective_at, t.created_at, t.reverses_id, t.pending_id,
        d.customer_id AS d_customer, d.bucket::text AS d_bucket, d.expires_at AS d_expires,
        c.customer_id AS c_customer, c.bucket::text AS c_bucket, c.expires_at AS c_expires
   FROM ledger_transfers t
   JOIN ledger_accounts d ON d.id = t.debit_account_id
   JOIN ledger_accounts c ON c.id = t.credit_account_id`;

/** WHERE clause and parameters of a filter ($1 is the customer). */
function where(customerId: string, q: ActivityQuery) {
  const params: unknown[] = [customerId];
  const parts = ["t.customer_id = $1", "(d.customer_id = $1 OR c.customer_id = $1)"];
  if (q.kind) {
    params.push(q.kind);
    parts.push(`t.kind = $${params.length}::"TransferKind"`);
  }
  if (q.from) {
    params.push(new Date(`${q.from}T00:00:00Z`));
    parts.push(`t.effective_at >= $${params.length}`);
  }
  if (q.to) {
    params.push(new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS));
    parts.push(`t.effective_at < $${params.length}`);
  }
  return { parts, params };
}

type Client = Pick<Tx, "$queryRawUnsafe">;

/** The plans' action names in the reader's language (English for the CSV export). */
async function actionNames(customerId: string, locale = "en-US"): Promise<Map<string, string>> {
  const [c] = await dbRead().query<{ merchant_id: string }>(`SELECT merchant_id FROM customers WHERE id = $1`, [customerId]);
  const names = new Map<string, string>();
  if (!c) return names;
  for (const p of (await plansById(db() as unknown as Tx, c.merchant_id)).values()) for (const a of p.actions) if (!names.has(a.code)) names.set(a.code, actionName(a, locale));
  return names;
}

function toItem(r: Row, customerId: string, names: Map<string, string>, locale: string): ActivityItem {
  const line = describeActivity(
    {
      kind: r.kind,
      phase: r.phase,
      asset: r.asset,
      amount: BigInt(r.amount),
      refs: (typeof r.refs === "string" ? JSON.parse(r.refs) : r.refs ?? {}) as Record<string, unknown>,
      reason: r.reason,
      debit: { customerId: r.d_customer, bucket: r.d_bucket },
      credit: { customerId: r.c_customer, bucket: r.c_bucket },
    },
    customerId,
    names,
    locale,
  );
  return {
    seq: String(r.seq),
    cursor: `${new Date(r.effective_at).getTime()}_${r.seq}`,
    id: r.id,
    kind: r.kind,
    phase: r.phase,
    effectiveAt: new Date(r.effective_at),
    line,
    amountText: formatSigned(line, r.asset, locale),
    asset: r.asset,
    hasEvents: r.kind === "usage",
  };
}

type ActivityPage = { items: ActivityItem[]; newer: string | null; older: string | null };

/** The SQL of one page (exported for the query-plan test). */
export function activityPageSql(customerId: string, q: ActivityQuery, limit: number) {
  const { parts, params } = where(customerId, q);
  let order: "ASC" | "DESC" = "DESC";
  const cursor = q.after ?? q.before;
  if (cursor) {
    const c = parseCursor(cursor);
    params.push(c.at, c.seq);
    parts.push(`(t.effective_at, t.seq) ${q.after ? ">" : "<"} ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    if (q.after) order = "ASC";
  }
  params.push(limit + 1);
  return { sql: `${SELECT} WHERE ${parts.join(" AND ")} ORDER BY t.effective_at ${order}, t.seq ${order} LIMIT $${params.length}`, params, order };
}

/** One page of the customer's activity, newest first. `before`/`after` are row cursors (`ActivityItem.cursor`). */
export async function listActivity(customerId: string, q: ActivityQuery, opts: { limit?: number; locale?: string; client?: Client } = {}): Promise<ActivityPage> {
  const limit = opts.limit ?? PAGE_SIZE;
  const { sql, params, order } = activityPageSql(customerId, q, limit);
  const rows = opts.client ? await opts.client.$queryRawUnsafe<Row[]>(sql, ...params) : await dbRead().query<Row>(sql, params.map((p) => (typeof p === "bigint" ? p.toString() : p)));
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (order === "ASC") page.reverse();
  const names = await actionNames(customerId, opts.locale);
  const items = page.map((r) => toItem(r, customerId, names, opts.locale ?? "en-US"));
  const first = items[0]?.cursor ?? null;
  const last = items.at(-1)?.cursor ?? null;
  // Going back (after=…): there is an older page (the one we came from) and a newer one if more.
  const newer = q.after ? (more ? first : null) : q.before ? first : null;
  const older = q.after ? last : more ? last : null;
  return { items, newer, older };
}

/** The filtered activity as CSV, streamed a page at a time (never the whole history in memory). */
export function activityCsvStream(customerId: string, q: Omit<ActivityQuery, "before" | "after">, opts: { locale?: string; pageSize?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pageSize = opts.pageSize ?? 1_000;
  let cursor: string | undefined;
  let names: Map<string, string> | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          names = await actionNames(customerId);
          controller.enqueue(encoder.encode(`${["date", "activity", "description", "bucket", "amount", "asset", "transfer_id"].join(",")}\r\n`));
          return;
        }
        const { parts, params } = where(customerId, q);
        if (cursor) {
          const c = parseCursor(cursor);
          params.push(c.at, c.seq);
          parts.push(`(t.effective_at, t.seq) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
        }
        params.push(pageSize);
        const rows = await dbRead().query<Row>(`${SELECT} WHERE ${parts.join(" AND ")} ORDER BY t.effective_at DESC, t.seq DESC LIMIT $${params.length}`, params.map((p) => (typeof p === "bigint" ? p.toString() : p)));
        if (rows.length === 0) {
          controller.close();
          return;
        }
        const lastRow = rows.at(-1)!;
        cursor = `${new Date(lastRow.effective_at).getTime()}_${lastRow.seq}`;
        const text = rows
          .map((r) => {
            const item = toItem(r, customerId, names!, opts.locale ?? "en-US");
            return csvRow({ date: item.effectiveAt, line: item.line, asset: item.asset, transferId: item.id });
          })
          .join("\r\n");
        controller.enqueue(encoder.encode(`${text}\r\n`));
        if (rows.length < pageSize) controller.close();
      } catch (e) {
        controller.error(e);
      }
    },
  });
}

// ───────────────────────────── drill-down ─────────────────────────────

type TransferDetail = {
  item: ActivityItem;
  recordedAt: Date;
  reason: string | null;
  actor: string | null;
  reverses: string | null;
  reversedBy: { id: string; amountText: string }[];
  hold: string | null;
  events: { eventId: string; action: string; quantity: bigint; timestamp: Date; chargedText: string; pk: string }[];
  eventsTotal: number;
  nextEvents: string | null;
};

const EVENTS_PAGE = 50;

/** One of the customer's transfers and the usage events behind it; null for anything else. */
export async function getTransferDetail(customerId: string, transferId: string, opts: { locale?: string; eventsAfter?: string | null } = {}): Promise<TransferDetail | null> {
  if (transferId.length > 300) return null;
  const { parts, params } = where(customerId, {});
  params.push(transferId);
  parts.push(`t.id = $${params.length}`);
  const [row] = await db().$queryRawUnsafe<Row[]>(`${SELECT} WHERE ${parts.join(" AND ")}`, ...params);
  if (!row) return null;
  const locale = opts.locale ?? "en-US";
  const names = await actionNames(customerId, locale);
  const item = toItem(row, customerId, names, locale);
  const reversals = await db().$queryRawUnsafe<{ id: string; amount: bigint; asset: string }[]>(
    `SELECT id, amount, asset FROM ledger_transfers WHERE reverses_id = $1 AND customer_id = $2 ORDER BY seq`,
    transferId,
    customerId,
  );
  const after = opts.eventsAfter && /^\d{1,19}$/.test(opts.eventsAfter) ? BigInt(opts.eventsAfter) : 0n;
  const events = await db().$queryRawUnsafe<{ pk: bigint; event_id: string; action: string; quantity: bigint; timestamp: Date; amount: bigint; asset: string }[]>(
    `SELECT e.pk, e.event_id, e.action, e.quantity, e.timestamp, ch.amount, ch.asset
       FROM usage_charges ch JOIN usage_events e ON e.pk = ch.event_pk
      WHERE ch.transfer_id = $1 AND e.customer_id = $2 AND ch.event_pk > $3
      ORDER BY ch.event_pk LIMIT $4`,
    transferId,
    customerId,
    after,
    EVENTS_PAGE + 1,
  );
  const [{ n }] = (await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM usage_charges WHERE transfer_id = $1`, transferId)) as [{ n: bigint }];
  const page = events.slice(0, EVENTS_PAGE);
  return {
    item,
    recordedAt: new Date(row.created_at),
    reason: row.reason,
    actor: row.actor,
    reverses: row.reverses_id,
    reversedBy: reversals.map((r) => ({ id: r.id, amountText: formatReadable(BigInt(r.amount), r.asset, locale) })),
    hold: row.pending_id,
    events: page.map((e) => ({
      pk: String(e.pk),
      eventId: e.event_id,
      action: names.get(e.action) ?? e.action,
      quantity: BigInt(e.quantity),
      timestamp: new Date(e.timestamp),
      chargedText: formatReadable(BigInt(e.amount), e.asset, locale),
    })),
    eventsTotal: Number(n),
    nextEvents: events.length > EVENTS_PAGE ? String(page.at(-1)!.pk) : null,
  };
}
