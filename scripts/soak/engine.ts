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
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { setDbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { createApiKey, createCustomer } from "@/lib/services/customers";
import { saveAutoTopUp, addSandboxCard, seedDemoCard, setDefaultCard } from "@/lib/services/payments";
import { DEMO_MERCHANT_ID, seedDemo } from "@/lib/services/catalog";
import { createBenchDatabase, percentile, sampleServerMemory } from "../bench/support";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SECRET = "soak-secret-not-for-production-0123456789";
const DECLINED_CARD = "4000000000000002";

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

type Check = { name: string; ok: boolean; detail: string };

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

type Model = "metered" | "credits" | "balance";
type SoakCustomer = { id: string; model: Model; cookie: string; autoTopUp: boolean; declines: boolean };

const PLAN: Record<Model, string> = { metered: "api_pro", credits: "creator", balance: "platform" };
const ACTIONS: Record<Model, string[]> = { metered: ["api_call"], credits: ["image_generation", "voice_transcription", "agent_run"], balance: ["gb_hour", "build_minute"] };

const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)]!;
}

/** Run one of the project's npm scripts on the soak database; resolves with its exit code and output. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const cmd = pkg.scripts[script];
  if (!cmd) return Promise.resolve({ code: -1, out: `no script ${script}` });
  const file = /scripts\/[\w/.-]+\.ts/.exec(cmd)?.[0];
  if (!file) return Promise.resolve({ code: -1, out: `cannot run ${script}` });
  return new Promise((resolve) => {
    const child = spawn(tsx, ["--conditions=react-server", path.join(ROOT, file), ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code: code ?? 1, out: out.trim() }));
  });
}

async function waitFor(url: string, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(300);
  }
  throw new Error(`${url} did not answer`);
}

/** The id Next.js gave a server action in this build (the browser sends it in `Next-Action`). */
function actionId(file: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!hit) throw new Error(`server action ${file}#${name} not in the build`);
  return hit[0];
}

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
    const now = new Date();
    await seedDemo({ client: db.prisma, now, days: 1 });
    const anchorAt = new Date(now.getTime());
    anchorAt.setUTCMonth(anchorAt.getUTCMonth() - 1);
    anchorAt.setTime(anchorAt.getTime() - 3_600_000);
    const customers: SoakCustomer[] = [];
    const { key } = await transaction(async (tx) => {
      for (const model of ["metered", "credits", "balance"] as const) {
        for (let i = 0; i < options.customersPerModel; i++) {
          const ext = `soak-${model}-${i}`;
          const { customer, user } = await createCustomer(tx, { merchantId: DEMO_MERCHANT_ID, externalId: ext, name: `Soak ${model} ${i}`, email: `${ext}@soak.example`, planCode: PLAN[model], anchorAt, now: anchorAt });
          await seedDemoCard(tx, customer, anchorAt);
          const token = await encode({ token: { sub: user.id, email: user.email, customerId: customer.id }, secret: SECRET });
          customers.push({ id: customer.id, model, cookie: `next-auth.session-token=${token}`, autoTopUp: model !== "metered" && i % 2 === 0, declines: model !== "metered" && i % 10 === 9 });
        }
      }
      return { key: (await createApiKey(tx, { merchantId: DEMO_MERCHANT_ID, name: "soak" })).secret };
    });
    for (const c of customers.filter((x) => x.declines)) {
      const added = await addSandboxCard(c.id, { number: DECLINED_CARD, expMonth: 12, expYear: now.getUTCFullYear() + 2, cvc: "123" });
      if (!added.ok) throw new Error(added.message);
      const made = await setDefaultCard(c.id, added.card.id);
      if (!made.ok) throw new Error(made.message);
    }
    for (const c of customers.filter((x) => x.autoTopUp)) {
      const saved =
        c.model === "credits"
          ? await saveAutoTopUp(c.id, { enabled: true, threshold: "900", packCode: "pack_500", monthlyCap: "300" })
          : await saveAutoTopUp(c.id, { enabled: true, threshold: "45", amount: "25", monthlyCap: "300" });
      if (!saved.ok) throw new Error(`auto top-up for ${c.id}: ${saved.message}`);
    }

    // ── two servers, two workers
    const ports = [options.basePort, options.basePort + 1];
    for (const port of ports) {
      const child = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...env, NEXTAUTH_URL: `http://127.0.0.1:${port}`, PORTICO_WORKER: "0", PORTICO_DB_POOL: "10" },
      });
      child.stderr?.on("data", (d) => log(`[server :${port}] ${String(d).trim()}`));
      children.push(child);
    }
    for (let w = 0; w < 2; w++) {
      const child = spawn(tsx, ["--conditions=react-server", path.join(ROOT, "scripts", "worker.ts")], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: { ...env, PORTICO_DB_POOL: "5", PORTICO_HOLD_SWEEP_MS: "2000" } });
      child.stderr?.on("data", (d) => log(`[worker ${w}] ${String(d).trim()}`));
      children.push(child);
    }
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    await Promise.all(bases.map((b) => waitFor(`${b}/status`)));
    const samplers = children.map((c) => sampleServerMemory(c.pid!, 500));
    log(`2 servers on :${ports.join(", :")} and 2 workers on ${new URL(db.url).pathname.slice(1)}; ${customers.length} customers; ${options.operations} operations from ${options.concurrency} clients…`);

    // ── the load
    const latencies: Record<string, number[]> = {};
    const counts: Record<string, number> = {};
    const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);
    let serverErrors = 0;
    let sent = 0;
    let seq = 0;
    const acceptedEvents = new Set<string>();
    const sentBatches: { body: string; ids: string[] }[] = [];
    const formKeys = new Set<string>();
    const deadline = performance.now() + options.maxSeconds * 1000;
    const closeAt = Math.floor(options.operations / 2);
    let close: Promise<{ code: number; out: string }> | null = null;
    let closeClock: Date | null = null;

    const call = async (kind: string, base: string, pathname: string, init: RequestInit & { json?: unknown } = {}) => {
      sent++;
      const t0 = performance.now();
      const res = await fetch(`${base}${pathname}`, {
        method: init.method ?? (init.json === undefined ? "GET" : "POST"),
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...(init.headers as Record<string, string>) },
        body: init.json === undefined ? init.body : JSON.stringify(init.json),
      });
      const text = await res.text();
      (latencies[kind] ??= []).push(performance.now() - t0);
      bump(`http_${kind}`);
      if (res.status >= 500) {
        serverErrors++;
        log(`${kind} → HTTP ${res.status}: ${text.slice(0, 300)}`);
      }
      return { status: res.status, text };
    };
    const json = <T,>(text: string): T => JSON.parse(text) as T;

    const usageOp = async (base: string) => {
      if (sentBatches.length > 20 && Math.random() < 0.05) {
        // a retry of a batch already sent (the merchant's product timed out): nothing is charged twice
        const again = pick(sentBatches);
        const r = await call("usage_retry", base, "/api/v1/usage", { body: again.body, method: "POST" });
        if (r.status === 200) {
          const out = json<{ results: { id: string; status: string }[] }>(r.text);
          for (const e of out.results) {
            // An event refused the first time (wallet empty) is not recorded: re-sent after a top-up it
            // may be accepted now. One accepted before must come back "duplicate".
            if (e.status === "accepted" && acceptedEvents.has(e.id)) bump("usage_retry_accepted_again");
            else if (e.status === "accepted") {
              acceptedEvents.add(e.id);
              bump("usage_retry_accepted_now");
            } else bump(`usage_retry_${e.status}`);
          }
        }
        return;
      }
      const c = pick(customers);
      const n = 1 + Math.floor(Math.random() * 5);
      const ids: string[] = [];
      const events = Array.from({ length: n }, () => {
        const id = `soak-${seq++}`;
        ids.push(id);
        const action = pick(ACTIONS[c.model]);
        return { id, customer: c.id, action, quantity: 1 + Math.floor(Math.random() * (c.model === "balance" ? 20 : 4)), timestamp: new Date().toISOString() };
      });
      const body = JSON.stringify({ events });
      const r = await call("usage", base, "/api/v1/usage", { body, method: "POST" });
      if (r.status !== 200) return;
      sentBatches.push({ body, ids });
      const out = json<{ results: { id: string; status: string; reason?: string }[] }>(r.text);
      for (const e of out.results) {
        bump(`events_${e.status}`);
        if (e.status === "accepted") acceptedEvents.add(e.id);
      }
    };

    const holdOp = async (base: string, other: string) => {
      const c = pick(customers);
      const quantity = 1 + Math.floor(Math.random() * 3);
      const r = await call("authorize", base, "/api/v1/authorize", { json: { customer: c.id, action: pick(ACTIONS[c.model]), quantity, hold: true, hold_ttl_seconds: 10 } });
      if (r.status !== 200) return;
      const a = json<{ allowed: boolean; hold: { id: string } | null }>(r.text);
      if (!a.allowed || !a.hold) return bump("authorize_refused");
      bump("holds_placed");
      const roll = Math.random();
      if (roll < 0.1) return bump("holds_left_to_expire"); // nobody resolves it: the workers' sweep expires it
      if (roll < 0.55) {
        const q = 1 + Math.floor(Math.random() * quantity);
        const cap = await call("capture", other, `/api/v1/holds/${a.hold.id}/capture`, { json: { quantity: q } });
        bump(cap.status === 200 ? "holds_captured" : `capture_${cap.status}`);
      } else {
        const rel = await call("release", other, `/api/v1/holds/${a.hold.id}/release`, { json: {} });
        bump(rel.status === 200 ? "holds_released" : `release_${rel.status}`);
      }
    };

    const purchaseOnce = async (base: string, c: SoakCustomer, input: unknown) => {
      const r = await call("purchase", base, "/credits", {
        method: "POST",
        headers: { Authorization: "", Cookie: c.cookie, Origin: base, Accept: "text/x-component", "Next-Action": purchaseActionId, "Content-Type": "text/plain;charset=UTF-8" },
        body: JSON.stringify([{ ...(input as object), accountId: c.id }]), // the account the page was drawn for
      });
      // The RSC answer: the action's return value is the row "1:{…}".
      const line = r.text.split("\n").find((l) => l.startsWith("1:"));
      if (r.status !== 200 || !line) {
        bump(`purchase_http_${r.status}`);
        return null;
      }
      return json<{ ok: boolean; code?: string; payment?: { status: string } }>(line.slice(2));
    };

    const purchaseOp = async (base: string, other: string) => {
      const c = pick(customers.filter((x) => x.model !== "metered"));
      const input = c.model === "credits" ? { choice: { kind: "pack", packCode: Math.random() < 0.8 ? "pack_500" : "pack_2000" }, formKey: randomBytes(12).toString("hex") } : { choice: { kind: "funds", amount: String(10 + Math.floor(Math.random() * 90)) }, formKey: randomBytes(12).toString("hex") };
      formKeys.add(`${c.id}:${input.formKey}`);
      // A third of them are a double submit: the same form to both servers at once.
      const answers = Math.random() < 0.33 ? await Promise.all([purchaseOnce(base, c, input), purchaseOnce(other, c, input)]) : [await purchaseOnce(base, c, input)];
      for (const a of answers) bump(a ? (a.ok ? `purchase_${a.payment?.status}` : `purchase_refused_${a.code}`) : "purchase_no_answer");
      if (answers.length === 2) bump("purchase_double_submits");
    };

    const walletOp = async (base: string) => {
      const c = pick(customers);
      await call("wallet", base, `/api/v1/customers/${c.id}/wallet`);
    };

    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async (_, client) => {
        while (sent < options.operations && performance.now() < deadline) {
          if (!close && sent >= closeAt) {
            // The period close in the middle of the load, on a moved clock: past the grace window of
            // the period that ended an hour before the soak started.
            closeClock = new Date(Date.now() + 25 * 3_600_000);
            bump("period_close_runs");
            log(`period close: npm run billing:close -- --now ${closeClock.toISOString()} (at operation ${sent})`);
            close = runScript("billing:close", ["--now", closeClock.toISOString()], env);
          }
          const base = bases[client % 2]!;
          const other = bases[(client + 1) % 2]!;
          const roll = Math.random();
          if (roll < 0.5) await usageOp(base);
          else if (roll < 0.72) await holdOp(base, other);
          else if (roll < 0.82) await purchaseOp(base, other);
          else await walletOp(base);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const closed = close ? await (close as Promise<{ code: number; out: string }>) : { code: -1, out: "the close never ran" };
    log(`load done: ${sent} operations in ${seconds.toFixed(1)} s; period close exit ${closed.code}: ${closed.out.split("\n").at(-1)}`);

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
    const checks: Check[] = [];
    const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
    const one = async (sql: string, params: unknown[] = []) => Number(Object.values((await db.raw.query<Record<string, string>>(sql, params))[0]!)[0]);

    check("no server error", serverErrors === 0, `${serverErrors} responses with status ≥ 500`);
    const overdrafts = await one(`SELECT count(*) FROM ledger_accounts WHERE no_overdraft AND posted_credits - posted_debits - pending_debits < 0`);
    check("zero overdrafts", overdrafts === 0, `${overdrafts} wallet(s) that forbid overdraft below zero`);
    const dupEvents = await one(`SELECT count(*) FROM (SELECT event_id FROM usage_events GROUP BY merchant_id, event_id HAVING count(*) > 1) d`);
    const stored = await one(`SELECT count(*) FROM usage_events WHERE event_id = ANY($1::text[])`, [[...acceptedEvents]]);
    const soakCustomerIds = customers.map((c) => c.id);
    const storedAll = await one(`SELECT count(*) FROM usage_events WHERE customer_id = ANY($1::text[]) AND hold_id IS NULL`, [soakCustomerIds]);
    check(
      "usage recorded once",
      dupEvents === 0 && stored === acceptedEvents.size && storedAll === acceptedEvents.size && (counts.usage_retry_accepted_again ?? 0) === 0,
      `${acceptedEvents.size} events accepted, ${stored} of them stored (${storedAll} stored for the soak's customers in all), ${dupEvents} stored twice; ${counts.usage_retry_duplicate ?? 0} re-sent events answered "duplicate", ${counts.usage_retry_accepted_again ?? 0} accepted twice (${counts.usage_retry_accepted_now ?? 0} refused at first, accepted when re-sent after a top-up)`,
    );
    const usageMismatch = await one(
      `SELECT count(*) FROM (
         SELECT e.customer_id FROM (SELECT customer_id, sum(cost_amount) AS cost FROM usage_events GROUP BY customer_id) e
         FULL JOIN (SELECT customer_id, sum(amount) AS amount FROM ledger_transfers WHERE kind = 'usage' AND phase IN ('single', 'post_pending') GROUP BY customer_id) t
           USING (customer_id)
          WHERE coalesce(e.cost, 0) <> coalesce(t.amount, 0)) m`,
    );
    check("usage charged once", usageMismatch === 0, `${usageMismatch} customer(s) whose usage transfers differ from the cost of their recorded events`);
    const payments = await one(`SELECT count(*) FROM payments`);
    const dupKeys = await one(`SELECT count(*) FROM (SELECT idempotency_key FROM payments GROUP BY 1 HAVING count(*) > 1) d`);
    const portalPayments = await one(`SELECT count(*) FROM payments WHERE purpose IN ('credit_pack', 'top_up') AND customer_id LIKE 'cus_%' AND idempotency_key = ANY($1::text[])`, [[...formKeys].map((k) => `purchase:${k}`)]);
    const portalAll = await one(`SELECT count(*) FROM payments WHERE purpose IN ('credit_pack', 'top_up')`);
    check("one payment per idempotency key", dupKeys === 0 && portalAll <= formKeys.size && portalPayments === portalAll, `${payments} payments; ${formKeys.size} purchase forms submitted (${counts.purchase_double_submits ?? 0} twice, to both servers at once) → ${portalAll} purchase payments; ${dupKeys} keys used twice`);
    const dupCharges = await one(
      `SELECT count(*) FROM (SELECT data->'metadata'->>'portico_payment_id' FROM sandbox_objects WHERE type = 'payment_intent' GROUP BY 1 HAVING count(*) > 1) d`,
    );
    check("one provider charge per payment", dupCharges === 0, `${dupCharges} payment(s) charged more than once at the provider`);
    // Top-ups (packs, funds, automatic) credit the wallet; subscription payments settle an invoice.
    const topUp = `purpose IN ('credit_pack', 'top_up', 'auto_top_up')`;
    const credits = await one(`SELECT count(*) FROM ledger_transfers WHERE id LIKE 'credit:pay%'`);
    const succeeded = await one(`SELECT count(*) FROM payments WHERE status = 'succeeded' AND ${topUp}`);
    const uncredited = await one(`SELECT count(*) FROM payments p WHERE p.status = 'succeeded' AND ${topUp} AND NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t.id = 'credit:' || p.id)`);
    const creditedFailed = await one(`SELECT count(*) FROM payments p WHERE p.status <> 'succeeded' AND EXISTS (SELECT 1 FROM ledger_transfers t WHERE t.id = 'credit:' || p.id)`);
    const dupCredits = await one(
      `SELECT count(*) FROM (SELECT refs->>'payment_id' FROM ledger_transfers WHERE kind IN ('purchase','top_up') AND customer_id IS NOT NULL AND refs ? 'payment_id' GROUP BY 1 HAVING count(*) > 1) d`,
    );
    check("one credit per successful top-up payment", uncredited === 0 && creditedFailed === 0 && dupCredits === 0 && credits === succeeded, `${succeeded} succeeded top-up payments, ${credits} wallet credits; ${uncredited} charged but not credited, ${creditedFailed} credited without success, ${dupCredits} credited twice`);
    const dupGrants = await one(`SELECT count(*) FROM (SELECT customer_id, refs->>'period_start' FROM ledger_transfers WHERE kind = 'grant' GROUP BY 1, 2 HAVING count(*) > 1) d`);
    const periods = await one(`SELECT count(*) FROM billing_periods`);
    const grants = await one(`SELECT count(*) FROM ledger_transfers WHERE kind = 'grant' AND refs ? 'period_start'`);
    // A Balance renewal is granted when its invoice is paid (a declined card leaves it ungranted, past due).
    const ungrantedPaid = await one(
      `SELECT count(*) FROM billing_periods p WHERE NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t.kind = 'grant' AND t.customer_id = (SELECT customer_id FROM subscriptions s WHERE s.id = p.subscription_id) AND t.refs->>'period_start' = to_char(p.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = p.subscription_id AND s.status <> 'active')`,
    );
    check("one grant per period", dupGrants === 0 && grants <= periods && ungrantedPaid === 0, `${periods} billing periods, ${grants} grants, ${dupGrants} granted twice, ${ungrantedPaid} period(s) of an active subscription without its grant`);
    const subPayments = await one(`SELECT count(*) FROM payments WHERE purpose = 'subscription'`);
    const dupRenewals = await one(`SELECT count(*) FROM (SELECT invoice_id FROM payments WHERE purpose = 'subscription' AND status = 'succeeded' GROUP BY 1 HAVING count(*) > 1) d`);
    check("each renewal invoice paid at most once", dupRenewals === 0, `${subPayments} subscription payments, ${dupRenewals} invoice(s) paid twice`);
    const soakIds = customers.map((c) => c.id);
    const closedPeriods = await one(`SELECT count(*) FROM billing_periods p JOIN subscriptions s ON s.id = p.subscription_id WHERE s.customer_id = ANY($1::text[]) AND p.status <> 'open'`, [soakIds]);
    const dupExpiry = await one(`SELECT count(*) FROM (SELECT debit_account_id FROM ledger_transfers WHERE kind = 'expiry' GROUP BY 1 HAVING count(*) > 1) d`);
    check("the period close ran once", closed.code === 0 && closedPeriods === customers.length && dupExpiry === 0, `billing:close exit ${closed.code}; ${closedPeriods} of ${customers.length} first periods closed; ${dupExpiry} bucket(s) expired twice`);
    const autoRuns = await one(`SELECT count(*) FROM auto_top_up_runs`);
    const autoPaid = await one(`SELECT count(*) FROM payments WHERE purpose = 'auto_top_up' AND status = 'succeeded'`);
    const overCap = await one(
      `SELECT count(*) FROM (SELECT p.customer_id FROM payments p JOIN auto_top_ups a USING (customer_id)
         WHERE p.purpose = 'auto_top_up' AND p.status = 'succeeded' GROUP BY p.customer_id, a.monthly_cap_micros
        HAVING sum(p.amount_cents) * 10000 > a.monthly_cap_micros) d`,
    );
    check("auto top-ups triggered, within their cap", autoPaid > 0 && overCap === 0, `${autoRuns} runs, ${autoPaid} charged, ${overCap} customer(s) over their monthly cap`);
    const pendingLeft = await one(`SELECT count(*) FROM holds WHERE status = 'pending'`);
    const capturedHolds = await one(`SELECT count(*) FROM holds WHERE status = 'captured'`);
    const captureEvents = await one(`SELECT count(*) FROM usage_events WHERE hold_id IS NOT NULL`);
    check(
      "every hold resolved once",
      pendingLeft === 0 && capturedHolds === captureEvents,
      `${pendingLeft} holds still pending after the drain (${drainSeconds.toFixed(1)} s); ${capturedHolds} captured holds, ${captureEvents} usage events recorded by captures`,
    );

    const ledger = await runScript("ledger:check", [], env);
    check("npm run ledger:check", ledger.code === 0, ledger.out.split("\n")[0] ?? "");
    const pay = await runScript("payments:reconcile", ["--stale-minutes", "0"], env);
    check("npm run payments:reconcile", pay.code === 0 && !/repaired/.test(pay.out), pay.out.split("\n").slice(0, 3).join(" "));
    if (fs.existsSync(path.join(ROOT, "scripts", "billing-reconcile.ts"))) {
      // Every month a soak period starts in (the closed first periods and the open ones).
      const months = (await db.raw.query<{ m: string }>(`SELECT DISTINCT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS m FROM billing_periods ORDER BY 1`)).map((r) => r.m);
      for (const month of months) {
        const bill = await runScript("billing:reconcile", ["--period", month], env);
        check(`npm run billing:reconcile -- --period ${month}`, bill.code === 0, bill.out.split("\n").slice(0, 3).join(" "));
      }
    }

    for (const [k, v] of Object.entries(await db.raw.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM usage_events) AS usage_events_stored, (SELECT count(*) FROM ledger_transfers) AS ledger_transfers,
              (SELECT count(*) FROM payments WHERE status = 'succeeded') AS payments_succeeded, (SELECT count(*) FROM payments WHERE status = 'failed') AS payments_failed,
              (SELECT count(*) FROM holds WHERE status = 'expired') AS holds_expired, (SELECT count(*) FROM invoices) AS invoices,
              (SELECT count(*) FROM payments WHERE status = 'succeeded' AND idempotency_key LIKE 'purchase:%') AS purchases_succeeded`,
    ).then((r) => r[0]!))) counts[k] = Number(v);
    counts.auto_top_up_runs = autoRuns;
    counts.auto_top_ups_charged = autoPaid;
    counts.periods_closed = closedPeriods;

    const byKind = Object.fromEntries(Object.entries(latencies).map(([k, xs]) => [k, { n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) }]));
    return { options, startedAt: startedAt.toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}`, loadAverage, seconds, operations: sent, byKind, serverErrors, memoryMiB, counts, checks, ok: checks.every((c) => c.ok) };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    setDbHandle(undefined);
    await db.drop();
  }
}
