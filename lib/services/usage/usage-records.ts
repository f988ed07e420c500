import "server-only";
// Writing what was used, shared by POST /usage and hold captures: the events (each with its
// cost) with their exactly-once keys, which ledger transfer charged how much of each
// (usage_charges), and the daily aggregates per customer, action and UTC day — two set-based
// statements, whatever the count. Events and charges live in month partitions (usage-partitions.ts).
import { utcDayKey } from "@/lib/billing/periods";
import { RetryableConflict } from "@/lib/db/errors";
import { pgArray } from "@/lib/db/pg-array";
import type { Tx } from "@/lib/db/tx";
import { ensureUsagePartitions, withUsagePartitions } from "./usage-partitions";

type UsageCharge = { transferId: string; asset: string; amount: bigint };

export type UsageRecord = {
  eventId: string;
  customerId: string;
  action: string;
  quantity: bigint;
  timestamp: Date;
  properties: Record<string, unknown>;
  costAsset: string;
  costAmount: bigint;
  overageMicros: bigint;
  periodStart: Date;
  holdId: string | null;
  charges: UsageCharge[];
};

class EventIdTaken extends RetryableConflict {
  constructor(readonly eventIds: string[]) {
    super(`Usage event id(s) recorded concurrently: ${eventIds.slice(0, 3).join(", ")}`);
  }
}

/**
 * Insert the records. If an event id was recorded meanwhile (a concurrent batch), throws
 * EventIdTaken — a RetryableConflict: the transaction starts over and sees it as a duplicate.
 */
export async function writeUsageRecords(tx: Tx, merchantId: string, records: readonly UsageRecord[]): Promise<void> {
  if (records.length === 0) return;
  // one row per (event, transfer)
  const chargeEvent: string[] = [];
  const chargeTransfer: string[] = [];
  const chargeAsset: string[] = [];
  const chargeAmount: bigint[] = [];
  for (const r of records) {
    const perTransfer = new Map<string, UsageCharge>();
    for (const c of r.charges) {
      const had = perTransfer.get(c.transferId);
      perTransfer.set(c.transferId, had ? { ...had, amount: had.amount + c.amount } : c);
    }
    for (const c of perTransfer.values()) {
      chargeEvent.push(r.eventId);
      chargeTransfer.push(c.transferId);
      chargeAsset.push(c.asset);
      chargeAmount.push(c.amount);
    }
  }
  // The events, their exactly-once keys and their charges in one statement: a key row first (the
  // unique (merchant, event id) across all months), and only an event that got its key is stored;
  // its pk comes from the key row, and its charges find it by the event id.
  await ensureUsagePartitions(tx, records.map((r) => r.timestamp));
  const [counts] = await withUsagePartitions(() =>
    tx.$queryRawUnsafe<{ events: bigint; charges: bigint }[]>(
      `WITH i AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::jsonb[], $8::text[], $9::bigint[], $10::bigint[], $11::timestamptz[], $12::text[])
           AS i(event_id, customer_id, action, quantity, ts, properties, cost_asset, cost_amount, overage_micros, period_start, hold_id)),
       k AS (
         INSERT INTO usage_event_keys (merchant_id, event_id, event_pk, event_ts)
         SELECT $1, i.event_id, nextval('usage_events_pk_seq'), i.ts FROM i
         ON CONFLICT (merchant_id, event_id) DO NOTHING
         RETURNING event_id, event_pk),
       ev AS (
         INSERT INTO usage_events (pk, merchant_id, event_id, customer_id, action, quantity, timestamp, properties, cost_asset, cost_amount, overage_micros, period_start, hold_id)
         SELECT k.event_pk, $1, i.event_id, i.customer_id, i.action, i.quantity, i.ts, i.properties, i.cost_asset, i.cost_amount, i.overage_micros, i.period_start, i.hold_id
           FROM i JOIN k ON k.event_id = i.event_id
         RETURNING pk, timestamp, event_id),
       ch AS (
         INSERT INTO usage_charges (event_pk, event_ts, transfer_id, asset, amount)
         SELECT ev.pk, ev.timestamp, c.transfer_id, c.asset, c.amount
           FROM unnest($13::text[], $14::text[], $15::text[], $16::bigint[]) AS c(event_id, transfer_id, asset, amount)
           JOIN ev ON ev.event_id = c.event_id
         RETURNING 1)
       SELECT (SELECT count(*) FROM ev) AS events, (SELECT count(*) FROM ch) AS charges`,
      merchantId,
      pgArray(records.map((r) => r.eventId)),
      pgArray(records.map((r) => r.customerId)),
      pgArray(records.map((r) => r.action)),
      pgArray(records.map((r) => r.quantity)),
      pgArray(records.map((r) => r.timestamp)),
      pgArray(records.map((r) => JSON.stringify(r.properties))),
      pgArray(records.map((r) => r.costAsset)),
      pgArray(records.map((r) => r.costAmount)),
      pgArray(records.map((r) => r.overageMicros)),
      pgArray(records.map((r) => r.periodStart)),
      pgArray(records.map((r) => r.holdId)),
      pgArray(chargeEvent),
      pgArray(chargeTransfer),
      pgArray(chargeAsset),
      pgArray(chargeAmount),
    ),
  );
  if (Number(counts!.events) !== records.length) {
    // An event id was recorded by a concurrent transaction after we looked: start over and see it.
    const taken = await tx.$queryRawUnsafe<{ event_id: string }[]>(
      `SELECT event_id FROM usage_event_keys WHERE merchant_id = $1 AND event_id = ANY($2::text[])`,
      merchantId,
      pgArray(records.map((r) => r.eventId)),
    );
    throw new EventIdTaken(taken.map((r) => r.event_id));
  }

  // Daily aggregates, summed here so each (customer, action, day) is one upsert; sorted, so two
  // transactions never lock the same rows in opposite orders.
  type Day = { customerId: string; action: string; day: string; quantity: bigint; costAsset: string; costAmount: bigint; overage: bigint; events: bigint };
  const daily = new Map<string, Day>();
  for (const r of records) {
    const day = utcDayKey(r.timestamp);
    const key = `${r.customerId}|${r.action}|${day}`;
    const d = daily.get(key) ?? { customerId: r.customerId, action: r.action, day, quantity: 0n, costAsset: r.costAsset, costAmount: 0n, overage: 0n, events: 0n };
    d.quantity += r.quantity;
    d.costAmount += r.costAmount;
    d.overage += r.overageMicros;
    d.events += 1n;
    daily.set(key, d);
  }
  const rows = [...daily.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
  await tx.$executeRawUnsafe(
    `INSERT INTO daily_usage (customer_id, action, day, quantity, cost_asset, cost_amount, overage_micros, events)
     SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::bigint[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
     ON CONFLICT (customer_id, action, day) DO UPDATE SET
       quantity = daily_usage.quantity + EXCLUDED.quantity,
       cost_amount = daily_usage.cost_amount + EXCLUDED.cost_amount,
       overage_micros = daily_usage.overage_micros + EXCLUDED.overage_micros,
       events = daily_usage.events + EXCLUDED.events`,
    pgArray(rows.map((r) => r.customerId)),
    pgArray(rows.map((r) => r.action)),
    pgArray(rows.map((r) => r.day)),
    pgArray(rows.map((r) => r.quantity)),
    pgArray(rows.map((r) => r.costAsset)),
    pgArray(rows.map((r) => r.costAmount)),
    pgArray(rows.map((r) => r.overage)),
    pgArray(rows.map((r) => r.events)),
  );
}
