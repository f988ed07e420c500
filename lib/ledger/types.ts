// The ledger's vocabulary (DESIGN §4). Pure data: no database, no clock.

export type TransferKind =
  | "grant"
  | "purchase"
  | "top_up"
  | "usage"
  | "expiry"
  | "rollover"
  | "adjustment"
  | "reversal"
  | "refund";


/** single: posted at once; pending: a hold; the other three resolve a hold. */
export type TransferPhase = "single" | "pending" | "post_pending" | "void_pending" | "expire_pending";

export type Account = {
  id: string;
  asset: string;
  /** Whose books hold the account (a merchant): value never moves between two merchants' books. */
  book?: string;
  /** Debits may never exceed credits: the wallet cannot go below zero. */
  noOverdraft: boolean;
  postedDebits: bigint;
  postedCredits: bigint;
  pendingDebits: bigint;
  pendingCredits: bigint;
};

export type Refs = Record<string, string | number | boolean | null | string[]>;

/** A transfer as stored: immutable once written. */
export type Transfer = {
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  asset: string;
  amount: bigint;
  kind: TransferKind;
  phase: TransferPhase;
  pendingId: string | null;
  reversesId: string | null;
  timeoutAt: Date | null;
  customerId: string | null;
  reason: string | null;
  actor: string | null;
  refs: Refs;
  effectiveAt: Date;
};

type Common = {
  /** The idempotency key: unique, never applied twice. */
  id: string;
  customerId?: string | null;
  reason?: string | null;
  actor?: string | null;
  refs?: Refs;
  /** Business time; defaults to the batch's `now`. */
  effectiveAt?: Date;
};

/** Move `amount` now. */
export type TransferRequest = Common & {
  op: "transfer";
  debitAccountId: string;
  creditAccountId: string;
  asset: string;
  amount: bigint;
  kind: TransferKind;
};

/** Reserve `amount` until posted, voided or expired at `timeoutAt`. */
type HoldRequest = Common & {
  op: "hold";
  debitAccountId: string;
  creditAccountId: string;
  asset: string;
  amount: bigint;
  kind: TransferKind;
  timeoutAt: Date;
};

/** Post a hold, in full (no amount) or in part. */
type PostRequest = Common & { op: "post"; holdId: string; amount?: bigint };

/** Release a hold. */
type VoidRequest = Common & { op: "void"; holdId: string };

/** Release a hold whose time has run out. */
type ExpireRequest = Common & { op: "expire"; holdId: string };

/** Undo (part of) a posted transfer; names the original and why. */
type ReverseRequest = Common & {
  op: "reverse";
  reversesId: string;
  amount?: bigint;
  reason: string;
  kind?: "reversal" | "refund";
};

export type LedgerRequest =
  | TransferRequest
  | HoldRequest
  | PostRequest
  | VoidRequest
  | ExpireRequest
  | ReverseRequest;

/** A batch item: one request, or a linked group applied all-or-nothing. */
export type BatchItem = LedgerRequest | { linked: LedgerRequest[] };

export type LedgerErrorCode =
  | "invalid_id"
  | "invalid_amount"
  | "unknown_account"
  | "same_account"
  | "asset_mismatch"
  | "book_mismatch"
  | "overdraft"
  | "id_conflict"
  | "hold_not_found"
  | "hold_not_pending"
  | "hold_expired"
  | "hold_not_expired"
  | "hold_amount_exceeded"
  | "invalid_timeout"
  | "original_not_found"
  | "original_not_posted"
  | "reversal_exceeds_original"
  | "reason_required"
  | "linked_event_failed"
  | "empty_linked_group";

export type RequestResult =
  | { ok: true; status: "created" | "exists"; transfer: Transfer }
  | { ok: false; code: LedgerErrorCode; message: string };

/** Thrown by services when a ledger refusal should abort the surrounding use case. */
export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  constructor(code: LedgerErrorCode, message: string) {
    super(message);
    this.name = "LedgerError";
    this.code = code;
  }
}
