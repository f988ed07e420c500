// Shared by the benchmarks: a throwaway PostgreSQL database, the machine's description, timing
// helpers and the writer of docs/benchmarks.md (each benchmark owns one marked section).
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgres, type DbHandle } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { ensurePostgres } from "@/test/support/postgres-server";

export type BenchDb = DbHandle & { url: string; drop(): Promise<void> };

export async function createBenchDatabase(poolSize: number): Promise<BenchDb> {
  const admin = await ensurePostgres();
  const name = `portico_bench_${randomBytes(5).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  const h = openPostgres(url, poolSize);
  await migrate(h.raw);
  return {
    ...h,
    url,
    async drop() {
      await h.close();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  let pgVersion = "unknown";
  try {
    pgVersion = execSync("psql --version", { encoding: "utf8" }).trim();
  } catch {
    /* not installed */
  }
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}; Node ${process.version}; ${pgVersion}`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Run `clients` loops of `op` for `ms`; returns completed operations per second. */
export async function throughput(clients: number, ms: number, op: (client: number) => Promise<boolean>): Promise<{ perSecond: number; ok: number; refused: number }> {
  const end = performance.now() + ms;
  let ok = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      while (performance.now() < end) {
        if (await op(i)) ok++;
        else refused++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: (ok + refused) / seconds, ok, refused };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Replace this benchmark's section of docs/benchmarks.md (creating the file if needed). */
export function writeSection(name: string, markdown: string) {
  const file = path.resolve("docs/benchmarks.md");
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  let doc = fs.existsSync(file)
    ? fs.readFileSync(file, "utf8")
    : "# Benchmarks\n\nMeasured with `npm run bench:*` on PostgreSQL; every figure sits beside its baseline measured in the same run on the same machine. Re-run them to refresh this file.\n";
  const block = `${start}\n${markdown.trim()}\n${end}`;
  if (doc.includes(start) && doc.includes(end)) {
    doc = doc.slice(0, doc.indexOf(start)) + block + doc.slice(doc.indexOf(end) + end.length);
  } else {
    doc = `${doc.trimEnd()}\n\n${block}\n`;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, doc);
}
