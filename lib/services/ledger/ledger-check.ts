import "server-only";
// Verifies every ledger invariant (DESIGN §4) over the whole database: streams all accounts and
// every transfer in write order through the pure checker. Used by `npm run ledger:check` and tests.
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { allAccounts, transfersPage } from "@/lib/db/ledger-store";
import { InvariantChecker, type Violation } from "@/lib/ledger";

type LedgerCheckReport = { ok: boolean; accounts: number; transfers: number; violations: Violation[] };

export async function checkLedger(client: PrismaClient = db(), pageSize = 20_000): Promise<LedgerCheckReport> {
  // One snapshot for the whole read, so concurrent writers cannot make a clean ledger look wrong.
  return client.$transaction(
    async (tx) => {
      const checker = new InvariantChecker();
      for (const a of await allAccounts(tx)) checker.addAccount(a);
      let after = 0n;
      for (;;) {
        const page = await transfersPage(tx, after, pageSize);
        for (const { transfer } of page) checker.addTransfer(transfer);
        if (page.length < pageSize) break;
        after = page[page.length - 1]!.seq;
      }
      const result = checker.finish();
      return { ok: result.violations.length === 0, ...result };
    },
    { isolationLevel: "RepeatableRead", timeout: 600_000, maxWait: 60_000 },
  );
}
