import "server-only";
// The month partitions of usage_events / usage_charges (UTC months, usage_events_2026_12 …): made
// before an insert needs them. The database function usage_partitions_ensure (migration
// 20261209100000) creates a missing month race-safely across processes; this module remembers the
// months it has seen, so the hot path pays one Set lookup per month of a batch and nothing else.
import { RetryableConflict, isNoPartition } from "@/lib/db/errors";
import { pgArray } from "@/lib/db/pg-array";
import type { Tx } from "@/lib/db/tx";

const known = new Set<string>();

/** The UTC month of a timestamp, as its partitions name it ("2026_12"). */
function usageMonthSuffix(t: Date): string {
  return `${t.getUTCFullYear()}_${String(t.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Make sure every month of these timestamps has its partitions (usually: a Set lookup). */
export async function ensureUsagePartitions(tx: Tx, timestamps: readonly Date[]): Promise<void> {
  const missing = new Map<string, Date>();
  for (const t of timestamps) {
    const m = usageMonthSuffix(t);
    if (!known.has(m) && !missing.has(m)) missing.set(m, t);
  }
  if (missing.size === 0) return;
  await tx.$queryRawUnsafe(`SELECT usage_partitions_ensure($1::timestamptz[])`, pgArray([...missing.values()]));
  for (const m of missing.keys()) known.add(m);
}

class UsagePartitionMissing extends RetryableConflict {
  constructor() {
    super("A usage month partition was missing (created in a transaction that rolled back, or another database): retrying");
  }
}

/**
 * Run an insert into the partitioned tables; if the cache vouched for a month that is not there
 * (its creating transaction rolled back, or this process talks to another database), forget the
 * cache and start the transaction over, which creates it.
 */
export async function withUsagePartitions<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (e) {
    if (!isNoPartition(e)) throw e;
    known.clear();
    throw new UsagePartitionMissing();
  }
}
