// Where a `POST /usage` batch spends its time, without the HTTP server: the route handler called
// in-process (key auth, idempotency, parsing, rating, writes, response) by CLIENTS concurrent
// loops, batches of 1,000 as in bench:ingest, every SQL statement timed by its first words.
//   tsx --conditions=react-server scripts/bench/ingest-profile.ts   (add --cpu-prof for the JS side)
import { setDbHandle } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { POST } from "@/app/api/v1/usage/route";
import { BENCH_ACTIONS, seedBenchMerchant } from "./customers";
import { createBenchDatabase, fmt } from "./support";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 15);
const spans = new Map<string, { ms: number; n: number }>();

function span(name: string, ms: number) {
  const s = spans.get(name) ?? { ms: 0, n: 0 };
  s.ms += ms;
  s.n += 1;
  spans.set(name, s);
}

function label(sql: string): string {
  return sql.replace(/\s+/g, " ").trim().slice(0, 70);
}

/** The client, with every raw statement (in and out of transactions) timed. */
function timed(client: PrismaClient): PrismaClient {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, recv) {
        const v = Reflect.get(t, prop, recv) as unknown;
        if ((prop === "$queryRawUnsafe" || prop === "$executeRawUnsafe") && typeof v === "function") {
          return async (sql: string, ...args: unknown[]) => {
            const started = performance.now();
            try {
              return await (v as (...a: unknown[]) => Promise<unknown>).call(t, sql, ...args);
            } finally {
              span(`sql ${label(sql)}`, performance.now() - started);
            }
          };
        }
        if (prop === "$transaction" && typeof v === "function") {
          return async (fn: (tx: unknown) => Promise<unknown>, opts?: unknown) => {
            const started = performance.now();
            try {
              return await (v as (...a: unknown[]) => Promise<unknown>).call(t, (tx: object) => fn(wrap(tx)), opts);
            } finally {
              span("transaction (begin … commit)", performance.now() - started);
            }
          };
        }
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
  return wrap(client);
}

async function main() {
  const db = await createBenchDatabase(Math.max(10, CLIENTS * 2));
  const now = new Date();
  setDbHandle(db);
  const seeded = await seedBenchMerchant("mer_bench", CLIENTS, "cus_bench", now);
  setDbHandle({ ...db, prisma: timed(db.prisma) });
  let seq = 0;
  const body = (client: number) => {
    const mine = seeded.customers.filter((c) => c.client === client);
    const events = Array.from({ length: 1000 }, (_, i) => {
      const c = mine[i % mine.length]!;
      const actions = BENCH_ACTIONS[c.plan];
      return { id: `p-${client}-${seq++}`, customer: c.client % 2 === 0 ? c.id : `ext:${c.client}-${c.plan}`, action: actions[i % actions.length]!, quantity: 1 + (i % 7), timestamp: new Date(Date.now() - (i % 60) * 1000).toISOString() };
    });
    return JSON.stringify({ events });
  };
  const run = async (batches: number) => {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let b = 0; b < batches; b++) {
          const t0 = performance.now();
          const res = await POST(
            new Request("http://127.0.0.1/api/v1/usage", {
              method: "POST",
              headers: { Authorization: `Bearer ${seeded.key}`, "Content-Type": "application/json", "Idempotency-Key": `p-${c}-${b}-${seq}` },
              body: body(c),
            }),
          );
          const out = (await res.json()) as { accepted: number };
          if (out.accepted !== 1000) throw new Error(`not all accepted: ${JSON.stringify(out).slice(0, 300)}`);
          span("route handler (whole batch)", performance.now() - t0);
        }
      }),
    );
    return (CLIENTS * batches * 1000) / ((performance.now() - started) / 1000);
  };
  await run(3);
  spans.clear();
  const rate = await run(BATCHES);
  const batches = CLIENTS * BATCHES;
  console.log(`${fmt(rate)} events/s in-process (${CLIENTS} clients × ${BATCHES} batches of 1,000)`);
  console.log("ms per batch (wall clock; concurrent batches overlap):");
  for (const [name, s] of [...spans].sort((a, b) => b[1].ms - a[1].ms)) console.log(`${(s.ms / batches).toFixed(2).padStart(8)}  ×${(s.n / batches).toFixed(1).padStart(4)}  ${name}`);
  setDbHandle(undefined);
  await db.drop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
