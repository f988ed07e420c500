// Reversing a posted transfer, in full or in part: money goes back the way it came, never more than
// is left to reverse, and never past a no-overdraft account's balance.

import type { LedgerRequest, Transfer } from "./types";
import { available, isPositiveAmount, refuse, withinBalance, type Refusal } from "./validate";
import { baseTransfer, type Working } from "./working";

type ReverseRequest = Extract<LedgerRequest, { op: "reverse" }>;

export function reverseTransfer(w: Working, r: ReverseRequest, now: Date): Transfer | Refusal {
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
