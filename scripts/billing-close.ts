// npm run billing:close [-- --now 2026-12-01T00:00:00Z] — run all billing work due at that time
// (default: now): roll ended periods, close periods past their grace window, expire purchased
// credits. Safe to run any number of times, beside the background workers.
import { runBillingCycle } from "@/lib/services/cycle";
import { runWithDatabase } from "./with-database";

function parseNow(): Date {
  const i = process.argv.indexOf("--now");
  if (i < 0) return new Date();
  const text = process.argv[i + 1];
  const at = text ? new Date(text) : new Date(NaN);
  if (Number.isNaN(at.getTime())) {
    console.error(`--now needs a date, e.g. --now 2026-12-01T00:00:00Z (got ${text ?? "nothing"})`);
    process.exit(2);
  }
  return at;
}

const now = parseNow();
runWithDatabase(async (h) => {
  const t = await runBillingCycle(now, h.prisma);
  console.log(`Billing cycle at ${now.toISOString()}: ${t.rolls} subscription(s) moved to their current period, ${t.closes} period(s) closed, ${t.invoices} renewal invoice(s) issued, ${t.lots} purchased-credit lot(s) expired; ${t.jobs} job(s) run.`);
  if (t.failed > 0) {
    console.error(`${t.failed} job(s) failed and will be retried by the worker; see the jobs table (status 'retry'/'failed').`);
    return 1;
  }
  return 0;
});
