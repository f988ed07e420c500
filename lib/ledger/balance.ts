// Reading an account: O(1) from its running totals, whatever the length of its history.
import type { Account } from "./types";

type Balance = {
  /** What has settled: credits − debits. */
  posted: bigint;
  /** Reserved by holds that may still be captured. */
  held: bigint;
  /** What can be spent now: posted − held. */
  available: bigint;
};

/** Balance of a credit-normal account (a customer's wallet: credits add, debits spend). */
export function balanceOf(a: Pick<Account, "postedDebits" | "postedCredits" | "pendingDebits">): Balance {
  const posted = a.postedCredits - a.postedDebits;
  return { posted, held: a.pendingDebits, available: posted - a.pendingDebits };
}
