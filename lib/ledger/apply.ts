// Applying a batch of ledger requests to a view of the ledger. Pure: the caller loads the view
// (with the accounts locked), calls applyBatch, and writes `created` and `accounts` back.
//
// Each item is applied in order and sees the effect of the items before it. A linked group is
// applied all-or-nothing. A refused request writes nothing and does not affect the others.
//
// The posting core is here (transfers and new holds); resolving a hold is in holds.ts, reversals in
// reversals.ts, the shared checks in validate.ts, the working copy in working.ts.

import type { Account, BatchItem, LedgerRequest, RequestResult, Transfer } from "./types";
import { resolveHold } from "./holds";
import { reverseTransfer } from "./reversals";
import { available, isPositiveAmount, isValidId, overflows, refuse, sameContent, withinBalance, type Refusal } from "./validate";
import type { LedgerView } from "./view";
import { baseTransfer, Working } from "./working";

export { MAX_AMOUNT } from "./validate";
export { flattenItems, referencedAccountIds, referencedTransferIds, type LedgerView } from "./view";

export type BatchOutcome = {
  /** One result per request, in the order given (linked groups flattened). */
  results: RequestResult[];
  /** Transfers to insert, in order. */
  created: Transfer[];
  /** Final state of every account that changed. */
  accounts: Account[];
};

type Move = Extract<LedgerRequest, { op: "transfer" | "hold" }>;

/** A transfer, or a new hold (the same move, its amounts pending until the hold is resolved). */
function applyMove(w: Working, r: Move, now: Date): Transfer | Refusal {
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

function applyOne(w: Working, r: LedgerRequest, now: Date): Transfer | Refusal {
  if (!isValidId(r.id)) return refuse("invalid_id", "Transfer id must be 1–200 characters.");

  const existing = w.transfers.get(r.id);
  if (existing) {
    if (sameContent(existing, r)) return existing;
    return refuse("id_conflict", `Transfer ${r.id} already exists with different content.`);
  }

  switch (r.op) {
    case "transfer":
    case "hold":
      return applyMove(w, r, now);
    case "post":
    case "void":
    case "expire":
      return resolveHold(w, r, now);
    case "reverse":
      return reverseTransfer(w, r, now);
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
