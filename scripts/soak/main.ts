// npm run soak — the mixed-load soak at full size (scripts/soak/engine.ts says what it does and
// proves), its figures printed and written into the soak section of docs/reliability.md.
// Options (env): SOAK_OPERATIONS (default 20,000), SOAK_CONCURRENCY (48), SOAK_CUSTOMERS (per model,
// 30), SOAK_PORT (3292: the two servers use it and the next port), SOAK_MAX_SECONDS (600),
// SOAK_WRITE=0 to leave docs/reliability.md alone.
import fs from "node:fs";
import path from "node:path";
import { fmt } from "../bench/support";
import { runSoak, type SoakReport } from "./engine";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive whole number`);
  return v;
};

function soakMarkdown(r: SoakReport): string {
  const row = (k: string) => {
    const s = r.byKind[k];
    return s ? `| ${k} | ${fmt(s.n)} | ${fmt(s.p50, 1)} ms | ${fmt(s.p95, 1)} ms | ${fmt(s.p99, 1)} ms |` : null;
  };
  const c = (k: string) => fmt(r.counts[k] ?? 0);
  return `## Mixed-load soak (\`npm run soak\`)

**What it proves.** Portico scales out as stateless app instances over one PostgreSQL: the soak runs
**two \`next start\` servers and two \`npm run worker\` processes** (production build) on one fresh PostgreSQL
database, over loopback only, and sends them ${fmt(r.options.operations)} concurrent mixed operations from
${r.options.concurrency} clients — usage batches for ${r.options.customersPerModel * 3} customers of all three
models, authorize + hold then capture (partial) or release **on the other server**, credit-pack purchases and
add-funds top-ups through the portal's own server action as the signed-in owner (a third of them
double-submitted to both servers at once with one form key), some customers with a card that declines,
wallet reads, re-sent usage batches, automatic top-ups triggered by the usage and charged by the workers,
and a **period close in the middle** (\`npm run billing:close -- --now <now + 25 h>\`, a moved clock past the
grace window of the period that ended just before the soak). After the load the workers drain (provider
events, auto top-ups, hold expiry), then it asserts from the database and with the project's own commands:

| Check | Result | |
|---|---|---|
${r.checks.map((k) => `| ${k.name} | ${k.ok ? "✅" : "❌"} | ${k.detail} |`).join("\n")}

**Figures** — run ${r.startedAt.slice(0, 16).replace("T", " ")} UTC on ${r.machine}; load average at the start
${r.loadAverage.toFixed(1)} (the machine is shared with other builds and test runs, and the load generator,
both servers, both workers and PostgreSQL share its cores). ${fmt(r.operations)} operations in
${fmt(r.seconds, 1)} s (**${fmt(r.operations / r.seconds)} operations/s**), ${fmt(r.serverErrors)} server errors. Peak resident memory (VmHWM
from /proc): servers ${r.memoryMiB.servers.map((m) => `${fmt(m)} MiB`).join(" and ")}, workers ${r.memoryMiB.workers.map((m) => `${fmt(m)} MiB`).join(" and ")}.

| Operation | requests | p50 | p95 | p99 |
|---|---:|---:|---:|---:|
${["usage", "usage_retry", "authorize", "capture", "release", "purchase", "wallet"].map(row).filter(Boolean).join("\n")}

Usage events: ${c("events_accepted")} accepted, ${c("events_rejected")} refused (wallet empty under a \`block\`
policy — refused, never overdrawn), ${c("usage_retry_duplicate")} re-sent ones answered \`duplicate\`. Holds:
${c("holds_placed")} placed, ${c("holds_captured")} captured, ${c("holds_released")} released, ${c("holds_expired")} expired
by the workers' sweep; ${c("authorize_refused")} authorizations refused. Purchases: ${c("payments_succeeded")} payments
succeeded, ${c("payments_failed")} declined (nothing credited); ${c("purchase_double_submits")} double submits;
${c("auto_top_ups_charged")} automatic top-ups charged (${c("auto_top_up_runs")} runs). ${c("periods_closed")} periods
closed mid-load; ${c("invoices")} invoices; ${c("ledger_transfers")} ledger transfers in all.

**How to run it.** \`npm run soak\` (full size: ${fmt(r.options.operations)} operations; env \`SOAK_OPERATIONS\`,
\`SOAK_CONCURRENCY\`, \`SOAK_CUSTOMERS\`, \`SOAK_PORT\`, \`SOAK_MAX_SECONDS\`) needs PostgreSQL on 127.0.0.1:5432 (or
a throwaway cluster, as the tests use) and builds the app if its build is stale; it exits 1 if any check fails.
The same soak, 10,000 operations, is a test: \`npm run test:soak\` (Vitest; not part of \`test:unit\`, it runs alone).`;
}

async function main() {
  const report = await runSoak({
    operations: num("SOAK_OPERATIONS", 20_000),
    concurrency: num("SOAK_CONCURRENCY", 48),
    customersPerModel: num("SOAK_CUSTOMERS", 30),
    basePort: num("SOAK_PORT", 3292),
    maxSeconds: num("SOAK_MAX_SECONDS", 600),
    log: (s) => console.log(s),
  });
  const md = soakMarkdown(report);
  console.log(`\n${md}\n`);
  if (process.env.SOAK_WRITE !== "0") {
    const file = path.resolve("docs/reliability.md");
    const doc = fs.readFileSync(file, "utf8");
    const start = "<!-- soak:start -->";
    const end = "<!-- soak:end -->";
    if (!doc.includes(start) || !doc.includes(end)) throw new Error("docs/reliability.md has no soak markers");
    fs.writeFileSync(file, doc.slice(0, doc.indexOf(start) + start.length) + `\n${md}\n` + doc.slice(doc.indexOf(end)));
  }
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
