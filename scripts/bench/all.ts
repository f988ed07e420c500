// npm run bench — every benchmark on PostgreSQL, one after the other (so they never compete for
// the machine), each beside its baseline measured in the same run; then docs/benchmarks.md is
// rewritten with a summary table on top (machine, versions, medians, ratios, targets met or
// missed) followed by each benchmark's own section.
// Options: --quick (or BENCH_QUICK=1): shorter rounds and smaller histories, for a smoke run
// (a smoke run; the full run took 8.5 min on 2 shared cores); --only ledger,ingest,… ; BENCH_PORT: the port of the server the ingest
// and portal benches start (default theirs).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmt, machine, type BenchResult } from "./support";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DOC = path.join(ROOT, "docs", "benchmarks.md");
const BENCHES = ["ledger", "ingest", "portal", "growth"] as const;
type Bench = (typeof BENCHES)[number];

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : (process.argv[i + 1] ?? "");
};
const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const only = (arg("only")?.split(",") ?? [...BENCHES]) as Bench[];
for (const b of only) if (!BENCHES.includes(b)) throw new Error(`--only: unknown benchmark ${b} (${BENCHES.join(", ")})`);

/** Quick mode: the same measurements, shorter. */
const QUICK_ENV: Record<Bench, Record<string, string>> = {
  ledger: { BENCH_ROUND_MS: "2000", BENCH_ROUNDS: "3" },
  ingest: { BENCH_BATCHES: "4", BENCH_ROUNDS: "3" },
  portal: { BENCH_IN_USE_MS: "20000", BENCH_ROUND_MS: "4000", BENCH_ROUNDS: "3", BENCH_TRANSFERS: "200000" },
  growth: { BENCH_GROWTH_STEPS: "10000,100000,300000" },
};

function version(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function run(bench: Bench, resultsFile: string): Promise<{ code: number; seconds: number }> {
  const started = performance.now();
  const env = { ...process.env, BENCH_RESULTS: resultsFile, ...(quick ? QUICK_ENV[bench] : {}) };
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["--conditions=react-server", path.join(ROOT, "scripts", "bench", `${bench}.ts`)], { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code) => resolve({ code: code ?? 1, seconds: (performance.now() - started) / 1000 }));
  });
}

/** The sections of the current document, by name, in order. */
function sections(doc: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of doc.matchAll(/<!-- bench:([\w-]+):start -->[\s\S]*?<!-- bench:\1:end -->/g)) out.set(m[1]!, m[0]);
  return out;
}

async function main() {
  const started = new Date();
  const loadBefore = os.loadavg();
  console.log(`npm run bench${quick ? " (quick)" : ""}: ${only.join(", ")}`);
  const build = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "scripts", "build-if-stale.ts")], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("next build failed");

  const resultsFile = path.join(os.tmpdir(), `portico-bench-${process.pid}.jsonl`);
  fs.writeFileSync(resultsFile, "");
  const runs: { bench: Bench; code: number; seconds: number }[] = [];
  for (const bench of only) {
    console.log(`\n━━ bench:${bench} ━━`);
    runs.push({ bench, ...(await run(bench, resultsFile)) });
  }
  const results = fs
    .readFileSync(resultsFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BenchResult);
  fs.rmSync(resultsFile, { force: true });
  const loadAfter = os.loadavg();
  const minutes = (Date.now() - started.getTime()) / 60_000;

  const cell = (s: string | undefined) => (s ?? "").replace(/\|/g, "\\|");
  const rows: string[] = [];
  for (const r of runs) {
    const mine = results.filter((x) => x.bench === r.bench);
    if (mine.length === 0) {
      rows.push(`| ${r.bench} | ❌ did not complete (exit ${r.code}; see its log) | | | | | |`);
      continue;
    }
    for (const x of mine) rows.push(`| ${x.bench} | ${cell(x.metric)} | **${cell(x.value)}** | ${cell(x.baseline)} | ${cell(x.ratio)} | ${cell(x.target)} | ${x.met === undefined ? "" : x.met ? "✅" : "❌"} |`);
  }
  const met = results.filter((x) => x.met === true).length;
  const missed = results.filter((x) => x.met === false);
  const summary = `<!-- bench:summary:start -->
## Summary (\`npm run bench${quick ? " -- --quick" : ""}\`)

Run ${started.toISOString().slice(0, 16).replace("T", " ")} UTC, ${fmt(minutes, 1)} min${quick ? " — **quick mode** (shorter rounds, smaller histories: a smoke run, not the reference figures)" : ""}.
Machine: ${machine()}.
Versions: Next.js ${version("next")}, React ${version("react")}, Prisma ${version("prisma")}, node-postgres ${version("pg")}, next-auth ${version("next-auth")}.
Load average (1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(1)).join(" / ")}, after: ${loadAfter.map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores${
    loadBefore[0]! > os.cpus().length * 0.5 ? " — **the machine was shared with other work during this run; absolute figures are low and noisy, the ratios (baseline measured in the same rounds) are the comparable part**" : ""
  }.

| Bench | Measure | Portico (median) | Baseline, same run | Ratio | Target | |
|---|---|---:|---:|---:|---|---|
${rows.join("\n")}

${met} target(s) met, ${missed.length} missed${missed.length ? ` (${missed.map((m) => `${m.bench}: ${m.metric}`).join("; ")} — see each section below, and the load note above: absolute targets are set for a quiet machine)` : ""}. Each benchmark's
section below has its method, its full figures and its own run time; benchmarks not in this run keep their last section.
<!-- bench:summary:end -->`;

  const old = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "";
  const parts = sections(old);
  parts.delete("summary");
  const ordered = [...BENCHES.filter((b) => parts.has(b)).map((b) => parts.get(b)!), ...[...parts].filter(([k]) => !(BENCHES as readonly string[]).includes(k)).map(([, v]) => v)];
  const doc = `# Benchmarks

Measured with \`npm run bench\` (every \`bench:*\` below, one after the other) on PostgreSQL; every figure sits beside its
baseline measured in the same run on the same machine. Re-run it to refresh this file; \`npm run bench:<name>\` refreshes one section.

${summary}

${ordered.join("\n\n")}
`;
  fs.writeFileSync(DOC, doc);
  console.log(`\n${summary}\n\ndocs/benchmarks.md rewritten.`);
  return runs.every((r) => results.some((x) => x.bench === r.bench)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
