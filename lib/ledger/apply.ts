// Applying a batch of ledger requests to a view of the ledger. Pure: the caller loads the view
// (with the accounts locked), calls applyBatch, and writes `created` and `accounts` back.
//
// Each item is applied in order and sees the effect of the items before it. A linked group is
// applied all-or-nothing. A refused request writes nothing and does not affect the others.

import type {
  Account,
  BatchItem,
  LedgerErrorCode,
  LedgerRequest,
  RequestResult,
  Transfer,
  TransferPhase,
} from "./types";

/** Largest value a PostgreSQL BIGINT holds; no amount or running total may exceed it. */
export const MAX_AMOUNT = 2n ** 63n - 1n;
const MAX_ID_LENGTH = 200;

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

export type BatchOutcome = {
  /** One result per request, in the order given (linked groups flattened). */
  results: RequestResult[];
  /** Transfers to insert, in order. */
  created: Transfer[];
  /** Final state of every account that changed. */
  accounts: Account[];
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

type Refusal = { code: LedgerErrorCode; message: string };

function refuse(code: LedgerErrorCode, message: string): Refusal {
  return { code, message };
}

function isValidId(id: unknown): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= MAX_ID_LENGTH;
}

function isPositiveAmount(amount: unknown): amount is bigint {
  return typeof amount === "bigint" && amount > 0n && amount <= MAX_AMOUNT;
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return (a === null && b === null) || (a !== null && b !== null && a.getTime() === b.getTime());
}

/** Does a stored transfer carry the same content as a request with its id? */
function sameContent(t: Transfer, r: LedgerRequest): boolean {
  switch (r.op) {
    case "transfer":
      return (
        t.phase === "single" &&
        t.reversesId === null &&
        t.debitAccountId === r.debitAccountId &&
        t.creditAccountId === r.creditAccountId &&
        t.asset === r.asset &&
        t.amount === r.amount &&
        t.kind === r.kind
      );
    case "hold":
      return (
        t.phase === "pending" &&
        t.debitAccountId === r.debitAccountId &&
        t.creditAccountId === r.creditAccountId &&
        t.asset === r.asset &&
        t.amount === r.amount &&
        t.kind === r.kind &&
        sameTime(t.timeoutAt, r.timeoutAt)
      );
    case "post":
      return (
        t.phase === "post_pending" &&
        t.pendingId === r.holdId &&
        (r.amount === undefined || t.amount === r.amount)
      );
    case "void":
      return t.phase === "void_pending" && t.pendingId === r.holdId;
    case "expire":
      return t.phase === "expire_pending" && t.pendingId === r.holdId;
    case "reverse":
      return (
        t.phase === "single" &&
        t.reversesId === r.reversesId &&
        t.kind === (r.kind ?? "reversal") &&
        (r.amount === undefined || t.amount === r.amount)
      );
  }
}

const PHASE_WORDS: Record<TransferPhase, string> = {
  single: "posted",
  pending: "pending",
  post_pending: "captured",
  void_pending: "released",
  expire_pending: "expired",
};

/** Mutable working copy of the view, with an undo journal for linked groups. */
class Working {
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

function overflows(...values: bigint[]): boolean {
  return values.some((v) => v > MAX_AMOUNT || v < 0n);
}

/** Debits allowed on this account by its no-overdraft flag? */
function withinBalance(a: Account, extraDebit: bigint): boolean {
  return !a.noOverdraft || a.postedDebits + a.pendingDebits + extraDebit <= a.postedCredits;
}

function available(a: Account): bigint {
  return a.postedCredits - a.postedDebits - a.pendingDebits;
}

function baseTransfer(r: LedgerRequest, now: Date) {
  return {
    id: r.id,
    customerId: r.customerId ?? null,
    reason: r.reason ?? null,
    actor: r.actor ?? null,
    refs: r.refs ?? {},
    effectiveAt: r.effectiveAt ?? now,
  };
}

function applyOne(w: Working, r: LedgerRequest, now: Date): Transfer | Refusal {
  if (!isValidId(r.id)) return refuse("invalid_id", "Transfer id must be 1–200 characters.");

  const existing = w.transfers.get(r.id);
  if (existing) {
    if (sameContent(existing, r)) return existing;
    return refuse("id_conflict", `Transfer ${r.id} already exists with different content.`);
  }

  switch (r.op) {
    case "transfer":
    case "hold": {
      if (!isPositiveAmount(r.amount)) {
        return refuse("invalid_amount", "Amount must be a positive integer in minor units.");
      }
      if (r.debitAccountId === r.creditAccountId) {
        return refuse("same_account", "Debit and credit accounts must differ.");
      }
      const debit = w.accounts.get(r.debitAccountId);
      const credit = w.accounts.get(r.creditAccountId);
      if (!debit) return refuse("unknown_account", `Unknown account ${r.debitAccountId}.`);
      if (!credit) return refuse("unknown_account", `Unknown account ${r.creditAccountId}.`);
      if (debit.asset !== r.asset || credit.asset !== r.asset) {
        return refuse(
          "asset_mismatch",
          `Asset ${r.asset} does not match the accounts (${debit.asset} → ${credit.asset}).`,
        );
      }
      if (debit.book !== undefined && credit.book !== undefined && debit.book !== credit.book) {
        return refuse("book_mismatch", `The accounts belong to two merchants (${debit.book} → ${credit.book}): value never moves between them.`);
      }
      if (r.op === "hold" && !(r.timeoutAt instanceof Date && r.timeoutAt.getTime() > now.getTime())) {
        return refuse("invalid_timeout", "A hold needs a timeout in the future.");
      }
      if (!withinBalance(debit, r.amount)) {
        return refuse(
          "overdraft",
          `Insufficient funds: ${available(debit)} available, ${r.amount} requested.`,
        );
      }
      const pending = r.op === "hold";
      const nextDebit: Account = pending
        ? { ...debit, pendingDebits: debit.pendingDebits + r.amount }
        : { ...debit, postedDebits: debit.postedDebits + r.amount };
      const nextCredit: Account = pending
        ? { ...credit, pendingCredits: credit.pendingCredits + r.amount }
        : { ...credit, postedCredits: credit.postedCredits + r.amount };
      if (
        overflows(
          nextDebit.postedDebits + nextDebit.pendingDebits,
          nextCredit.postedCredits + nextCredit.pendingCredits,
        )
      ) {
        return refuse("invalid_amount", "Amount would overflow the account's totals.");
      }
      const t: Transfer = {
        ...baseTransfer(r, now),
        debitAccountId: r.debitAccountId,
        creditAccountId: r.creditAccountId,
        asset: r.asset,
        amount: r.amount,
        kind: r.kind,
        phase: pending ? "pending" : "single",
        pendingId: null,
        reversesId: null,
        timeoutAt: r.op === "hold" ? r.timeoutAt : null,
      };
      w.updateAccount(debit.id, nextDebit);
      w.updateAccount(credit.id, nextCredit);
      w.addTransfer(t);
      return t;
    }

    case "post":
    case "void":
    case "expire": {
      const hold = w.transfers.get(r.holdId);
      if (!hold || hold.phase !== "pending") {
        return refuse("hold_not_found", `No hold ${r.holdId}.`);
      }
      const resolvedAs = w.resolved.get(hold.id);
      if (resolvedAs) {
        return refuse("hold_not_pending", `Hold ${hold.id} is already ${PHASE_WORDS[resolvedAs]}.`);
      }
      const timedOut = hold.timeoutAt !== null && now.getTime() >= hold.timeoutAt.getTime();
      if (r.op === "post" && timedOut) {
        return refuse("hold_expired", `Hold ${hold.id} expired at ${hold.timeoutAt?.toISOString()}.`);
      }
      if (r.op === "expire" && !timedOut) {
        return refuse("hold_not_expired", `Hold ${hold.id} has not reached its timeout yet.`);
      }
      let amount = hold.amount;
      if (r.op === "post" && r.amount !== undefined) {
        if (!isPositiveAmount(r.amount)) {
          return refuse("invalid_amount", "Amount must be a positive integer in minor units.");
        }
        if (r.amount > hold.amount) {
          return refuse(
            "hold_amount_exceeded",
            `Cannot capture ${r.amount}: hold ${hold.id} reserved ${hold.amount}.`,
          );
        }
        amount = r.amount;
      }
      const debit = w.accounts.get(hold.debitAccountId);
      const credit = w.accounts.get(hold.creditAccountId);
      if (!debit || !credit) return refuse("unknown_account", `Accounts of hold ${hold.id} not loaded.`);
      const posted = r.op === "post" ? amount : 0n;
      w.updateAccount(debit.id, {
        ...debit,
        pendingDebits: debit.pendingDebits - hold.amount,
        postedDebits: debit.postedDebits + posted,
      });
      w.updateAccount(credit.id, {
        ...credit,
        pendingCredits: credit.pendingCredits - hold.amount,
        postedCredits: credit.postedCredits + posted,
      });
      const phase: TransferPhase =
        r.op === "post" ? "post_pending" : r.op === "void" ? "void_pending" : "expire_pending";
      const t: Transfer = {
        ...baseTransfer(r, now),
        customerId: r.customerId ?? hold.customerId,
        debitAccountId: hold.debitAccountId,
        creditAccountId: hold.creditAccountId,
        asset: hold.asset,
        amount,
        kind: hold.kind,
        phase,
        pendingId: hold.id,
        reversesId: null,
        timeoutAt: null,
      };
      w.markResolved(hold.id, phase);
      w.addTransfer(t);
      return t;
    }

    case "reverse": {
      if (typeof r.reason !== "string" || r.reason.trim() === "") {
        return refuse("reason_required", "A reversal must say why.");
      }
      const original = w.transfers.get(r.reversesId);
      if (!original) return refuse("original_not_found", `No transfer ${r.reversesId}.`);
      if (original.phase !== "single" && original.phase !== "post_pending") {
        return refuse("original_not_posted", `Transfer ${original.id} moved nothing that can be reversed.`);
      }
      const remaining = original.amount - (w.reversed.get(original.id) ?? 0n);
      const amount = r.amount ?? remaining;
      if (!isPositiveAmount(amount)) {
        return refuse(
          amount === 0n && r.amount === undefined ? "reversal_exceeds_original" : "invalid_amount",
          amount === 0n && r.amount === undefined
            ? `Transfer ${original.id} is already fully reversed.`
            : "Amount must be a positive integer in minor units.",
        );
      }
      if (amount > remaining) {
        return refuse(
          "reversal_exceeds_original",
          `Cannot reverse ${amount} of ${original.id}: only ${remaining} is left to reverse.`,
        );
      }
      // The original's credit side gives back what it received.
      const debit = w.accounts.get(original.creditAccountId);
      const credit = w.accounts.get(original.debitAccountId);
      if (!debit || !credit) return refuse("unknown_account", `Accounts of ${original.id} not loaded.`);
      if (!withinBalance(debit, amount)) {
        return refuse(
          "overdraft",
          `Insufficient funds to reverse: ${available(debit)} available, ${amount} requested.`,
        );
      }
      w.updateAccount(debit.id, { ...debit, postedDebits: debit.postedDebits + amount });
      w.updateAccount(credit.id, { ...credit, postedCredits: credit.postedCredits + amount });
      const t: Transfer = {
        ...baseTransfer(r, now),
        customerId: r.customerId ?? original.customerId,
        debitAccountId: debit.id,
        creditAccountId: credit.id,
        asset: original.asset,
        amount,
        kind: r.kind ?? "reversal",
        phase: "single",
        pendingId: null,
        reversesId: original.id,
        timeoutAt: null,
      };
      w.addReversed(original.id, amount);
      w.addTransfer(t);
      return t;
    }
  }
}

function toResult(outcome: Transfer | Refusal, createdBefore: number, w: Working): RequestResult {
  if ("code" in outcome) return { ok: false, code: outcome.code, message: outcome.message };
  const created = w.created.length > createdBefore && w.created[w.created.length - 1] === outcome;
  return { ok: true, status: created ? "created" : "exists", transfer: outcome };
}

export function applyBatch(view: LedgerView, items: readonly BatchItem[], now: Date): BatchOutcome {
  const w = new Working(view);
  const results: RequestResult[] = [];

  for (const item of items) {
    if (!("linked" in item)) {
      const before = w.created.length;
      results.push(toResult(applyOne(w, item, now), before, w));
      continue;
    }
    if (item.linked.length === 0) {
      results.push({ ok: false, code: "empty_linked_group", message: "A linked group needs at least one request." });
      continue;
    }
    w.begin();
    const group: RequestResult[] = [];
    let failedAt = -1;
    for (const [i, r] of item.linked.entries()) {
      const before = w.created.length;
      const res = toResult(applyOne(w, r, now), before, w);
      group.push(res);
      if (!res.ok) {
        failedAt = i;
        break;
      }
    }
    if (failedAt < 0) {
      w.commit();
      results.push(...group);
      continue;
    }
    w.rollback();
    const cause = group[failedAt]!;
    const causeMessage = cause.ok ? "" : cause.message;
    item.linked.forEach((r, i) => {
      if (i === failedAt) results.push(cause);
      else
        results.push({
          ok: false,
          code: "linked_event_failed",
          message: `Not applied: linked request ${item.linked[failedAt]!.id} failed (${causeMessage})`,
        });
    });
  }

  return {
    results,
    created: w.created,
    accounts: [...w.changed].map((id) => w.accounts.get(id)!),
  };
}
