// npm run usage:archive -- --before 2026-01 — detach the usage months (events and their charges)
// strictly before that UTC month, oldest first, as long as each is closed, invoiced and reconciles
// (rules: lib/services/usage/usage-archive.ts); prints what it detached and how to dump and drop it.
// npm run usage:archive -- --drop 2025-11 — drop the tables of a month detached before.
// Exit 0 when done, 1 when it stopped at a month it may not archive, 2 on bad input.
import { archiveUsageBefore, dropArchivedMonth, formatArchiveReport } from "@/lib/services/usage";
import { monthRange } from "@/lib/services/cycle";
import { runWithDatabase } from "./with-database";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? "") : undefined;
};
const before = arg("--before");
const drop = arg("--drop");
if ((before === undefined) === (drop === undefined)) {
  console.error("Usage: npm run usage:archive -- --before yyyy-mm   (detach the months before it)\n       npm run usage:archive -- --drop yyyy-mm     (drop an archived month's tables)");
  process.exit(2);
}
try {
  monthRange((before ?? drop)!);
} catch (e) {
  console.error((e as Error).message.replace("--period", before !== undefined ? "--before" : "--drop"));
  process.exit(2);
}
runWithDatabase(async (h) => {
  if (drop !== undefined) {
    console.log(`Dropped ${(await dropArchivedMonth(h, drop)).join(", ")}.`);
    return 0;
  }
  const result = await archiveUsageBefore(h, before!);
  console.log(formatArchiveReport(result, h.mode.kind));
  return result.stopped ? 1 : 0;
});
