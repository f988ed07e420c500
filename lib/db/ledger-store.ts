// The ledger's persistence: a few set-based statements per batch, whatever its size, on either
// database. Accounts are locked (FOR UPDATE, in id order) before anything that depends on them
// is read, so the pure core decides on data no one else can change meanwhile.
import type { Account, Refs, Transfer, TransferKind, TransferPhase } from "@/lib/ledger";
import { txSql, type Tx } from "./tx";

const TRANSFER_COLUMNS = `id, debit_account_id, credit_account_id, asset, amount, kind::text AS kind,
  phase::text AS phase, pending_id, reverses_id, timeout_at, customer_id, reason, actor, refs, effective_at`;

const ACCOUNT_COLUMNS = `id, asset, merchant_id, no_overdraft, posted_debits, posted_credits, pending_debits, pending_credits`;

type TransferRow = {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  asset: string;
  amount: bigint;
  kind: string;
  phase: string;
  pending_id: string | null;
  reverses_id: string | null;
  timeout_at: Date | null;
  customer_id: string | null;
  reason: string | null;
  actor: string | null;
  refs: unknown;
  effective_at: Date;
};

/** An account row as SQL returns it (totals are bigint through Prisma, strings through plain pg). */
export type AccountRow = {
  id: string;
  asset: string;
  merchant_id: string;
  no_overdraft: boolean;
  posted_debits: bigint | string;
  posted_credits: bigint | string;
  pending_debits: bigint | string;
  pending_credits: bigint | string;
};

function rowToTransfer(r: TransferRow): Transfer {
  return {
    id: r.id,
    debitAccountId: r.debit_account_id,
    creditAccountId: r.credit_account_id,
    asset: r.asset,
    amount: BigInt(r.amount),
    kind: r.kind as TransferKind,
    phase: r.phase as TransferPhase,
    pendingId: r.pending_id,
    reversesId: r.reverses_id,
    timeoutAt: r.timeout_at ? new Date(r.timeout_at) : null,
    customerId: r.customer_id,
    reason: r.reason,
    actor: r.actor,
    refs: (typeof r.refs === "string" ? JSON.parse(r.refs) : r.refs ?? {}) as Refs,
    effectiveAt: new Date(r.effective_at),
  };
}

/** The account as the ledger core sees it. */
export function rowToAccount(r: AccountRow): Account {
  return {
    id: r.id,
    asset: r.asset,
    book: r.merchant_id,
    noOverdraft: r.no_overdraft,
    postedDebits: BigInt(r.posted_debits),
    postedCredits: BigInt(r.posted_credits),
    pendingDebits: BigInt(r.pending_debits),
    pendingCredits: BigInt(r.pending_credits),
  };
}

export async function loadTransfersById(tx: Tx, ids: readonly string[]): Promise<Map<string, Transfer>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<TransferRow[]>(
    `SELECT ${TRANSFER_COLUMNS} FROM ledger_transfers WHERE id = ANY($1::text[])`,
    [...ids],
  );
  return new Map(rows.map((r) => [r.id, rowToTransfer(r)]));
}

/** Lock the accounts (in id order, so two batches never wait on each other in a cycle). */
export async function lockAccounts(tx: Tx, ids: readonly string[]): Promise<Map<string, Account>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<AccountRow[]>(
    `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [...ids],
  );
  return new Map(rows.map((r) => [r.id, rowToAccount(r)]));
}

/** Transfers with these ids, the resolutions of these holds and the reversals of these originals. */
export async function loadRelated(
  tx: Tx,
  q: { ids: readonly string[]; holdIds: readonly string[]; originalIds: readonly string[] },
) {
  const rows =
    q.holdIds.length === 0 && q.originalIds.length === 0
      ? await tx.$queryRawUnsafe<TransferRow[]>(
          `SELECT ${TRANSFER_COLUMNS} FROM ledger_transfers WHERE id = ANY($1::text[])`,
          [...q.ids],
        )
      : await tx.$queryRawUnsafe<TransferRow[]>(
          `SELECT ${TRANSFER_COLUMNS} FROM ledger_transfers
            WHERE id = ANY($1::text[]) OR pending_id = ANY($2::text[]) OR reverses_id = ANY($3::text[])`,
          [...q.ids],
          [...q.holdIds],
          [...q.originalIds],
        );
  const transfers = new Map<string, Transfer>();
  const resolvedHolds = new Map<string, TransferPhase>();
  const reversed = new Map<string, bigint>();
  for (const row of rows) {
    const t = rowToTransfer(row);
    transfers.set(t.id, t);
    if (t.pendingId !== null) resolvedHolds.set(t.pendingId, t.phase);
    if (t.reversesId !== null) reversed.set(t.reversesId, (reversed.get(t.reversesId) ?? 0n) + t.amount);
  }
  return { transfers, resolvedHolds, reversed };
}

const INSERT_TRANSFERS = `INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, asset, amount, kind, phase,
        pending_id, reverses_id, timeout_at, customer_id, reason, actor, refs, effective_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[],
        $6::text[]::"TransferKind"[], $7::text[]::"TransferPhase"[], $8::text[], $9::text[],
        $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::timestamptz[])
     ON CONFLICT (id) DO NOTHING`;

function transferColumns(transfers: readonly Transfer[]) {
  const col = <T,>(f: (t: Transfer) => T) => transfers.map(f);
  return [
    col((t) => t.id),
    col((t) => t.debitAccountId),
    col((t) => t.creditAccountId),
    col((t) => t.asset),
    col((t) => t.amount),
    col((t) => t.kind),
    col((t) => t.phase),
    col((t) => t.pendingId),
    col((t) => t.reversesId),
    col((t) => t.timeoutAt),
    col((t) => t.customerId),
    col((t) => t.reason),
    col((t) => t.actor),
    col((t) => JSON.stringify(t.refs)),
    col((t) => t.effectiveAt),
  ];
}

const accountColumns = (accounts: readonly Account[]) => [
  accounts.map((a) => a.id),
  accounts.map((a) => a.postedDebits),
  accounts.map((a) => a.postedCredits),
  accounts.map((a) => a.pendingDebits),
  accounts.map((a) => a.pendingCredits),
];

/** Insert transfers; returns how many were new (fewer means an id was taken meanwhile). */
export async function insertTransfers(tx: Tx, transfers: readonly Transfer[]): Promise<number> {
  if (transfers.length === 0) return 0;
  return tx.$executeRawUnsafe(INSERT_TRANSFERS, ...transferColumns(transfers));
}

/**
 * Insert transfers and write the new totals of accounts this transaction holds locked, in one
 * statement; returns how many transfers were new.
 */
export async function insertTransfersWritingAccounts(tx: Tx, transfers: readonly Transfer[], accounts: readonly Account[]): Promise<number> {
  if (transfers.length === 0) return 0;
  const [row] = await txSql(tx).query<{ inserted: bigint | string }>(
    `WITH ins AS (${INSERT_TRANSFERS} RETURNING 1),
     upd AS (UPDATE ledger_accounts a
                SET posted_debits = v.pd, posted_credits = v.pc, pending_debits = v.ped, pending_credits = v.pec
               FROM unnest($16::text[], $17::bigint[], $18::bigint[], $19::bigint[], $20::bigint[]) AS v(id, pd, pc, ped, pec)
              WHERE a.id = v.id RETURNING 1)
     SELECT (SELECT count(*) FROM ins) AS inserted, (SELECT count(*) FROM upd) AS updated`,
    ...transferColumns(transfers),
    ...accountColumns(accounts),
  );
  return Number(row!.inserted);
}

/**
 * Add to the totals of accounts many transactions share (locked here, in id order, so two
 * writers never wait on each other in a cycle). Deltas, not totals: the caller never read them
 * under a lock.
 */
export async function addToAccounts(tx: Tx, deltas: readonly Account[]): Promise<void> {
  if (deltas.length === 0) return;
  const sorted = [...deltas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const updated = await txSql(tx).execute(
    `WITH locked AS MATERIALIZED (SELECT id FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE)
     UPDATE ledger_accounts a
        SET posted_debits = a.posted_debits + v.pd, posted_credits = a.posted_credits + v.pc,
            pending_debits = a.pending_debits + v.ped, pending_credits = a.pending_credits + v.pec
       FROM locked JOIN unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) AS v(id, pd, pc, ped, pec) ON v.id = locked.id
      WHERE a.id = locked.id`,
    ...accountColumns(sorted),
  );
  if (updated !== sorted.length) throw new Error(`Only ${updated} of ${sorted.length} shared accounts were found`);
}

/** Accounts as they stand, not locked (for their fixed properties: asset, book, no-overdraft). */
export async function readAccounts(tx: Tx, ids: readonly string[]): Promise<Map<string, Account>> {
  if (ids.length === 0) return new Map();
  const rows = await txSql(tx).query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE id = ANY($1::text[])`, [...ids]);
  return new Map(rows.map((r) => [r.id, rowToAccount(r)]));
}

/** Write the new running totals of accounts this transaction holds locked. */
export async function writeAccounts(tx: Tx, accounts: readonly Account[]): Promise<void> {
  if (accounts.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE ledger_accounts a
        SET posted_debits = v.pd, posted_credits = v.pc, pending_debits = v.ped, pending_credits = v.pec
       FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) AS v(id, pd, pc, ped, pec)
      WHERE a.id = v.id`,
    ...accountColumns(accounts),
  );
}

/** Every account, for the invariant check. */
export async function allAccounts(tx: Tx): Promise<Account[]> {
  const rows = await tx.$queryRawUnsafe<AccountRow[]>(`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts ORDER BY id`);
  return rows.map(rowToAccount);
}

/** Transfers in write order, one page after `afterSeq`. */
export async function transfersPage(tx: Tx, afterSeq: bigint, limit: number) {
  const rows = await tx.$queryRawUnsafe<(TransferRow & { seq: bigint })[]>(
    `SELECT seq, ${TRANSFER_COLUMNS} FROM ledger_transfers WHERE seq > $1 ORDER BY seq LIMIT $2`,
    afterSeq,
    limit,
  );
  return rows.map((r) => ({ seq: BigInt(r.seq), transfer: rowToTransfer(r) }));
}
