// The checks the apply steps share: valid ids and amounts, the no-overdraft rule, totals that stay
// within a BIGINT, whether a repeated id carries the same content — and the refusal they return.

import type { Account, LedgerErrorCode, LedgerRequest, Transfer } from "./types";

/** Largest value a PostgreSQL BIGINT holds; no amount or running total may exceed it. */
export const MAX_AMOUNT = 2n ** 63n - 1n;
const MAX_ID_LENGTH = 200;

export type Refusal = { code: LedgerErrorCode; message: string };

export function refuse(code: LedgerErrorCode, message: string): Refusal {
  return { code, message };
}

export function isValidId(id: unknown): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= MAX_ID_LENGTH;
}

export function isPositiveAmount(amount: unknown): amount is bigint {
  return typeof amount === "bigint" && amount > 0n && amount <= MAX_AMOUNT;
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return (a === null && b === null) || (a !== null && b !== null && a.getTime() === b.getTime());
}

/** Does a stored transfer carry the same content as a request with its id? */
export function sameContent(t: Transfer, r: LedgerRequest): boolean {
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

export function overflows(...values: bigint[]): boolean {
  return values.some((v) => v > MAX_AMOUNT || v < 0n);
}

/** Debits allowed on this account by its no-overdraft flag? */
export function withinBalance(a: Account, extraDebit: bigint): boolean {
  return !a.noOverdraft || a.postedDebits + a.pendingDebits + extraDebit <= a.postedCredits;
}

export function available(a: Account): bigint {
  return a.postedCredits - a.postedDebits - a.pendingDebits;
}
