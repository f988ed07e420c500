// The ledger's invariants (DESIGN §4), checked over a stream of accounts and transfers:
//   1. every transfer balances: positive amount, two different accounts, one asset;
//   2. for every asset the sum over all accounts is zero (posted and pending);
//   3. every account's stored totals equal the sums of its transfers;
//   4. a no-overdraft account's debits never exceed its credits;
//   5. holds are resolved at most once, never for more than they reserved, by transfers on the
//      same accounts; reversals name a posted original, swap its accounts, never exceed it.
// Used by the property tests and by `npm run ledger:check` (which streams the whole database).

import { MAX_AMOUNT } from "./validate";
import type { Account, Transfer } from "./types";

export type Violation = { invariant: string; subject: string; message: string };

type Totals = { postedDebits: bigint; postedCredits: bigint; pendingDebits: bigint; pendingCredits: bigint };

const zero = (): Totals => ({ postedDebits: 0n, postedCredits: 0n, pendingDebits: 0n, pendingCredits: 0n });

export class InvariantChecker {
  private readonly accounts = new Map<string, Account>();
  private readonly totals = new Map<string, Totals>();
  /** Holds seen, and their resolution if any. */
  private readonly holds = new Map<string, Transfer>();
  private readonly resolutions = new Map<string, Transfer>();
  private readonly posted = new Map<string, Transfer>();
  private readonly reversedSum = new Map<string, bigint>();
  private readonly violations: Violation[] = [];
  private transferCount = 0;

  addAccount(a: Account) {
    this.accounts.set(a.id, a);
    this.totals.set(a.id, zero());
  }

  private flag(invariant: string, subject: string, message: string) {
    this.violations.push({ invariant, subject, message });
  }

  /** Transfers must arrive in the order they were written (holds before what resolves them). */
  addTransfer(t: Transfer) {
    this.transferCount++;
    const debit = this.accounts.get(t.debitAccountId);
    const credit = this.accounts.get(t.creditAccountId);
    if (t.amount <= 0n || t.amount > MAX_AMOUNT) {
      this.flag("transfer balances", t.id, `amount ${t.amount} is not a positive integer`);
    }
    if (t.debitAccountId === t.creditAccountId) {
      this.flag("transfer balances", t.id, "debits and credits the same account");
    }
    if (!debit || !credit) {
      this.flag("transfer balances", t.id, `names an unknown account (${!debit ? t.debitAccountId : t.creditAccountId})`);
      return;
    }
    if (debit.asset !== t.asset || credit.asset !== t.asset) {
      this.flag("transfer balances", t.id, `asset ${t.asset} but accounts hold ${debit.asset} → ${credit.asset}`);
    }
    const d = this.totals.get(debit.id)!;
    const c = this.totals.get(credit.id)!;

    switch (t.phase) {
      case "single": {
        d.postedDebits += t.amount;
        c.postedCredits += t.amount;
        this.posted.set(t.id, t);
        if (t.reversesId !== null) this.checkReversal(t);
        this.checkRunningOverdraft(debit, d, t);
        break;
      }
      case "pending": {
        d.pendingDebits += t.amount;
        c.pendingCredits += t.amount;
        this.holds.set(t.id, t);
        this.checkRunningOverdraft(debit, d, t);
        break;
      }
      case "post_pending":
      case "void_pending":
      case "expire_pending": {
        const hold = t.pendingId === null ? undefined : this.holds.get(t.pendingId);
        if (!hold) {
          this.flag("holds", t.id, `resolves an unknown hold ${t.pendingId}`);
          break;
        }
        if (this.resolutions.has(hold.id)) {
          this.flag("holds", hold.id, `resolved twice (${this.resolutions.get(hold.id)!.id} and ${t.id})`);
          break;
        }
        this.resolutions.set(hold.id, t);
        if (hold.debitAccountId !== t.debitAccountId || hold.creditAccountId !== t.creditAccountId) {
          this.flag("holds", t.id, `resolves hold ${hold.id} on other accounts`);
        }
        if (t.phase === "post_pending" && t.amount > hold.amount) {
          this.flag("holds", t.id, `captures ${t.amount}, more than the ${hold.amount} held`);
        }
        if (t.phase !== "post_pending" && t.amount !== hold.amount) {
          this.flag("holds", t.id, `releases ${t.amount} of a ${hold.amount} hold`);
        }
        const hd = this.totals.get(hold.debitAccountId);
        const hc = this.totals.get(hold.creditAccountId);
        if (hd && hc) {
          hd.pendingDebits -= hold.amount;
          hc.pendingCredits -= hold.amount;
        }
        if (t.phase === "post_pending") {
          d.postedDebits += t.amount;
          c.postedCredits += t.amount;
          this.posted.set(t.id, t);
        }
        break;
      }
    }
  }

  /** In write order, a no-overdraft account must never have dipped below zero. */
  private checkRunningOverdraft(a: Account, running: Totals, t: Transfer) {
    if (a.noOverdraft && running.postedDebits + running.pendingDebits > running.postedCredits) {
      this.flag("no overdraft", a.id, `went below zero with transfer ${t.id}`);
    }
  }

  private checkReversal(t: Transfer) {
    const original = this.posted.get(t.reversesId!);
    if (!original) {
      this.flag("reversals", t.id, `reverses ${t.reversesId}, which is not a posted transfer before it`);
      return;
    }
    if (original.debitAccountId !== t.creditAccountId || original.creditAccountId !== t.debitAccountId) {
      this.flag("reversals", t.id, `does not swap the accounts of ${original.id}`);
    }
    const sum = (this.reversedSum.get(original.id) ?? 0n) + t.amount;
    this.reversedSum.set(original.id, sum);
    if (sum > original.amount) {
      this.flag("reversals", original.id, `reversed ${sum} in all, more than its ${original.amount}`);
    }
    if (!t.reason || t.reason.trim() === "") {
      this.flag("reversals", t.id, "has no reason");
    }
  }

  /** The violations found, after checking stored totals, sums per asset and overdrafts. */
  finish(): { violations: Violation[]; accounts: number; transfers: number } {
    const perAsset = new Map<string, Totals>();
    for (const [id, a] of this.accounts) {
      const t = this.totals.get(id)!;
      for (const field of ["postedDebits", "postedCredits", "pendingDebits", "pendingCredits"] as const) {
        if (a[field] !== t[field]) {
          this.flag("stored totals", id, `${field} is ${a[field]} but its transfers sum to ${t[field]}`);
        }
      }
      if (a.noOverdraft && a.postedDebits + a.pendingDebits > a.postedCredits) {
        this.flag(
          "no overdraft",
          id,
          `debits ${a.postedDebits} + held ${a.pendingDebits} exceed credits ${a.postedCredits}`,
        );
      }
      const s = perAsset.get(a.asset) ?? zero();
      s.postedDebits += a.postedDebits;
      s.postedCredits += a.postedCredits;
      s.pendingDebits += a.pendingDebits;
      s.pendingCredits += a.pendingCredits;
      perAsset.set(a.asset, s);
    }
    for (const [asset, s] of perAsset) {
      if (s.postedDebits !== s.postedCredits) {
        this.flag("sum per asset is zero", asset, `posted debits ${s.postedDebits} ≠ posted credits ${s.postedCredits}`);
      }
      if (s.pendingDebits !== s.pendingCredits) {
        this.flag("sum per asset is zero", asset, `pending debits ${s.pendingDebits} ≠ pending credits ${s.pendingCredits}`);
      }
    }
    return { violations: this.violations, accounts: this.accounts.size, transfers: this.transferCount };
  }
}

export function checkInvariants(accounts: Iterable<Account>, transfers: Iterable<Transfer>) {
  const c = new InvariantChecker();
  for (const a of accounts) c.addAccount(a);
  for (const t of transfers) c.addTransfer(t);
  return c.finish();
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `✗ [${v.invariant}] ${v.subject}: ${v.message}`).join("\n");
}
