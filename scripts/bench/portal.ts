// npm run bench:portal — the customer portal under load, on PostgreSQL:
//   1. a fresh bench database with the demo, plus ~1,000,000 ledger transfers for the measured
//      customer (bulk SQL that keeps every account total consistent; ledger:check runs after);
//   2. the production build served by `next start`, background jobs off;
//   3. 50 signed-in users (next-auth JWT session cookies minted with NEXTAUTH_SECRET), measured two
//      ways, each beside the static page `/status` and the smallest page rendered per request
//      (`/login`: no session, no data — the framework's own floor) of the same server in the same run:
//        a. "portal in use": each user has the overview open (it polls GET /api/portal/wallet every
//           2.5 s, as the page does) and reloads it every ~10 s; a probe measures /status and /login
//           meanwhile;
//        b. saturation: 50 connections in a closed loop (each sends its next request when the last
//           one ends) — the server's capacity, and latency when requests queue;
//      TTFB (first byte of the body) and complete-response percentiles;
//   4. the activity page's queries at 1 M rows (first page, deep cursor, kind filter, old date
//      range) and the overview's first-load JS (gzip) from the build.
// Writes its section of docs/benchmarks.md.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { encode } from "next-auth/jwt";
import { periodAccountId, merchantAccountId } from "@/lib/billing/accounts";
import { setDbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { listActivity } from "@/lib/services/portal";
import { addMember } from "@/lib/services/customers";
import { checkLedger } from "@/lib/services/ledger";
import { DEMO_MERCHANT_ID, seedDemo } from "@/lib/services/catalog";
import { buildIsStale } from "../build-if-stale";
import { createBenchDatabase, fmt, machine, median, percentile, recordResults, sampleServerMemory, writeSection } from "./support";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PORT = Number(process.env.BENCH_PORT ?? 3149);
const USERS = 50;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IN_USE_MS = Number(process.env.BENCH_IN_USE_MS ?? 60_000);
const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 1_000_000);
const CUSTOMER = "cus_demo_pixel";
const SECRET = "bench-secret-not-for-production-0123456789";
const log = (s: string) => console.log(s);

type Sample = { ttfb: number; total: number; status: number };

/** Closed loop: `connections` clients, each sending its next request when the last one ended. */
async function load(url: string, ms: number, cookies: string[], connections = CONNECTIONS): Promise<{ samples: Sample[]; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const samples: Sample[] = [];
  const started = performance.now();
  const end = started + ms;
  const one = (cookie: string | undefined) =>
    new Promise<Sample>((resolve, reject) => {
      const t0 = performance.now();
      let ttfb = 0;
      const req = http.get(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
        res.once("data", () => (ttfb = performance.now() - t0));
        res.on("data", () => {});
        res.on("end", () => resolve({ ttfb: ttfb || performance.now() - t0, total: performance.now() - t0, status: res.statusCode ?? 0 }));
        res.on("error", reject);
      });
      req.on("error", reject);
    });
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      while (performance.now() < end) samples.push(await one(cookies[i % Math.max(1, cookies.length)]));
    }),
  );
  agent.destroy();
  return { samples, seconds: (performance.now() - started) / 1000 };
}

function stats(samples: Sample[], seconds: number) {
  const bad = samples.filter((s) => s.status !== 200).length;
  if (bad > 0) throw new Error(`${bad} of ${samples.length} responses were not 200`);
  const ttfb = samples.map((s) => s.ttfb);
  const total = samples.map((s) => s.total);
  return { n: samples.length, rps: samples.length / seconds, p50: percentile(ttfb, 50), p95: percentile(ttfb, 95), p99: percentile(ttfb, 99), total50: percentile(total, 50), total95: percentile(total, 95) };
}

/**
 * 50 users with the overview open: each loads `/`, then polls the live figures every 2.5 s and
 * reloads after ~10 s (randomised so they do not move in step). Meanwhile one probe requests the
 * static page and the sign-in page twice a second. Returns the page loads', the polls' and the
 * probes' samples.
 */
async function portalInUse(base: string, ms: number, cookies: string[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: USERS + 2 });
  const get = (url: string, cookie?: string) =>
    new Promise<Sample>((resolve, reject) => {
      const t0 = performance.now();
      let ttfb = 0;
      http
        .get(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
          res.once("data", () => (ttfb = performance.now() - t0));
          res.on("data", () => {});
          res.on("end", () => resolve({ ttfb: ttfb || performance.now() - t0, total: performance.now() - t0, status: res.statusCode ?? 0 }));
        })
        .on("error", reject);
    });
  const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
  const end = performance.now() + ms;
  const pages: Sample[] = [];
  const polls: Sample[] = [];
  const probe: Sample[] = [];
  const floor: Sample[] = [];
  const users = cookies.slice(0, USERS).map(async (cookie, i) => {
    await sleep((i / USERS) * 10_000);
    while (performance.now() < end) {
      pages.push(await get(`${base}/`, cookie));
      const stay = 7_500 + Math.random() * 5_000;
      const leave = performance.now() + stay;
      while (performance.now() < Math.min(leave, end)) {
        await sleep(2_500);
        if (performance.now() < end) polls.push(await get(`${base}/api/portal/wallet`, cookie));
      }
    }
  });
  const prober = (async () => {
    while (performance.now() < end) {
      probe.push(await get(`${base}/status`));
      floor.push(await get(`${base}/login`));
      await sleep(500);
    }
  })();
  await Promise.all([...users, prober]);
  agent.destroy();
  return { pages, polls, probe, floor, seconds: ms / 1000 };
}

async function waitFor(url: string, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((r) => http.get(url, (res) => (res.resume(), r(res.statusCode === 200))).on("error", () => r(false)));
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * The JS files the page's first load fetches, and their gzip sizes: the module scripts of its HTML
 * plus the client components its RSC payload (inlined in the same HTML) names — React loads those
 * to hydrate the page, so they are first-load JS too.
 */
async function firstLoadJs(html: string) {
  // noModule scripts (polyfills) are only fetched by browsers without ES modules: not first-load JS.
  const noModule = new Set([...html.matchAll(/<script([^>]*)>/g)].filter((m) => /noModule/i.test(m[1]!)).map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1]));
  const srcs = [...new Set([...html.matchAll(/\/_next\/static\/chunks\/[\w.-]+?\.js/g)].map((m) => m[0]))].filter((src) => !noModule.has(src));
  const files = srcs.map((src) => {
    const file = path.join(ROOT, ".next", "static", src.replace("/_next/static/", ""));
    const raw = fs.readFileSync(file);
    return { src, raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((s, f) => s + f.gzip, 0), raw: files.reduce((s, f) => s + f.raw, 0) };
}

async function timeIt(fn: () => Promise<unknown>, n = 40) {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50: median(xs), p95: percentile(xs, 95) };
}

async function main() {
  if (buildIsStale()) {
    log("building the portal…");
    const r = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) throw new Error("build failed");
  }
  const db = await createBenchDatabase(10);
  setDbHandle(db);
  let server: ChildProcess | null = null;
  try {
    log("seeding the demo…");
    await seedDemo({ client: db.prisma });
    const sub = await db.prisma.subscription.findUniqueOrThrow({ where: { customerId: CUSTOMER } });
    const wallet = periodAccountId(CUSTOMER, "plan_credits", sub.currentPeriodStart);

    log(`adding ${fmt(TRANSFERS)} ledger transfers to ${CUSTOMER}…`);
    const fillStarted = Date.now();
    const half = Math.floor(TRANSFERS / 2);
    await db.raw.exec("BEGIN");
    // Half credit the wallet (adjustments), half spend it (usage): its balance is unchanged and
    // every account total stays the sum of its transfers. Spread over the past year.
    await db.raw.query(
      `INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, asset, amount, kind, phase, customer_id, refs, reason, effective_at)
       SELECT 'bench-' || g,
              CASE WHEN g % 2 = 0 THEN $2 ELSE $1 END, CASE WHEN g % 2 = 0 THEN $1 ELSE $3 END,
              'CREDIT', 1000, (CASE WHEN g % 2 = 0 THEN 'adjustment' ELSE 'usage' END)::"TransferKind", 'single', $4,
              CASE WHEN g % 2 = 0 THEN '{}'::jsonb ELSE '{"action":"image_generation","quantity":"1","events":1}'::jsonb END,
              CASE WHEN g % 2 = 0 THEN 'Bench credit' END,
              now() - make_interval(secs => ($5 - g) * 30)
         FROM generate_series(1, $5) g`,
      [wallet, merchantAccountId(DEMO_MERCHANT_ID, "credits_issued"), merchantAccountId(DEMO_MERCHANT_ID, "credits_used"), CUSTOMER, half * 2],
    );
    await db.raw.query(`UPDATE ledger_accounts SET posted_credits = posted_credits + $2::bigint * 1000, posted_debits = posted_debits + $2::bigint * 1000 WHERE id = $1`, [wallet, half]);
    await db.raw.query(`UPDATE ledger_accounts SET posted_debits = posted_debits + $2::bigint * 1000 WHERE id = $1`, [merchantAccountId(DEMO_MERCHANT_ID, "credits_issued"), half]);
    await db.raw.query(`UPDATE ledger_accounts SET posted_credits = posted_credits + $2::bigint * 1000 WHERE id = $1`, [merchantAccountId(DEMO_MERCHANT_ID, "credits_used"), half]);
    await db.raw.exec("COMMIT");
    await db.raw.exec("VACUUM ANALYZE");
    const [{ n: customerRows }] = (await db.raw.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_transfers WHERE customer_id = $1`, [CUSTOMER])) as [{ n: string }];
    log(`  ${fmt(Number(customerRows))} transfers for the customer (${((Date.now() - fillStarted) / 1000).toFixed(0)} s)`);

    // 50 signed-in users of the measured account, each with their own session cookie.
    const cookies: string[] = [];
    await transaction(async (tx) => {
      for (let i = 0; i < USERS; i++) {
        const { user } = await addMember(tx, { customerId: CUSTOMER, email: `bench-user-${i}@bench.example`, role: i % 5 === 0 ? "owner" : "viewer" });
        const token = await encode({ token: { sub: user.id, email: user.email, customerId: CUSTOMER }, secret: SECRET });
        cookies.push(`next-auth.session-token=${token}`);
      }
    });

    log("starting next start…");
    server = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: db.url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: `http://127.0.0.1:${PORT}`, PORTICO_WORKER: "0", NEXT_TELEMETRY_DISABLED: "1" },
      detached: true,
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/status`);
    const memory = sampleServerMemory(server.pid!);
    // The overview really renders the account (not a redirect to sign-in).
    const html = await new Promise<string>((resolve, reject) =>
      http.get(`${base}/`, { headers: { cookie: cookies[0]! } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`overview answered ${res.statusCode}`))));
      }).on("error", reject),
    );
    if (!html.includes("Pixel &amp; Co Studio") || !html.includes('data-testid="usable-total"')) throw new Error("the overview did not render the account");
    const js = await firstLoadJs(html);
    const staticHtml = await new Promise<string>((resolve) => http.get(`${base}/status`, (res) => { let b = ""; res.on("data", (c) => (b += c)); res.on("end", () => resolve(b)); }));
    const staticJs = await firstLoadJs(staticHtml);

    log("warm-up…");
    await load(`${base}/status`, 3_000, []);
    await load(`${base}/login`, 3_000, []);
    await load(`${base}/`, 5_000, cookies);

    log(`a. ${USERS} users with the overview open for ${IN_USE_MS / 1000} s…`);
    const inUse = await portalInUse(base, IN_USE_MS, cookies);
    const useOv = stats(inUse.pages, inUse.seconds);
    const usePoll = stats(inUse.polls, inUse.seconds);
    const useStatic = stats(inUse.probe, inUse.seconds);
    const useFloor = stats(inUse.floor, inUse.seconds);
    log(`   overview p50 ${fmt(useOv.p50, 1)} / p95 ${fmt(useOv.p95, 1)} ms (${useOv.n} loads) · live poll p95 ${fmt(usePoll.p95, 1)} ms · static p95 ${fmt(useStatic.p95, 1)} ms · /login p95 ${fmt(useFloor.p95, 1)} ms`);

    log(`b. saturation: ${CONNECTIONS} connections, closed loop…`);
    const overviewRounds: ReturnType<typeof stats>[] = [];
    const staticRounds: ReturnType<typeof stats>[] = [];
    const floorRounds: ReturnType<typeof stats>[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const s = await load(`${base}/status`, ROUND_MS, []);
      staticRounds.push(stats(s.samples, s.seconds));
      const f = await load(`${base}/login`, ROUND_MS, []);
      floorRounds.push(stats(f.samples, f.seconds));
      const o = await load(`${base}/`, ROUND_MS, cookies);
      overviewRounds.push(stats(o.samples, o.seconds));
      const a = staticRounds.at(-1)!;
      const b = overviewRounds.at(-1)!;
      const c = floorRounds.at(-1)!;
      log(`   round ${round}: static p50 ${fmt(a.p50, 1)} / p95 ${fmt(a.p95, 1)} ms (${fmt(a.rps)} req/s) · /login p95 ${fmt(c.p95, 1)} ms (${fmt(c.rps)} req/s) · overview p50 ${fmt(b.p50, 1)} / p95 ${fmt(b.p95, 1)} ms (${fmt(b.rps)} req/s)`);
    }
    const med = (rs: ReturnType<typeof stats>[], k: keyof ReturnType<typeof stats>) => median(rs.map((r) => r[k]));
    const medians = (rs: ReturnType<typeof stats>[]) => ({ p50: med(rs, "p50"), p95: med(rs, "p95"), p99: med(rs, "p99"), total50: med(rs, "total50"), total95: med(rs, "total95"), rps: med(rs, "rps") });
    const ov = medians(overviewRounds);
    const st = medians(staticRounds);
    const fl = medians(floorRounds);
    const live = await load(`${base}/api/portal/wallet`, 5_000, cookies);
    const liveStats = stats(live.samples, live.seconds);
    const mem = memory.stop();

    log("activity queries at 1 M rows…");
    const first = await listActivity(CUSTOMER, {}, { limit: 50 });
    const deepCursor = String(BigInt(first.items.at(-1)!.seq) - BigInt(Math.floor(TRANSFERS * 0.9)));
    const yearAgo = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
    const activity = {
      first: await timeIt(() => listActivity(CUSTOMER, {}, { limit: 50 })),
      deep: await timeIt(() => listActivity(CUSTOMER, { before: deepCursor }, { limit: 50 })),
      kind: await timeIt(() => listActivity(CUSTOMER, { kind: "grant" }, { limit: 50 })),
      dated: await timeIt(() => listActivity(CUSTOMER, { from: yearAgo, to: yearAgo }, { limit: 50 })),
    };
    const httpActivity = stats((await load(`${base}/activity?before=${deepCursor}`, 3_000, cookies.slice(0, 1), 1)).samples, 3);

    const report = await checkLedger(db.prisma);
    if (!report.ok) throw new Error(`ledger check failed: ${report.violations.length} violations`);

    const verdict = (ok: boolean) => (ok ? "✅" : "❌");
    const useRatio = useOv.p95 / useStatic.p95;
    const ratio = ov.p95 / st.p95;
    const kb = (b: number) => `${fmt(b / 1000, 1)} kB`;
    const row = (name: string, x: { p50: number; p95: number; p99: number; total50: number; total95: number }, extra = "") =>
      `| ${name} | ${fmt(x.p50, 1)} ms | ${fmt(x.p95, 1)} ms | ${fmt(x.p99, 1)} ms | ${fmt(x.total50, 1)} ms | ${fmt(x.total95, 1)} ms | ${extra}`;
    const md = `## Portal (\`npm run bench:portal\`)

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; load average at the start ${os.loadavg()[0]!.toFixed(1)} (the machine is shared).
\`next start\` (one Node process, production build, background jobs off) on a PostgreSQL database holding the demo plus
**${fmt(Number(customerRows))} ledger transfers** for the measured customer (${CUSTOMER}, Credits); ${USERS} signed-in users of that
account, one next-auth session cookie each. TTFB = first byte of the response body; "complete" = last byte.

**a. The portal in use** — the ${USERS} users each have the overview open for ${IN_USE_MS / 1000} s: the page polls its live figures every
2.5 s (as it does in the browser) and is reloaded every 7.5–12.5 s; a probe requests the static page and the sign-in page twice a
second meanwhile. The overview streams: its frame (header, navigation, skeletons) is the first byte, the account's figures follow in
the same response — "complete" is when they are all there.

| ${USERS} users, overview open | TTFB p50 | TTFB p95 | TTFB p99 | complete p50 | complete p95 | |
|---|---:|---:|---:|---:|---:|---|
${row(`Static baseline \`/status\` (prerendered), same moment`, useStatic, "|")}
${row(`Smallest page rendered per request \`/login\` (no session, no data), same moment`, useFloor, "|")}
${row(`**Overview \`/\`** page loads (${useOv.n})`, useOv, `${verdict(useOv.p95 <= 150)} target p95 ≤ 150 ms |`)}
${row(`Live poll \`GET /api/portal/wallet\` (${usePoll.n})`, usePoll, "|")}
| Overview p95 ÷ static p95 | | **${fmt(useRatio, 1)}×** | | | | ${verdict(useRatio <= 2)} target ≤ 2× |
| \`/login\` p95 ÷ static p95 (the framework's floor for any page rendered per request) | | ${fmt(useFloor.p95 / useStatic.p95, 1)}× | | | | |
| Overview p95 ÷ \`/login\` p95 | | ${fmt(useOv.p95 / useFloor.p95, 1)}× | | | | |

Why the ratio to the static page misses its target: \`/status\` is a prerendered file that Next.js serves from memory, while a
signed-in page is rendered for its request. The \`/login\` row measures what that costs with nothing of ours in it (no session, no
database): that is Next.js's own per-request work, which no page of ours can go below. The overview's first byte adds the proxy's
session check and a larger frame; its figures (session, shell and overview reads) stream after it.
The one way Next.js 16 has to send a prerendered frame for a per-request page — partial prerendering, \`cacheComponents\` — was
built and measured on this machine (2026-11-21, one request at a time): its first byte came after ≈ 4 ms at p50 (the static page:
0.8 ms; the streamed overview: ≈ 6.8 ms; a bare streamed page: ≈ 4 ms), each overview cost ≈ 30 % more CPU (76 vs 100 req/s), and
it answers \`200\` instead of \`404\` when a page with an id in its path calls \`notFound()\` (vercel/next.js#98518; fix proposed in
#95561) — "another account's invoice is not found" would become a \`200\`. So it is off.

**b. Saturation** — ${CONNECTIONS} connections in a closed loop (each sends its next request as soon as the last one ends), ${ROUNDS}
alternating rounds of ${ROUND_MS / 1000} s per page, medians of the rounds. Latency here is queueing: ≈ connections ÷ throughput.

| ${CONNECTIONS} connections, closed loop | TTFB p50 | TTFB p95 | TTFB p99 | complete p50 | complete p95 | req/s |
|---|---:|---:|---:|---:|---:|---:|
${row("Static baseline `/status`", st, `${fmt(st.rps)} |`)}
${row("Smallest page rendered per request `/login`", fl, `${fmt(fl.rps)} |`)}
${row("**Overview `/`**", ov, `${fmt(ov.rps)} |`)}
${row("Live refresh `GET /api/portal/wallet`", { ...liveStats }, `${fmt(liveStats.rps)} |`)}
| Overview p95 ÷ static p95 | | ${fmt(ratio, 1)}× | | | | |

First-load JS of the overview (the ${js.files.length} JS files its first load fetches: its module scripts and the client components its inlined RSC payload names; gzip -9, kB = 1,000 bytes): **${kb(js.gzip)}** (${kb(js.raw)} raw)
${verdict(js.gzip <= 150_000)} target ≤ 150 kB; the static page loads ${kb(staticJs.gzip)} (Next.js and React themselves). Recharts is only on \`/usage\`;
TanStack Query (≈ 9 kB) is fetched by the overview's live refresh once the page is shown, not before (the first refresh is 2.5 s
away). Until 2026-11-21 this count took only the HTML's module scripts and missed the client components named in the RSC
payload (the page's error boundary): the 149.3 kB measured before was 150.1 kB.

| Activity page at ${fmt(Number(customerRows))} transfers (\`listActivity\`, 50 rows, keyset on (customer_id, seq)) | p50 | p95 |
|---|---:|---:|
| First page | ${fmt(activity.first.p50, 2)} ms | ${fmt(activity.first.p95, 2)} ms |
| A page 90 % deep into the history (cursor) | ${fmt(activity.deep.p50, 2)} ms | ${fmt(activity.deep.p95, 2)} ms |
| Filtered by kind (grants: a few rows among a million) | ${fmt(activity.kind.p50, 2)} ms | ${fmt(activity.kind.p95, 2)} ms |
| Filtered to one day ~300 days back | ${fmt(activity.dated.p50, 2)} ms | ${fmt(activity.dated.p95, 2)} ms |
| The deep page over HTTP (\`/activity?before=…\`, one connection, TTFB) | ${fmt(httpActivity.p50, 1)} ms | ${fmt(httpActivity.p95, 1)} ms |

Memory: peak resident set of the server process (\`${mem.name}\`, pid ${mem.pid}; the kernel's VmHWM, sampled ${fmt(mem.samples)}
times from /proc through parts a and b) **${fmt(mem.peakRssMiB)} MiB**.

\`ledger:check\` afterwards: clean, ${fmt(report.transfers)} transfers verified.`;
    writeSection("portal", md);
    recordResults([
      { bench: "portal", metric: "Overview p95, 50 users with it open", value: `${fmt(useOv.p95, 1)} ms`, baseline: `static ${fmt(useStatic.p95, 1)} ms`, ratio: `${fmt(useRatio, 1)}×`, target: "p95 ≤ 150 ms; ≤ 2× static", met: useOv.p95 <= 150 && useRatio <= 2 },
      { bench: "portal", metric: "Overview req/s, 50 connections closed loop", value: fmt(ov.rps), baseline: `static ${fmt(st.rps)}`, ratio: `${fmt((ov.rps / st.rps) * 100)} %` },
      { bench: "portal", metric: "Overview first-load JS (gzip)", value: kb(js.gzip), target: "≤ 150 kB", met: js.gzip <= 150_000 },
      { bench: "portal", metric: "Server peak RSS during the portal load", value: `${fmt(mem.peakRssMiB)} MiB` },
    ]);
    log(md);
    if (!(useOv.p95 <= 150 && useRatio <= 2 && js.gzip <= 150_000)) process.exitCode = 1;
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    setDbHandle(undefined);
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
