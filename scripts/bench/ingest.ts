// npm run bench:ingest — usage events per second through the HTTP batch API into PostgreSQL:
//   the production build (`next start`) on a fresh PostgreSQL database, a merchant key, and
//   CLIENTS concurrent clients over loopback, each sending batches of 1,000 events (ids never seen
//   before) for its own three customers — one per consumption model, funded so every event is
//   accepted: each event is authenticated, parsed, rated against its locked wallet, posted to the
//   ledger (one transfer per bucket, action and day), stored with its cost and charges, and added
//   to the daily aggregates. Beside it, in the same run, from the same number of connections and
//   in batches of the same size: the baseline — the same rows written into the same tables by
//   plain multi-row SQL (ingest-baseline.ts), and for reference the events alone in one multi-row
//   INSERT INTO usage_events. Alternating rounds, medians.
// Writes its section of docs/benchmarks.md.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { setDbHandle } from "@/lib/db/client";
import { checkLedger } from "@/lib/services/ledger";
import { BENCH_ACTIONS, seedBenchMerchant } from "./customers";
import { rawBatch, rawWallets, type BenchRow as Row } from "./ingest-baseline";
import { createBenchDatabase, fmt, machine, median, recordResults, sampleServerMemory, writeSection } from "./support";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const BATCH = 1_000;
const BATCHES_PER_ROUND = Number(process.env.BENCH_BATCHES ?? 10); // per client
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3139);
const MER = "mer_bench";
const root = path.resolve(import.meta.dirname, "..", "..");


function log(s: string) {
  console.log(s);
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  const build = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "build-if-stale.ts")], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("next build failed");
  const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORTICO_WORKER: "0",
      PORTICO_DB_POOL: String(Math.max(10, CLIENTS * 2)),
      NEXTAUTH_SECRET: "bench-secret-not-for-production-000000000000",
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  child.stderr?.on("data", (d) => process.stderr.write(`[server] ${d}`));
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/openapi.json`);
      if (res.ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill("SIGTERM");
  throw new Error("The server did not start");
}

type PerBatch = { events: number; charges: number; transfers: number; daily: number };

/** What a batch of 1,000 wrote, on average, for a set of customers (Portico's or the baseline's). */
async function rowsPerBatch(raw: { query<T>(sql: string, params?: unknown[]): Promise<T[]> }, ids: string[]): Promise<PerBatch> {
  const [r] = await raw.query<{ events: string; charges: string; transfers: string }>(
    `SELECT (SELECT count(*) FROM usage_events WHERE customer_id = ANY($1::text[]) AND event_id NOT LIKE 'ref-%') AS events,
            (SELECT count(*) FROM usage_charges c JOIN usage_events e ON e.pk = c.event_pk WHERE e.customer_id = ANY($1::text[])) AS charges,
            (SELECT count(*) FROM ledger_transfers WHERE kind = 'usage' AND customer_id = ANY($1::text[])) AS transfers`,
    [ids],
  );
  const batches = Number(r!.events) / BATCH;
  return { events: BATCH, charges: Number(r!.charges) / batches, transfers: Number(r!.transfers) / batches, daily: 0 };
}

/** How many (customer, action, UTC day) groups — daily upserts — a batch of these rows has. */
function dailyGroups(rows: Row[]): number {
  return new Set(rows.map((r) => `${r.customerId}|${r.action}|${r.timestamp.slice(0, 10)}`)).size;
}

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const db = await createBenchDatabase(8);
  setDbHandle(db);
  let server: ChildProcess | null = null;
  const raw = new pg.Pool({ connectionString: db.url, max: CLIENTS });
  try {
    const now = new Date();
    // One merchant; per client, a customer on each plan, funded far beyond what the run spends;
    // half of them addressed by their external id. Clients CLIENTS… are the baseline's own.
    const seeded = await seedBenchMerchant(MER, 2 * CLIENTS, "cus_bench", now);
    const key = seeded.key;
    const customers = seeded.customers.map((c) => ({ ...c, ref: c.client % 2 === 0 ? c.id : `ext:${c.client}-${c.plan}` }));

    log(`starting the production server on :${PORT} (PostgreSQL ${new URL(db.url).pathname.slice(1)})…`);
    server = await startServer(db.url);
    const memory = sampleServerMemory(server.pid!);

    const wallets = await rawWallets(raw, customers.filter((c) => c.client >= CLIENTS).map((c) => c.id), MER);
    // Rows to send: every round gets fresh ids; the baselines get the same rows with their own ids.
    let seq = 0;
    const rowsFor = (client: number): Row[] => {
      const mine = customers.filter((c) => c.client === client);
      return Array.from({ length: BATCH }, (_, i) => {
        const c = mine[i % mine.length]!;
        const actions = BENCH_ACTIONS[c.plan];
        return {
          id: `bench-${client}-${seq++}`,
          customerId: c.id,
          ref: c.ref,
          action: actions[i % actions.length]!,
          quantity: 1 + (i % 7),
          timestamp: new Date(Date.now() - (i % 60) * 1_000).toISOString(),
        };
      });
    };
    const bodies = (n: number) => Array.from({ length: CLIENTS }, (_, c) => Array.from({ length: n }, () => rowsFor(c)));

    const apiRound = async (batches: Row[][][]) => {
      let accepted = 0;
      let other = 0;
      const payloads = batches.map((list) =>
        list.map((rows) => JSON.stringify({ events: rows.map((r) => ({ id: r.id, customer: r.ref, action: r.action, quantity: r.quantity, timestamp: r.timestamp })) })),
      );
      const started = performance.now();
      await Promise.all(
        payloads.map(async (list, c) => {
          for (const [b, body] of list.entries()) {
            const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/usage`, {
              method: "POST",
              headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", "Idempotency-Key": `bench-${c}-${b}-${seq}` },
              body,
            });
            const out = (await res.json()) as { accepted?: number; results?: { status: string; reason?: string }[]; error?: unknown };
            if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(out).slice(0, 300)}`);
            accepted += out.accepted!;
            other += out.results!.length - out.accepted!;
            if (other > 0) throw new Error(`Events not accepted: ${JSON.stringify(out.results!.find((r) => r.status !== "accepted"))}`);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      return { perSecond: accepted / seconds, accepted, seconds };
    };

    let transferSeq = 0;
    const baselineRound = async (batches: Row[][][]) => {
      let inserted = 0;
      const started = performance.now();
      await Promise.all(
        batches.map(async (list, c) => {
          const client = await raw.connect();
          try {
            for (const [b, rows] of list.entries()) inserted += await rawBatch(client, MER, rows, wallets, `raw-${c}-${b}-${seq}`, () => `raw-use-${transferSeq++}`);
          } finally {
            client.release();
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      return { perSecond: inserted / seconds, inserted, seconds };
    };
    const baselineBodies = (n: number) => Array.from({ length: CLIENTS }, (_, c) => Array.from({ length: n }, () => rowsFor(CLIENTS + c)));

    const eventsOnlyRound = async (batches: Row[][][]) => {
      let inserted = 0;
      const started = performance.now();
      await Promise.all(
        batches.map(async (list) => {
          const client = await raw.connect();
          try {
            for (const rows of list) {
              const values: unknown[] = [];
              const tuples = rows.map((r, i) => {
                values.push(MER, `ref-${r.id}`, r.customerId, r.action, r.quantity, r.timestamp, "{}", "CREDIT", r.quantity, 0, r.timestamp);
                const o = i * 11;
                return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}::jsonb, $${o + 8}, $${o + 9}, $${o + 10}, $${o + 11})`;
              });
              const r = await client.query(
                `INSERT INTO usage_events (merchant_id, event_id, customer_id, action, quantity, timestamp, properties, cost_asset, cost_amount, overage_micros, period_start) VALUES ${tuples.join(", ")}`,
                values,
              );
              inserted += r.rowCount ?? 0;
            }
          } finally {
            client.release();
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      return { perSecond: inserted / seconds, inserted, seconds };
    };

    log("warm-up…");
    await apiRound(bodies(2));
    await baselineRound(baselineBodies(2));
    await eventsOnlyRound(bodies(2));

    const apiRates: number[] = [];
    const rawRates: number[] = [];
    const refRates: number[] = [];
    let apiEvents = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const a = await apiRound(bodies(BATCHES_PER_ROUND));
      const r = await baselineRound(baselineBodies(BATCHES_PER_ROUND));
      const e = await eventsOnlyRound(bodies(BATCHES_PER_ROUND));
      apiRates.push(a.perSecond);
      rawRates.push(r.perSecond);
      refRates.push(e.perSecond);
      apiEvents += a.accepted;
      log(`round ${round}: API ${fmt(a.perSecond)} events/s (${fmt(a.accepted)} in ${fmt(a.seconds, 2)} s) · baseline ${fmt(r.perSecond)} events/s · events-only INSERT ${fmt(e.perSecond)} rows/s`);
    }
    const mem = memory.stop();
    const loadAtEnd = os.loadavg()[0]!;
    const apiMedian = median(apiRates);
    const rawMedian = median(rawRates);
    const refMedian = median(refRates);
    const ratio = apiMedian / rawMedian;
    const apiRows = { ...(await rowsPerBatch(db.raw, customers.filter((c) => c.client < CLIENTS).map((c) => c.id))), daily: dailyGroups(rowsFor(0)) };
    const baseRows = { ...(await rowsPerBatch(db.raw, customers.filter((c) => c.client >= CLIENTS).map((c) => c.id))), daily: dailyGroups(rowsFor(CLIENTS)) };
    const rowsText = (p: PerBatch) => `${fmt(p.events)} events, ${fmt(p.charges, 1)} charges, ${fmt(p.daily)} daily upserts, ${fmt(p.transfers, 1)} transfers`;

    const checkStarted = performance.now();
    const report = await checkLedger(db.prisma);
    if (!report.ok) throw new Error(`ledger check failed after the benchmark: ${report.violations.length} violations`);
    const [agg] = await db.raw.query<{ n: string }>(
      `SELECT count(*) AS n FROM daily_usage d
         FULL JOIN (SELECT customer_id, action, (timestamp AT TIME ZONE 'UTC')::date AS day, SUM(quantity) q, COUNT(*) c
                      FROM usage_events WHERE event_id NOT LIKE 'ref-%' GROUP BY 1, 2, 3) e
           ON e.customer_id = d.customer_id AND e.action = d.action AND e.day = d.day
        WHERE d.quantity IS DISTINCT FROM e.q OR d.events IS DISTINCT FROM e.c`,
    );
    if (Number(agg!.n) !== 0) throw new Error("daily aggregates differ from the events");
    const checkSeconds = (performance.now() - checkStarted) / 1000;

    const verdict = (ok: boolean) => (ok ? "✅" : "❌");
    const md = `## Usage ingestion (\`npm run bench:ingest\`)

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}.
The production build (\`next start\`, one Node process) on PostgreSQL; ${CLIENTS} concurrent clients over loopback, each
sending ${BATCHES_PER_ROUND} batches of ${fmt(BATCH)} new events per round (with an \`Idempotency-Key\`) for its own three
customers — one per consumption model — so batches of different clients touch different wallets; ${ROUNDS} alternating
rounds; medians. The load generator runs on the same machine.

| | events / s | |
|---|---:|---|
| **Baseline**: the same rows into the same tables by plain multi-row SQL, nothing else (below; ${CLIENTS} connections, batches of ${fmt(BATCH)}) | ${fmt(rawMedian)} | |
| **\`POST /api/v1/usage\`** (key auth, idempotency record, per-event validation, rating against locked wallets, ledger transfers, events + charges + daily aggregates, one transaction per batch) | **${fmt(apiMedian)}** | ${verdict(apiMedian >= 20_000)} target ≥ 20,000 |
| Ratio to the baseline | **${fmt(ratio * 100)} %** | ${verdict(ratio >= 0.5)} target ≥ 50 % |
| Reference: the events alone, one multi-row \`INSERT INTO usage_events\` per 1,000 (no charges, aggregates, ledger or idempotency record) | ${fmt(refMedian)} | API at ${fmt((apiMedian / refMedian) * 100)} % of it |

The baseline writes, per batch and on one connection, what a batch of Portico writes: the idempotency record
(\`INSERT\`), then in one transaction the ${fmt(BATCH)} events with their exactly-once keys and their charges (one
statement: \`INSERT … SELECT FROM unnest\` of one array per column into the month partitions, CTEs joining the new event keys), the daily aggregates (\`INSERT … ON CONFLICT DO UPDATE\`, one
row per customer, action and UTC day), the ledger transfers (one per customer, action and day, as Portico groups them)
and the running totals of the accounts they move (\`UPDATE … FROM unnest\`, locked in id order first, since the
merchant's destination accounts are shared by every connection), \`COMMIT\`, and the stored response on the
idempotency record (\`UPDATE\`, a JSON body of the same shape and size). It reads nothing, judges nothing and rates
nothing: each of its customers draws from one funded account. Its customers are a second set on the same plans, so the
ledger and the aggregates stay exact and the checks below cover its rows too. Rows per batch of ${fmt(BATCH)}: Portico
${rowsText(apiRows)}; baseline ${rowsText(baseRows)} (Portico splits an event across two transfers when an
allowance runs out mid-batch, and charges the free allowance first).

Memory: peak resident set of the server process (\`${mem.name}\`, pid ${mem.pid}; the kernel's VmHWM, sampled ${fmt(mem.samples)}
times from /proc during warm-up and the rounds) **${fmt(mem.peakRssMiB)} MiB**.

Every event of the run was accepted (${fmt(apiEvents)} in the measured rounds). Afterwards \`ledger:check\` was clean
(${fmt(report.transfers)} transfers) and the daily aggregates equal the events (checked in ${fmt(checkSeconds, 1)} s).

Load average (1 min) when the run started: ${loadAtStart.toFixed(1)}, when it ended: ${loadAtEnd.toFixed(1)} (the machine is shared with other builds and test runs, so
figures move between runs; the baseline is measured in the same rounds for that reason).

How a batch stays cheap: a fixed number of set-based statements whatever its size — load the customers with their
open periods, lock their wallet accounts, find duplicates, insert the events with their charges (one statement), upsert
the daily aggregates, then the ledger write (one transfer per bucket, action and day). Columns travel as one
array-literal parameter each (\`pgArray\`), which halves the driver's and Prisma's work per row. The merchant's
destination accounts (revenue, credits used, units used) are shared by every batch of the merchant, so the ledger
write comes last: they are locked only for that write and the commit, and batches of different customers overlap
everywhere else. Batches for the *same* customer serialise on that customer's wallet — by design: each event is rated
against what the previous one left.`;
    writeSection("ingest", md);
    recordResults([
      { bench: "ingest", metric: "`POST /api/v1/usage` events/s (batches of 1,000)", value: fmt(apiMedian), baseline: `same rows by plain SQL ${fmt(rawMedian)}`, ratio: `${fmt(ratio * 100)} %`, target: "≥ 20,000 events/s and ≥ 50 %", met: apiMedian >= 20_000 && ratio >= 0.5 },
      { bench: "ingest", metric: "Server peak RSS during ingestion", value: `${fmt(mem.peakRssMiB)} MiB` },
    ]);
    log(md);
    if (apiMedian < 20_000 || ratio < 0.5) process.exitCode = 1;
  } finally {
    await raw.end().catch(() => {});
    if (server) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    setDbHandle(undefined);
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
