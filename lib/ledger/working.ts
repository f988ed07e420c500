// The working copy of a ledger view that the apply steps change, with an undo journal for linked
// groups; and the fields every transfer a step creates takes from its request.

import type { Account, LedgerRequest, Transfer, TransferPhase } from "./types";
import type { LedgerView } from "./view";

/** Mutable working copy of the view, with an undo journal for linked groups. */
export class Working {
  readonly accounts = new Map<string, Account>();
  readonly transfers: Map<string, Transfer>;
  readonly resolved: Map<string, TransferPhase>;
  readonly reversed: Map<string, bigint>;
  readonly created: Transfer[] = [];
  readonly changed = new Set<string>();
  private journal: (() => void)[] | null = null;

  constructor(view: LedgerView) {
    for (const [id, a] of view.accounts) this.accounts.set(id, { ...a });
    this.transfers = new Map(view.transfers);
    this.resolved = new Map(view.resolvedHolds);
    this.reversed = new Map(view.reversed);
  }

  begin() {
    this.journal = [];
  }
  commit() {
    this.journal = null;
  }
  rollback() {
    const j = this.journal ?? [];
    for (let i = j.length - 1; i >= 0; i--) j[i]!();
    this.journal = null;
  }

  updateAccount(id: string, next: Account) {
    const prev = this.accounts.get(id);
    const wasChanged = this.changed.has(id);
    this.accounts.set(id, next);
    this.changed.add(id);
    this.journal?.push(() => {
      if (prev) this.accounts.set(id, prev);
      if (!wasChanged) this.changed.delete(id);
    });
  }

  addTransfer(t: Transfer) {
    this.transfers.set(t.id, t);
    this.created.push(t);
    this.journal?.push(() => {
      this.transfers.delete(t.id);
      this.created.pop();
    });
  }

  markResolved(holdId: string, phase: TransferPhase) {
    this.resolved.set(holdId, phase);
    this.journal?.push(() => this.resolved.delete(holdId));
  }

  addReversed(originalId: string, amount: bigint) {
    const prev = this.reversed.get(originalId);
    this.reversed.set(originalId, (prev ?? 0n) + amount);
    this.journal?.push(() => {
      if (prev === undefined) this.reversed.delete(originalId);
      else this.reversed.set(originalId, prev);
    });
  }
}

export function baseTransfer(r: LedgerRequest, now: Date) {
  return {
    id: r.id,
    customerId: r.customerId ?? null,
    reason: r.reason ?? null,
    actor: r.actor ?? null,
    refs: r.refs ?? {},
    effectiveAt: r.effectiveAt ?? now,
  };
}
