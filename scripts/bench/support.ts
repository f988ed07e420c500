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

type BenchDb = DbHandle & { url: string; drop(): Promise<void> };

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

/** `fn` timed `n` times after 5 warm-up calls: median and p95, ms. */
export async function timeIt(fn: () => Promise<unknown>, n = 40) {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50: median(xs), p95: percentile(xs, 95) };
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

// ── memory: the server's resident set, read from /proc (Linux) ──────────────────────────────────

function procStatus(pid: number): Record<string, string> | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Object.fromEntries(text.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]));
  } catch {
    return null;
  }
}

const kib = (v: string | undefined) => (v ? Number(v.replace(/\s*kB$/, "")) : 0);

/** Every live process below `root` (by parent pid), `root` included. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = procStatus(Number(entry));
    if (s) parents.set(Number(entry), Number(s.PPid));
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out.filter((p) => parents.has(p));
}

/**
 * Samples the memory of the real server process below `root` (`next start` runs the server in a
 * child process titled `next-server`; else the largest process of the tree) every `everyMs`.
 * stop() → peak RSS (the kernel's high-water mark VmHWM, and the largest sampled VmRSS) in MiB.
 */
export function sampleServerMemory(root: number, everyMs = 250) {
  let pid: number | null = null;
  let name = "";
  let maxRssKiB = 0;
  let hwmKiB = 0;
  let samples = 0;
  const tick = () => {
    if (pid === null || !procStatus(pid)) {
      const tree = processTree(root).map((p) => ({ p, s: procStatus(p)! })).filter((x) => x.s);
      const title = (p: number) => {
        try {
          return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " ");
        } catch {
          return "";
        }
      };
      const server = tree.find((x) => /next-server/.test(title(x.p)) || /next-server/.test(x.s.Name ?? "")) ?? tree.sort((a, b) => kib(b.s.VmRSS) - kib(a.s.VmRSS))[0];
      if (!server) return;
      pid = server.p;
      name = title(server.p).trim().slice(0, 60) || server.s.Name || "";
    }
    const s = procStatus(pid);
    if (!s) return;
    samples++;
    maxRssKiB = Math.max(maxRssKiB, kib(s.VmRSS));
    hwmKiB = Math.max(hwmKiB, kib(s.VmHWM));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop() {
      tick();
      clearInterval(timer);
      return { pid, name, samples, peakRssMiB: Math.max(hwmKiB, maxRssKiB) / 1024, maxSampledRssMiB: maxRssKiB / 1024 };
    },
  };
}

// ── results for the harness (`npm run bench` builds the summary table from them) ─────────────────

export type BenchResult = { bench: string; metric: string; value: string; baseline?: string; ratio?: string; target?: string; met?: boolean };

/** When run by `npm run bench` (BENCH_RESULTS names a JSON-lines file), record summary rows. */
export function recordResults(rows: BenchResult[]) {
  const file = process.env.BENCH_RESULTS;
  if (!file) return;
  fs.appendFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
}
