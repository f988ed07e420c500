import "server-only";
// Archiving old usage months (`npm run usage:archive -- --before 2026-01`): the month partitions of
// usage_events and usage_charges strictly before a month are detached — oldest first, so what stays
// attached is always the newest, unbroken stretch of history — once nothing can still need them:
//   1. the month is before the current UTC month;
//   2. every billing period overlapping it is closed and invoiced;
//   3. every event in it belongs to such a period (customer + period start);
//   4. `billing:reconcile` of the periods starting in it agrees (it reads their events, which may
//      run into the next month — still attached, since archiving goes oldest first).
// The first month that fails a rule stops the run, with the reason. The exactly-once keys
// (usage_event_keys) stay: an archived event id sent again is still a duplicate. Ledger, invoices
// and daily aggregates are untouched; only the per-event detail moves out.
// On PostgreSQL the detaches are CONCURRENTLY (ingestion and reads go on); on the embedded
// database, plain, in one transaction.
import type { DbHandle } from "@/lib/db/client";
import type { SqlExecutor } from "@/lib/db/migrate";
import { monthRange, reconcileBilling } from "@/lib/services/cycle/billing-reconcile";

type ArchivedMonth = { month: string; events: number; charges: number; tables: [string, string] };
type ArchiveResult = { detached: ArchivedMonth[]; stopped: { month: string; reason: string } | null };

const suffixOf = (month: string) => month.replace("-", "_");
const monthOf = (suffix: string) => suffix.replace("_", "-");

async function attachedMonths(raw: SqlExecutor, parent: "usage_events" | "usage_charges"): Promise<{ month: string; pending: boolean }[]> {
  const rows = await raw.query<{ relname: string; pending: boolean }>(
    `SELECT c.relname, i.inhdetachpending AS pending FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = $1::regclass ORDER BY c.relname`,
    [parent],
  );
  return rows.map((r) => ({ month: monthOf(r.relname.slice(parent.length + 1)), pending: r.pending }));
}

async function count(raw: SqlExecutor, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await raw.query<{ n: string | number }>(sql, params);
  return Number(row?.n ?? 0);
}

/** Why a month may not be archived yet, or null when it may. */
async function refusal(h: DbHandle, month: string, now: Date): Promise<string | null> {
  const { from, to } = monthRange(month);
  if (to.getTime() > Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)) return "it is the current month or later";
  const [open] = await h.raw.query<{ n: string; example: string | null }>(
    `SELECT count(*) AS n, min(c.external_id || ' (' || to_char(p.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' – ' || to_char(p.period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ', ' ||
              CASE WHEN p.status <> 'closed' THEN 'open' ELSE 'not invoiced' END || ')') AS example
       FROM billing_periods p JOIN subscriptions s ON s.id = p.subscription_id JOIN customers c ON c.id = s.customer_id
      WHERE p.period_start < $2 AND p.period_end > $1 AND (p.status <> 'closed' OR p.invoiced_at IS NULL)`,
    [from, to],
  );
  if (Number(open!.n) > 0) return `${open!.n} billing period(s) overlapping it are still open or not invoiced, e.g. ${open!.example}`;
  const [loose] = await h.raw.query<{ customer_id: string; period_start: Date }>(
    `SELECT e.customer_id, e.period_start FROM (SELECT DISTINCT customer_id, period_start FROM "usage_events_${suffixOf(month)}") e
      WHERE NOT EXISTS (SELECT 1 FROM billing_periods p JOIN subscriptions s ON s.id = p.subscription_id
                         WHERE s.customer_id = e.customer_id AND p.period_start = e.period_start AND p.status = 'closed' AND p.invoiced_at IS NOT NULL)
      LIMIT 1`,
  );
  if (loose) return `it holds usage of customer ${loose.customer_id} for a period starting ${new Date(loose.period_start).toISOString()} that is not closed and invoiced`;
  const report = await reconcileBilling(month, h.prisma);
  if (report.differences.length > 0) return `billing:reconcile --period ${month} reports ${report.differences.length} difference(s), e.g. ${report.differences[0]}`;
  return null;
}

async function fkOf(raw: SqlExecutor, table: string): Promise<string | null> {
  // the detached table's own key (its per-referenced-partition children go with it)
  const [row] = await raw.query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' AND conparentid = 0`, [table]);
  return row?.conname ?? null;
}

async function detach(h: DbHandle, month: string, chargesAttached: boolean): Promise<void> {
  const s = suffixOf(month);
  const postgres = h.mode.kind === "postgres";
  const how = postgres ? " CONCURRENTLY" : "";
  // Charges first (they reference the events); the detached charges keep no foreign key, so the
  // events' partition can follow. Each step can be re-run after a crash.
  if (!postgres) await h.raw.exec("BEGIN");
  try {
    if (chargesAttached) await h.raw.exec(`ALTER TABLE usage_charges DETACH PARTITION "usage_charges_${s}"${how}`);
    const fk = await fkOf(h.raw, `usage_charges_${s}`);
    if (fk) await h.raw.exec(`ALTER TABLE "usage_charges_${s}" DROP CONSTRAINT "${fk}"`);
    await h.raw.exec(`ALTER TABLE usage_events DETACH PARTITION "usage_events_${s}"${how}`);
    if (!postgres) await h.raw.exec("COMMIT");
  } catch (e) {
    if (!postgres) await h.raw.exec("ROLLBACK");
    throw e;
  }
}

/** Detach the usage months strictly before `before` (yyyy-mm) that the rules above allow. */
export async function archiveUsageBefore(h: DbHandle, before: string, now = new Date()): Promise<ArchiveResult> {
  const limit = monthRange(before).from;
  const result: ArchiveResult = { detached: [], stopped: null };
  // A detach interrupted half-way on PostgreSQL is finished first.
  for (const parent of ["usage_charges", "usage_events"] as const) {
    for (const m of await attachedMonths(h.raw, parent)) {
      if (m.pending) await h.raw.exec(`ALTER TABLE ${parent} DETACH PARTITION "${parent}_${suffixOf(m.month)}" FINALIZE`);
    }
  }
  const charges = new Set((await attachedMonths(h.raw, "usage_charges")).map((m) => m.month));
  for (const { month } of await attachedMonths(h.raw, "usage_events")) {
    if (monthRange(month).from.getTime() >= limit.getTime()) break;
    const why = await refusal(h, month, now);
    if (why) {
      result.stopped = { month, reason: why };
      break;
    }
    const s = suffixOf(month);
    const events = await count(h.raw, `SELECT count(*) AS n FROM "usage_events_${s}"`);
    const chargeRows = await count(h.raw, `SELECT count(*) AS n FROM "usage_charges_${s}"`);
    await detach(h, month, charges.has(month));
    result.detached.push({ month, events, charges: chargeRows, tables: [`usage_events_${s}`, `usage_charges_${s}`] });
  }
  return result;
}

/** Drop the tables of an archived (detached) month; refuses a month that is still attached. */
export async function dropArchivedMonth(h: DbHandle, month: string): Promise<string[]> {
  monthRange(month);
  if ((await attachedMonths(h.raw, "usage_events")).some((m) => m.month === month)) {
    throw new Error(`Usage month ${month} is still attached: archive it first (npm run usage:archive -- --before …).`);
  }
  const s = suffixOf(month);
  const tables = [`usage_charges_${s}`, `usage_events_${s}`];
  const present = await h.raw.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r'`, [tables]);
  if (present.length === 0) throw new Error(`No archived tables for usage month ${month}.`);
  const drop = tables.filter((t) => present.some((p) => p.t === t));
  await h.raw.exec(`DROP TABLE ${drop.map((t) => `"${t}"`).join(", ")}`);
  return drop;
}

/** What the command prints: what was detached, why it stopped, and how to keep and drop the tables. */
export function formatArchiveReport(r: ArchiveResult, mode: DbHandle["mode"]["kind"]): string {
  const lines: string[] = [];
  if (r.detached.length === 0) lines.push("No usage month detached.");
  for (const d of r.detached) {
    lines.push(`Detached usage month ${d.month}: ${d.tables[0]} (${d.events.toLocaleString("en-US")} events), ${d.tables[1]} (${d.charges.toLocaleString("en-US")} charges).`);
  }
  if (r.stopped) lines.push(`Stopped at ${r.stopped.month}: ${r.stopped.reason}.`);
  if (r.detached.length > 0) {
    const tables = r.detached.flatMap((d) => d.tables);
    lines.push("", "Portico no longer reads these tables; they stay in the database until you drop them.");
    if (mode === "postgres") {
      const first = r.detached[0]!.month;
      const last = r.detached.at(-1)!.month;
      lines.push(
        "Keep a copy, then drop them:",
        `  pg_dump "$DATABASE_URL" --format=custom ${tables.map((t) => `--table=${t}`).join(" ")} --file=usage-${first}${first === last ? "" : `-to-${last}`}.dump`,
        ...r.detached.map((d) => `  npm run usage:archive -- --drop ${d.month}`),
      );
    } else {
      lines.push("The embedded database has no pg_dump; to free the space:", ...r.detached.map((d) => `  npm run usage:archive -- --drop ${d.month}`));
    }
  }
  return lines.join("\n");
}
