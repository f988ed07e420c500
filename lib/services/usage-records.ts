import "server-only";
// Writing what was used, shared by POST /usage and hold captures: the events (each with its
// cost), which ledger transfer charged how much of each (usage_charges), and the daily
// aggregates per customer, action and UTC day — three set-based statements, whatever the count.
import { utcDay } from "@/lib/billing/periods";
import { RetryableConflict } from "@/lib/db/errors";
import type { Tx } from "@/lib/db/tx";

export type UsageCharge = { transferId: string; asset: string; amount: bigint };

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

export class EventIdTaken extends RetryableConflict {
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
  const inserted = await tx.$queryRawUnsafe<{ pk: bigint; event_id: string }[]>(
    `INSERT INTO usage_events (merchant_id, event_id, customer_id, action, quantity, timestamp, properties, cost_asset, cost_amount, overage_micros, period_start, hold_id)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::jsonb[], $8::text[], $9::bigint[], $10::bigint[], $11::timestamptz[], $12::text[])
     ON CONFLICT (merchant_id, event_id) DO NOTHING
     RETURNING pk, event_id`,
    merchantId,
    records.map((r) => r.eventId),
    records.map((r) => r.customerId),
    records.map((r) => r.action),
    records.map((r) => r.quantity),
    records.map((r) => r.timestamp),
    records.map((r) => JSON.stringify(r.properties)),
    records.map((r) => r.costAsset),
    records.map((r) => r.costAmount),
    records.map((r) => r.overageMicros),
    records.map((r) => r.periodStart),
    records.map((r) => r.holdId),
  );
  if (inserted.length !== records.length) {
    const got = new Set(inserted.map((r) => r.event_id));
    throw new EventIdTaken(records.map((r) => r.eventId).filter((id) => !got.has(id)));
  }
  const pkByEvent = new Map(inserted.map((r) => [r.event_id, BigInt(r.pk)]));

  const chargeEvent: bigint[] = [];
  const chargeTransfer: string[] = [];
  const chargeAsset: string[] = [];
  const chargeAmount: bigint[] = [];
  for (const r of records) {
    // one row per (event, transfer)
    const perTransfer = new Map<string, UsageCharge>();
    for (const c of r.charges) {
      const had = perTransfer.get(c.transferId);
      perTransfer.set(c.transferId, had ? { ...had, amount: had.amount + c.amount } : c);
    }
    for (const c of perTransfer.values()) {
      chargeEvent.push(pkByEvent.get(r.eventId)!);
      chargeTransfer.push(c.transferId);
      chargeAsset.push(c.asset);
      chargeAmount.push(c.amount);
    }
  }
  if (chargeEvent.length > 0) {
    await tx.$executeRawUnsafe(
      `INSERT INTO usage_charges (event_pk, transfer_id, asset, amount)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])`,
      chargeEvent,
      chargeTransfer,
      chargeAsset,
      chargeAmount,
    );
  }

  // Daily aggregates, summed here so each (customer, action, day) is one upsert; sorted, so two
  // transactions never lock the same rows in opposite orders.
  type Day = { customerId: string; action: string; day: string; quantity: bigint; costAsset: string; costAmount: bigint; overage: bigint; events: bigint };
  const daily = new Map<string, Day>();
  for (const r of records) {
    const day = utcDay(r.timestamp).toISOString().slice(0, 10);
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
    rows.map((r) => r.customerId),
    rows.map((r) => r.action),
    rows.map((r) => r.day),
    rows.map((r) => r.quantity),
    rows.map((r) => r.costAsset),
    rows.map((r) => r.costAmount),
    rows.map((r) => r.overage),
    rows.map((r) => r.events),
  );
}
