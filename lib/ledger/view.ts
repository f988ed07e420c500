// What a batch needs loaded before it is applied: the view of the ledger the caller reads (with
// the accounts locked), and the ids of the transfers and accounts its requests name.

import type { Account, BatchItem, LedgerRequest, Transfer, TransferPhase } from "./types";

export type LedgerView = {
  /** Every account the requests may touch, by id. */
  accounts: ReadonlyMap<string, Account>;
  /** Existing transfers the requests name: their own ids, holds, originals of reversals. */
  transfers: ReadonlyMap<string, Transfer>;
  /** Holds already resolved, with the phase that resolved them. */
  resolvedHolds: ReadonlyMap<string, TransferPhase>;
  /** For originals of reversals: how much has been reversed so far. */
  reversed: ReadonlyMap<string, bigint>;
};

export function flattenItems(items: readonly BatchItem[]): LedgerRequest[] {
  return items.flatMap((item) => ("linked" in item ? item.linked : [item]));
}

/** Ids of existing transfers the view must contain for these requests. */
export function referencedTransferIds(items: readonly BatchItem[]): string[] {
  const ids = new Set<string>();
  for (const r of flattenItems(items)) {
    ids.add(r.id);
    if (r.op === "post" || r.op === "void" || r.op === "expire") ids.add(r.holdId);
    if (r.op === "reverse") ids.add(r.reversesId);
  }
  return [...ids];
}

/** Accounts the view must contain, given the transfers already loaded. */
export function referencedAccountIds(
  items: readonly BatchItem[],
  transfers: ReadonlyMap<string, Transfer>,
): string[] {
  const ids = new Set<string>();
  const batchIds = new Map<string, LedgerRequest>();
  for (const r of flattenItems(items)) batchIds.set(r.id, r);
  const addFromTransfer = (id: string) => {
    const t = transfers.get(id);
    if (t) {
      ids.add(t.debitAccountId);
      ids.add(t.creditAccountId);
      return;
    }
    const r = batchIds.get(id);
    if (r && (r.op === "transfer" || r.op === "hold")) {
      ids.add(r.debitAccountId);
      ids.add(r.creditAccountId);
    }
  };
  for (const r of flattenItems(items)) {
    if (r.op === "transfer" || r.op === "hold") {
      ids.add(r.debitAccountId);
      ids.add(r.creditAccountId);
    } else if (r.op === "reverse") {
      addFromTransfer(r.reversesId);
    } else {
      addFromTransfer(r.holdId);
    }
  }
  return [...ids].sort();
}
