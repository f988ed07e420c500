// Resolving a hold: capture it (in full or in part), release it, or expire it once its timeout has
// passed. The pending amounts it reserved leave both accounts; a capture posts what it takes.

import type { LedgerRequest, Transfer, TransferPhase } from "./types";
import { isPositiveAmount, refuse, type Refusal } from "./validate";
import { baseTransfer, type Working } from "./working";

type HoldResolution = Extract<LedgerRequest, { op: "post" | "void" | "expire" }>;

const PHASE_WORDS: Record<TransferPhase, string> = {
  single: "posted",
  pending: "pending",
  post_pending: "captured",
  void_pending: "released",
  expire_pending: "expired",
};

export function resolveHold(w: Working, r: HoldResolution, now: Date): Transfer | Refusal {
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
