// npm run billing:reconcile -- --period 2026-11 — per customer, for the billing periods that start
// in that UTC month: usage events → ledger burn → invoice lines → payments, every difference
// named. Exit 0 when all agree, 1 when any difference, 2 on bad input. Read-only.
import { formatReconcileReport, monthRange, reconcileBilling } from "@/lib/services/cycle";
import { runWithDatabase } from "./with-database";

const i = process.argv.indexOf("--period");
const period = i >= 0 ? (process.argv[i + 1] ?? "") : new Date().toISOString().slice(0, 7);
try {
  monthRange(period);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
runWithDatabase(async (h) => {
  const report = await reconcileBilling(period, h.prisma);
  console.log(formatReconcileReport(report));
  return report.differences.length > 0 ? 1 : 0;
});
