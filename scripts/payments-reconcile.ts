// npm run payments:reconcile — compare every recent payment with the payment provider and repair
// what differs, through the same idempotent paths as the portal and the webhooks: charged but not
// credited → credited; never reached the provider → failed ("nothing was charged"); refunded,
// disputed or failed at the provider → reversed with a credit note. Prints what it did; exits 1
// when something could not be repaired. Options: --since-days N (default 90), --stale-minutes N
// (default 10: younger payments may still be in flight).
import { reconcilePayments } from "@/lib/services/payments";
import { runWithDatabase } from "./with-database";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) {
    console.error(`--${name} needs a number`);
    process.exit(2);
  }
  return v;
}

const sinceDays = option("since-days", 90);
const staleMinutes = option("stale-minutes", 10);
runWithDatabase(async () => {
  const r = await reconcilePayments({ sinceDays, staleAfterMs: staleMinutes * 60_000 });
  console.log(`Checked ${r.checked} payment(s) against the provider (last ${sinceDays} days).`);
  for (const a of r.repaired) console.log(`  repaired ${a.paymentId}: ${a.before} → ${a.after}`);
  for (const id of r.waiting) console.log(`  waiting  ${id}: the customer has not completed authentication`);
  for (const u of r.unresolved) console.error(`  FAILED   ${u.paymentId}: ${u.error}`);
  if (r.repaired.length === 0 && r.unresolved.length === 0) console.log("  Nothing to repair: every payment agrees with the provider.");
  return r.unresolved.length > 0 ? 1 : 0;
});
