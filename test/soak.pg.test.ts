// The mixed-load soak as a test (scripts/soak/engine.ts): 10,000 concurrent mixed operations
// against two `next start` servers and two job workers on one fresh PostgreSQL database, then
// every money check — no overdraft, nothing charged or credited twice, one grant per period, the
// period close once, auto top-ups within their cap, `ledger:check` and the reconcile commands clean.
// Run it with `npm run test:soak` (excluded from `test:unit`: it starts four processes and runs
// alone). SOAK_TEST_OPERATIONS shrinks it (e.g. on a loaded machine); `npm run soak` is the full size.
import { describe, expect, it } from "vitest";
import { runSoak } from "@/scripts/soak/engine";

const OPERATIONS = Number(process.env.SOAK_TEST_OPERATIONS ?? 10_000);

describe("mixed-load soak: two servers, two workers, one PostgreSQL", () => {
  it(
    `keeps money exact under ${OPERATIONS.toLocaleString("en-US")} concurrent mixed operations`,
    async () => {
      const report = await runSoak({
        operations: OPERATIONS,
        concurrency: 48,
        customersPerModel: 20,
        basePort: Number(process.env.SOAK_PORT ?? 3294),
        maxSeconds: 540,
        log: (s) => (s.startsWith("[") ? undefined : console.log(s)),
      });
      console.log(
        `soak: ${report.operations} operations in ${report.seconds.toFixed(1)} s (${(report.operations / report.seconds).toFixed(0)}/s, load ${report.loadAverage.toFixed(1)})\n` +
          report.checks.map((c) => `  ${c.ok ? "✓" : "✗"} ${c.name}: ${c.detail}`).join("\n"),
      );
      // Every operation was sent and answered (the time bound is a safety net, not the test's size).
      expect(report.operations).toBeGreaterThanOrEqual(OPERATIONS);
      expect(report.serverErrors).toBe(0);
      // The load really mixed what it claims: usage of all models, holds, purchases, auto top-ups, a close.
      expect(report.counts.events_accepted).toBeGreaterThan(0);
      expect(report.counts.holds_captured).toBeGreaterThan(0);
      expect(report.counts.holds_released).toBeGreaterThan(0);
      expect(report.counts.purchase_double_submits).toBeGreaterThan(0);
      expect(report.counts.payments_succeeded).toBeGreaterThan(0);
      // packs and funds bought in the portal, not only automatic top-ups and renewals
      expect(report.counts.purchases_succeeded).toBeGreaterThan(0);
      expect(report.counts.auto_top_ups_charged).toBeGreaterThan(0);
      expect(report.counts.periods_closed).toBe(60);
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    },
    900_000,
  );
});
