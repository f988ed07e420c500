// An in-memory ledger for tests: applies batches to a view and keeps what they write.
import { applyBatch, type LedgerView } from "./apply";
import { balanceOf } from "./balance";
import { checkInvariants } from "./invariants";
import type { Account, BatchItem, LedgerRequest, RequestResult, Transfer, TransferPhase } from "./types";

export const NOW = new Date("2026-11-01T12:00:00Z");
export const LATER = new Date("2026-11-01T12:10:00Z");

export function account(id: string, asset = "CREDIT", noOverdraft = false): Account {
  return { id, asset, noOverdraft, postedDebits: 0n, postedCredits: 0n, pendingDebits: 0n, pendingCredits: 0n };
}

export class Book {
  accounts = new Map<string, Account>();
  transfers = new Map<string, Transfer>();
  log: Transfer[] = [];

  constructor(...accounts: Account[]) {
    for (const a of accounts) this.accounts.set(a.id, a);
  }

  view(): LedgerView {
    const resolvedHolds = new Map<string, TransferPhase>();
    const reversed = new Map<string, bigint>();
    for (const t of this.log) {
      if (t.pendingId) resolvedHolds.set(t.pendingId, t.phase);
      if (t.reversesId) reversed.set(t.reversesId, (reversed.get(t.reversesId) ?? 0n) + t.amount);
    }
    return { accounts: this.accounts, transfers: this.transfers, resolvedHolds, reversed };
  }

  apply(items: BatchItem[], now = NOW): RequestResult[] {
    const out = applyBatch(this.view(), items, now);
    for (const t of out.created) {
      this.transfers.set(t.id, t);
      this.log.push(t);
    }
    for (const a of out.accounts) this.accounts.set(a.id, a);
    return out.results;
  }

  one(r: LedgerRequest, now = NOW): RequestResult {
    return this.apply([r], now)[0]!;
  }

  balance(id: string) {
    return balanceOf(this.accounts.get(id)!);
  }

  check() {
    return checkInvariants(this.accounts.values(), this.log).violations;
  }
}

