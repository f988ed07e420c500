import "server-only";
// The ledger service: loads a view (accounts locked), lets the pure core decide, writes the
// outcome — inside the caller's transaction, or in its own with retries. Concurrent single
// requests are coalesced by a per-process batcher into one transaction (group commit), which is
// how one hot wallet takes thousands of debits a second without giving up any check.
import type { PrismaClient } from "@/lib/db/generated/client";
import { RetryableConflict } from "@/lib/db/errors";
import {
  addToAccounts,
  insertTransfers,
  insertTransfersWritingAccounts,
  loadRelated,
  loadTransfersById,
  lockAccounts,
  readAccounts,
  writeAccounts,
} from "@/lib/db/ledger-store";
import { transaction, type Tx } from "@/lib/db/tx";
import {
  applyBatch,
  flattenItems,
  LedgerError,
  referencedAccountIds,
  type Account,
  type BatchItem,
  type BatchOutcome,
  type LedgerRequest,
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

// The fixed properties (asset, book, no-overdraft) of shared accounts: they never change once an
// account exists, so each is read once per process.
const sharedShapes = new Map<string, Account>();

async function sharedAccounts(tx: Tx, ids: readonly string[]): Promise<Map<string, Account>> {
  const missing = ids.filter((id) => !sharedShapes.has(id));
  for (const a of (await readAccounts(tx, missing)).values()) {
    if (sharedShapes.size > 10_000) sharedShapes.clear();
    sharedShapes.set(a.id, { ...a, postedDebits: 0n, postedCredits: 0n, pendingDebits: 0n, pendingCredits: 0n });
  }
  return new Map(ids.flatMap((id) => (sharedShapes.has(id) ? [[id, sharedShapes.get(id)!] as const] : [])));
}

/**
 * Plain transfers with new ids, each from an account the caller holds locked (`debits`, as it
 * read them under the lock) to one that many transactions share (a merchant's revenue, credits
 * used …). Decided by the pure core like any batch; the transfers and the debit side are written
 * now (one statement), and the shared credit side comes back as `finish`: one statement that
 * locks those accounts in id order and adds to them, for the caller to run last, just before its
 * commit — each shared account is then held only for that statement and the commit.
 */
export async function postFromLockedAccounts(
  tx: Tx,
  requests: readonly Extract<LedgerRequest, { op: "transfer" }>[],
  debits: ReadonlyMap<string, Account>,
  now: Date,
): Promise<{ outcome: BatchOutcome; finish: () => Promise<void> }> {
  const unlocked = requests.find((r) => !debits.has(r.debitAccountId));
  if (unlocked) throw new Error(`postFromLockedAccounts: debit account ${unlocked.debitAccountId} is not locked by the caller`);
  const shared = await sharedAccounts(tx, [...new Set(requests.map((r) => r.creditAccountId).filter((id) => !debits.has(id)))]);
  const accounts = new Map([...shared, ...debits]);
  const outcome = applyBatch({ accounts, transfers: new Map(), resolvedHolds: new Map(), reversed: new Map() }, requests, now);
  const locked = outcome.accounts.filter((a) => debits.has(a.id));
  const inserted = await insertTransfersWritingAccounts(tx, outcome.created, locked);
  if (inserted !== outcome.created.length) throw new RetryableConflict("A transfer id was written concurrently");
  // What the batch adds to each shared account (their totals in `shared` are zero).
  const deltas = outcome.accounts.filter((a) => !debits.has(a.id));
  return { outcome, finish: () => addToAccounts(tx, deltas) };
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
