// The baseline of bench:ingest: the rows one `POST /usage` batch writes, written by plain
// multi-row SQL with nothing in between — no key lookup, no JSON body to judge, no customer,
// wallet or duplicate reads, no rating. Per batch, on one connection:
//   INSERT the idempotency record · BEGIN · INSERT the events' exactly-once keys, the events
//   (1,000 rows as one array per column, into their month partitions) and their charges (one row per event, CTEs
//   joining on the new event pks) · INSERT … ON CONFLICT DO
//   UPDATE the daily aggregates · INSERT the ledger transfers (one per customer, action and day,
//   as Portico groups them) · UPDATE the running totals of the accounts they move (locked in id
//   order first, as every writer of shared accounts must) · COMMIT · UPDATE the idempotency
//   record with the stored response.
// Its customers are the benchmark's second set (same plans), so both runs keep the ledger and
// the daily aggregates exact and `ledger:check` covers the baseline's rows too.
import type pg from "pg";
import { pgArray } from "@/lib/db/pg-array";

export type BenchRow = { id: string; customerId: string; ref: string; action: string; quantity: number; timestamp: string };

/** What the baseline charges an event of a customer to: one funded account → the merchant's side. */
type RawWallet = { source: string; destination: string; asset: string; bucket: string; periodStart: Date; currency: string };

const values = (rows: number, cols: number, casts: string[] = []) =>
  Array.from({ length: rows }, (_, i) => `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}${casts[j] ?? ""}`).join(", ")})`).join(", ");

/** The rows of one batch, grouped as Portico groups them. */
function shape(rows: BenchRow[], wallets: Map<string, RawWallet>, transferId: () => string) {
  type Group = { id: string; w: RawWallet; customerId: string; action: string; day: string; amount: bigint; quantity: bigint; events: number; last: string };
  const groups = new Map<string, Group>();
  const charges: { eventId: string; transfer: string; asset: string; amount: bigint }[] = [];
  for (const r of rows) {
    const w = wallets.get(r.customerId)!;
    const day = r.timestamp.slice(0, 10);
    const key = `${r.customerId}|${r.action}|${day}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { id: transferId(), w, customerId: r.customerId, action: r.action, day, amount: 0n, quantity: 0n, events: 0, last: r.timestamp }));
    const cost = BigInt(r.quantity) * 1000n;
    g.amount += cost;
    g.quantity += BigInt(r.quantity);
    g.events += 1;
    if (r.timestamp > g.last) g.last = r.timestamp;
    charges.push({ eventId: `raw-${r.id}`, transfer: g.id, asset: w.asset, amount: cost });
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g);
  const moves = new Map<string, { d: bigint; c: bigint }>();
  for (const g of sorted) {
    const src = moves.get(g.w.source) ?? { d: 0n, c: 0n };
    src.d += g.amount;
    moves.set(g.w.source, src);
    const dst = moves.get(g.w.destination) ?? { d: 0n, c: 0n };
    dst.c += g.amount;
    moves.set(g.w.destination, dst);
  }
  return { groups: sorted, charges, moves: [...moves.entries()].sort(([a], [b]) => (a < b ? -1 : 1)) };
}

/** The stored response of a batch: the same shape and size as Portico's. */
function responseBody(rows: BenchRow[], wallets: Map<string, RawWallet>) {
  const results = rows.map((r, index) => {
    const w = wallets.get(r.customerId)!;
    const amount = String(BigInt(r.quantity) * 1000n);
    return { index, id: r.id, status: "accepted", customer: r.customerId, cost: { asset: w.asset, amount, scale: 3, formatted: `${amount} units` }, overage: null, reason: null, message: null };
  });
  return JSON.stringify({ object: "usage_batch", accepted: rows.length, duplicates: 0, rejected: 0, results });
}

/** Write one batch; returns the events inserted. Retries a deadlock like Portico does. */
export async function rawBatch(client: pg.PoolClient, merchantId: string, rows: BenchRow[], wallets: Map<string, RawWallet>, key: string, transferId: () => string): Promise<number> {
  await client.query(`INSERT INTO idempotency_records (merchant_id, key, method, path, request_hash) VALUES ($1, $2, 'POST', '/api/v1/usage', $3)`, [merchantId, key, key.padEnd(64, "0")]);
  const { groups, charges, moves } = shape(rows, wallets, transferId);
  const ev = rows.map((r) => {
    const w = wallets.get(r.customerId)!;
    return [`raw-${r.id}`, r.customerId, r.action, r.quantity, r.timestamp, "{}", w.asset, r.quantity * 1000, w.periodStart] as const;
  });
  const daily = groups.flatMap((g) => [g.customerId, g.action, g.day, g.quantity, g.w.asset, g.amount, 0, g.events]);
  const transfers = groups.flatMap((g) => [g.id, g.w.source, g.w.destination, g.w.asset, g.amount, "usage", g.customerId, JSON.stringify({ action: g.action, day: g.day, bucket: g.w.bucket, events: g.events, quantity: String(g.quantity) }), g.last]);
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query("BEGIN");
      // Columns as one array each (the fastest plain way to send 1,000 rows, and Portico's way too).
      const r = await client.query(
        `WITH v AS (
           SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::jsonb[], $8::text[], $9::bigint[], $10::timestamptz[])
             AS v(event_id, customer_id, action, quantity, ts, properties, cost_asset, cost_amount, period_start)),
         k AS (
           INSERT INTO usage_event_keys (merchant_id, event_id, event_pk, event_ts)
           SELECT $1, v.event_id, nextval('usage_events_pk_seq'), v.ts FROM v RETURNING event_id, event_pk),
         ev AS (
           INSERT INTO usage_events (pk, merchant_id, event_id, customer_id, action, quantity, timestamp, properties, cost_asset, cost_amount, overage_micros, period_start)
           SELECT k.event_pk, $1, v.event_id, v.customer_id, v.action, v.quantity, v.ts, v.properties, v.cost_asset, v.cost_amount, 0, v.period_start
             FROM v JOIN k ON k.event_id = v.event_id
           RETURNING pk, timestamp, event_id)
         INSERT INTO usage_charges (event_pk, event_ts, transfer_id, asset, amount)
         SELECT ev.pk, ev.timestamp, c.transfer_id, c.asset, c.amount
           FROM unnest($11::text[], $12::text[], $13::text[], $14::bigint[]) AS c(event_id, transfer_id, asset, amount)
           JOIN ev ON ev.event_id = c.event_id`,
        [
          merchantId,
          ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((j) => pgArray(ev.map((e) => e[j]!))),
          ...[0, 1, 2, 3].map((j) => pgArray(charges.map((c) => [c.eventId, c.transfer, c.asset, c.amount][j]!))),
        ],
      );
      await client.query(
        `INSERT INTO daily_usage (customer_id, action, day, quantity, cost_asset, cost_amount, overage_micros, events)
         VALUES ${values(groups.length, 8, ["", "", "::date"])}
         ON CONFLICT (customer_id, action, day) DO UPDATE SET
           quantity = daily_usage.quantity + EXCLUDED.quantity, cost_amount = daily_usage.cost_amount + EXCLUDED.cost_amount,
           overage_micros = daily_usage.overage_micros + EXCLUDED.overage_micros, events = daily_usage.events + EXCLUDED.events`,
        daily,
      );
      await client.query(
        `INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, asset, amount, kind, customer_id, refs, effective_at)
         VALUES ${values(groups.length, 9, ["", "", "", "", "", '::"TransferKind"', "", "::jsonb", "::timestamptz"])}`,
        transfers,
      );
      await client.query(
        `WITH locked AS MATERIALIZED (SELECT id FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE)
         UPDATE ledger_accounts a SET posted_debits = a.posted_debits + v.d, posted_credits = a.posted_credits + v.c
           FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS v(id, d, c) JOIN locked ON locked.id = v.id
          WHERE a.id = v.id`,
        [moves.map(([id]) => id), moves.map(([, m]) => m.d.toString()), moves.map(([, m]) => m.c.toString())],
      );
      await client.query("COMMIT");
      await client.query(`UPDATE idempotency_records SET response_status = 200, response_body = $3::jsonb WHERE merchant_id = $1 AND key = $2`, [merchantId, key, responseBody(rows, wallets)]);
      return r.rowCount ?? 0;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      if ((e as { code?: string }).code !== "40P01" || attempt >= 5) throw e;
    }
  }
}

/** Each baseline customer's funded account (lot, balance, or the period's overage) and where its draws go. */
export async function rawWallets(c: pg.Pool, customerIds: string[], merchantId: string): Promise<Map<string, RawWallet>> {
  const { rows } = await c.query<{ id: string; customer_id: string; bucket: string; asset: string; current_period_start: Date; currency: string }>(
    `SELECT a.id, a.customer_id, a.bucket::text AS bucket, a.asset, s.current_period_start, p.currency
       FROM ledger_accounts a JOIN subscriptions s ON s.customer_id = a.customer_id JOIN plans p ON p.id = s.plan_id
      WHERE a.customer_id = ANY($1::text[]) AND a.bucket IN ('purchased_credits', 'balance', 'overage')
      ORDER BY a.customer_id, a.bucket`,
    [customerIds],
  );
  const destination: Record<string, string> = { purchased_credits: "credits_used", balance: "revenue", overage: "overage_revenue" };
  const out = new Map<string, RawWallet>();
  for (const r of rows) {
    if (out.has(r.customer_id) && r.bucket === "overage") continue; // a funded lot or balance first
    out.set(r.customer_id, { source: r.id, destination: `${merchantId}:${destination[r.bucket]}`, asset: r.asset, bucket: r.bucket, periodStart: r.current_period_start, currency: r.currency });
  }
  const missing = customerIds.filter((id) => !out.has(id));
  if (missing.length > 0) throw new Error(`No funded account for baseline customers ${missing.join(", ")}`);
  return out;
}
