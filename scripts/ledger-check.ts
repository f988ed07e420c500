// npm run ledger:check — verify every ledger invariant (DESIGN §4) over the whole database.
// Exits 0 when clean; 1 with a report naming each violation.
import { openDatabase } from "@/lib/db/client";
import { EmbeddedDbLockedError } from "@/lib/db/lock";
import { formatViolations } from "@/lib/ledger";
import { checkLedger } from "@/lib/services/ledger";

async function main() {
  const h = openDatabase();
  try {
    const started = Date.now();
    const report = await checkLedger(h.prisma);
    const took = ((Date.now() - started) / 1000).toFixed(1);
    if (report.ok) {
      console.log(`Ledger clean: ${report.transfers} transfers over ${report.accounts} accounts checked in ${took}s.`);
      console.log("  ✓ every transfer balances   ✓ sums per asset are zero   ✓ stored totals match their transfers");
      console.log("  ✓ no wallet below zero      ✓ holds resolved once, within what they held   ✓ reversals within their originals");
      return 0;
    }
    console.error(`Ledger check FAILED: ${report.violations.length} violation(s) in ${report.transfers} transfers over ${report.accounts} accounts:\n`);
    console.error(formatViolations(report.violations.slice(0, 200)));
    if (report.violations.length > 200) console.error(`… and ${report.violations.length - 200} more`);
    return 1;
  } finally {
    await h.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof EmbeddedDbLockedError ? `\n${e.message}\n` : e);
    process.exit(2);
  },
);
