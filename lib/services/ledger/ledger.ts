import "server-only";
// The ledger service: loads a view (accounts locked), lets the pure core decide, writes the
// outcome — inside the caller's transaction, or in its own with retries. Concurrent single
// requests are coalesced by a per-process batcher into one transaction (group commit), which is
// how one hot wallet takes thousands of debits a second without giving up any check.
import type { PrismaClient } from "@/lib/db/generated/client";
import { RetryableConflict } from "@/lib/db/errors";
import {
  insertTransfers,
  loadRelated,
  loadTransfersById,
  lockAccounts,
  writeAccounts,
} from "@/lib/db/ledger-store";
import { transaction, type Tx } from "@/lib/db/tx";
import {
  applyBatch,
  flattenItems,
  LedgerError,
  referencedAccountIds,
  type BatchItem,
  type BatchOutcome,
  type RequestResult,
  type Transfer,
} from "@/lib/ledger";

/** Apply a batch inside the caller's transaction. Refused requests write nothing. */
export async function applyLedgerBatch(tx: Tx, items: readonly BatchItem[], now: Date): Promise<BatchOutcome> {
  const requests = flattenItems(items);
  const holdIds: string[] = [];
  const originalIds: string[] = [];
  for (const r of requests) {
    if (r.op === "post" || r.op === "void" || r.op === "expire") holdIds.push(r.holdId);
    if (r.op === "reverse") originalIds.push(r.reversesId);
  }
  // Holds and originals are immutable: read them first to learn which accounts to lock.
  const referenced = await loadTransfersById(tx, [...holdIds, ...originalIds]);
  const accounts = await lockAccounts(tx, referencedAccountIds(items, referenced));
  // Under the locks: our own ids (idempotency), resolutions of holds, reversals so far.
  const related = await loadRelated(tx, { ids: requests.map((r) => r.id), holdIds, originalIds });
  for (const [id, t] of referenced) if (!related.transfers.has(id)) related.transfers.set(id, t);

  const outcome = applyBatch({ accounts, ...related, resolvedHolds: related.resolvedHolds }, items, now);

  const inserted = await insertTransfers(tx, outcome.created);
  if (inserted !== outcome.created.length) {
    // Another transaction wrote one of these ids since we looked: start over and see it.
    throw new RetryableConflict("A transfer id was written concurrently");
  }
  await writeAccounts(tx, outcome.accounts);
  return outcome;
}

/** Apply a batch in its own transaction (retried on serialization failures and races). */
export async function postTransfers(
  items: readonly BatchItem[],
  opts: { now?: Date; client?: PrismaClient } = {},
): Promise<RequestResult[]> {
  const outcome = await transaction((tx) => applyLedgerBatch(tx, items, opts.now ?? new Date()), {
    client: opts.client,
  });
  return outcome.results;
}

/** The transfer a successful result carries, or a LedgerError for a refusal. */
export function transferOrThrow(result: RequestResult | undefined): Transfer {
  if (!result) throw new Error("No result for a ledger request");
  if (!result.ok) throw new LedgerError(result.code, result.message);
  return result.transfer;
}

type Waiting = { item: BatchItem; resolve: (r: RequestResult[]) => void; reject: (e: unknown) => void };

/**
 * Coalesces concurrent submissions into one transaction: while a batch is being written, new
 * submissions queue; the next batch takes them all (up to maxBatch). Each submission still gets
 * its own results; a refused request never affects the others.
 */
export class LedgerBatcher {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(private readonly opts: { client?: PrismaClient; maxBatch?: number } = {}) {}

  submit(item: BatchItem): Promise<RequestResult[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.opts.maxBatch ?? 500);
        try {
          const outcome = await transaction((tx) => applyLedgerBatch(tx, batch.map((w) => w.item), new Date()), {
            client: this.opts.client,
          });
          let i = 0;
          for (const w of batch) {
            const n = "linked" in w.item ? w.item.linked.length : 1;
            w.resolve(outcome.results.slice(i, i + n));
            i += n;
          }
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
