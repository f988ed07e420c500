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
// The parts: portal-setup.ts (the data and the users), portal-server.ts (the build and the server),
// portal-load.ts (the load drivers), portal-report.ts (the section and the summary rows).
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { setDbHandle } from "@/lib/db/client";
import { listActivity } from "@/lib/services/portal";
import { checkLedger } from "@/lib/services/ledger";
import { CONNECTIONS, IN_USE_MS, load, portalInUse, ROUND_MS, ROUNDS, stats, USERS, type Stats } from "./portal-load";
import { reportPortal } from "./portal-report";
import { buildIfStale, firstLoadJs, PORT, startServer, waitFor } from "./portal-server";
import { CUSTOMER, SECRET, seedHistory, signInUsers, TRANSFERS } from "./portal-setup";
import { createBenchDatabase, fmt, median, sampleServerMemory, timeIt } from "./support";

const log = (s: string) => console.log(s);

async function main() {
  buildIfStale(log);
  const db = await createBenchDatabase(10);
  setDbHandle(db);
  let server: ChildProcess | null = null;
  try {
    log("seeding the demo…");
    const customerRows = await seedHistory(db, log);

    // 50 signed-in users of the measured account, each with their own session cookie.
    const cookies = await signInUsers(USERS);

    log("starting next start…");
    server = startServer(db.url, SECRET);
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
    const overviewRounds: Stats[] = [];
    const staticRounds: Stats[] = [];
    const floorRounds: Stats[] = [];
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
    const med = (rs: Stats[], k: keyof Stats) => median(rs.map((r) => r[k]));
    const medians = (rs: Stats[]) => ({ p50: med(rs, "p50"), p95: med(rs, "p95"), p99: med(rs, "p99"), total50: med(rs, "total50"), total95: med(rs, "total95"), rps: med(rs, "rps") });
    const ov = medians(overviewRounds);
    const st = medians(staticRounds);
    const fl = medians(floorRounds);
    const live = await load(`${base}/api/portal/wallet`, 5_000, cookies);
    const liveStats = stats(live.samples, live.seconds);
    const mem = memory.stop();

    log("activity queries at 1 M rows…");
    // A real page cursor ("<effective ms>_<seq>") of the row 90 % deep into the history, newest first.
    const [deep] = await db.raw.query<{ ms: string; seq: string }>(
      `SELECT floor(extract(epoch FROM effective_at) * 1000)::bigint::text AS ms, seq::text AS seq FROM ledger_transfers WHERE customer_id = $1 ORDER BY effective_at DESC, seq DESC OFFSET $2 LIMIT 1`,
      [CUSTOMER, Math.floor(TRANSFERS * 0.9)],
    );
    if (!deep) throw new Error("no transfer 90 % deep into the history");
    const deepCursor = `${deep.ms}_${deep.seq}`;
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

    const { md, met } = reportPortal({ customerRows, useOv, usePoll, useStatic, useFloor, ov, st, fl, liveStats, js, staticJs, activity, httpActivity, mem, checkedTransfers: report.transfers });
    log(md);
    if (!met) process.exitCode = 1;
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
