// The mixed-load soak: many concurrent mixed operations against TWO `next start` server
// processes and TWO `npm run worker` processes sharing one fresh PostgreSQL database, over
// loopback only — the way Portico scales out (stateless app instances, PostgreSQL as the system of
// record). Then it proves, from the database and from the project's own commands:
//   - zero overdrafts (no wallet that forbids overdraft below zero),
//   - zero duplicate credits or charges (one payment per idempotency key, one provider charge per
//     payment, one wallet credit per successful payment and none for a failed one, one grant per
//     period, a usage event re-sent is never charged twice),
//   - `npm run ledger:check`, `npm run payments:reconcile` (and `npm run billing:reconcile` when the
//     checkout has it) clean.
// The operations: usage batches for customers of all three models, authorize + hold then capture
// (partial) or release — on the other server —, credit-pack purchases and add-funds top-ups through
// the portal's own server action (signed-in owner, some double-submitted to both servers at once
// with one form key), wallet reads, automatic top-ups triggered by the usage (charged by the
// workers), and a period close in the middle (`npm run billing:close -- --now <date>`, a moved clock).
// Bounded in count (`operations`) and in time (`maxSeconds`).
// The parts: setup.ts (the customers), processes.ts (servers, workers, npm scripts), workload.ts
// (the load), checks.ts (the proofs).
import { spawnSync, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { setDbHandle } from "@/lib/db/client";
import { createBenchDatabase, percentile, sampleServerMemory } from "../bench/support";
import { proveSoak, type Check } from "./checks";
import { actionId, ROOT, sleep, startFleet, tsx } from "./processes";
import { SECRET, setUpCustomers } from "./setup";
import { runLoad } from "./workload";

type SoakOptions = {
  /** Operations to run (each HTTP request the load sends is one). */
  operations: number;
  /** Concurrent clients. */
  concurrency: number;
  /** Customers per consumption model. */
  customersPerModel: number;
  /** First of the two server ports (the second is +1). */
  basePort: number;
  /** The load stops here even if `operations` were not all sent. */
  maxSeconds: number;
  log?: (s: string) => void;
};

export type SoakReport = {
  options: SoakOptions;
  startedAt: string;
  machine: string;
  loadAverage: number;
  seconds: number;
  operations: number;
  byKind: Record<string, { n: number; p50: number; p95: number; p99: number }>;
  serverErrors: number;
  /** Peak resident memory (VmHWM) of each server and worker process, MiB. */
  memoryMiB: { servers: number[]; workers: number[] };
  counts: Record<string, number>;
  checks: Check[];
  ok: boolean;
};

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const startedAt = new Date();
  const loadAverage = os.loadavg()[0]!;
  const build = spawnSync(tsx, [path.join(ROOT, "scripts", "build-if-stale.ts")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (build.status !== 0) throw new Error("next build failed");
  const purchaseActionId = actionId("lib/actions/confirm-purchase.ts", "confirmPurchase");

  const db = await createBenchDatabase(10);
  setDbHandle(db);
  const children: ChildProcess[] = [];
  // The soak buys far more often per customer than the portal's per-customer payment limit allows
  // (10 per 10 minutes): it proves money stays exact under load, so that limit is off here
  // (the limit itself is proven by lib/services/shared/rate-limits.pg.test.ts and the security suites).
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: db.url,
    NEXTAUTH_SECRET: SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
    PORTICO_LIMIT_PURCHASE: "0",
  };
  try {
    // ── set-up: the demo catalogue, the soak's customers (first period already ended an hour ago, so
    //    it is rolled by the servers/workers and closed by the moved clock mid-load), cards, auto top-ups
    const { customers, key } = await setUpCustomers(db, options.customersPerModel);

    // ── two servers, two workers
    const { ports, bases } = await startFleet(options.basePort, env, log, children);
    const samplers = children.map((c) => sampleServerMemory(c.pid!, 500));
    log(`2 servers on :${ports.join(", :")} and 2 workers on ${new URL(db.url).pathname.slice(1)}; ${customers.length} customers; ${options.operations} operations from ${options.concurrency} clients…`);

    // ── the load
    const { t0, seconds, sent, latencies, counts, serverErrors, acceptedEvents, formKeys, closed } = await runLoad({ ...options, customers, key, purchaseActionId, bases, env, log });

    // ── drain: the workers deliver the provider's events, run the auto top-ups, expire the holds
    const drainUntil = Date.now() + 90_000;
    for (;;) {
      const [r] = await db.raw.query<{ jobs: string; payments: string; holds: string }>(
        `SELECT (SELECT count(*) FROM jobs WHERE status IN ('queued','running','retry') AND run_at <= now() + interval '30 seconds') AS jobs,
                (SELECT count(*) FROM payments WHERE status = 'processing') AS payments,
                (SELECT count(*) FROM holds WHERE status = 'pending') AS holds`,
      );
      if (r!.jobs === "0" && r!.payments === "0" && r!.holds === "0") break;
      if (Date.now() > drainUntil) {
        log(`drain timed out: ${JSON.stringify(r)}`);
        break;
      }
      await sleep(1_000);
    }
    const drainSeconds = (performance.now() - t0) / 1000 - seconds;
    const peaks = samplers.map((m) => m.stop().peakRssMiB);
    const memoryMiB = { servers: peaks.slice(0, 2), workers: peaks.slice(2) };

    // ── the proofs
    const { checks, figures } = await proveSoak(db, { customers, serverErrors, acceptedEvents, formKeys, counts, closed, drainSeconds, env });
    Object.assign(counts, figures);

    const byKind = Object.fromEntries(Object.entries(latencies).map(([k, xs]) => [k, { n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) }]));
    return { options, startedAt: startedAt.toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}`, loadAverage, seconds, operations: sent, byKind, serverErrors, memoryMiB, counts, checks, ok: checks.every((c) => c.ok) };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    setDbHandle(undefined);
    await db.drop();
  }
}
