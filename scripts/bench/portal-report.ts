// The portal bench's report: its section of docs/benchmarks.md (the figures beside their baselines,
// and why the overview's ratio to the static page misses its target) and its summary rows for
// `npm run bench`.
import os from "node:os";
import { CONNECTIONS, IN_USE_MS, ROUND_MS, ROUNDS, USERS, type Stats } from "./portal-load";
import type { firstLoadJs } from "./portal-server";
import { CUSTOMER } from "./portal-setup";
import { fmt, machine, recordResults, writeSection, type sampleServerMemory } from "./support";

type Latency = { p50: number; p95: number; p99: number; total50: number; total95: number };
type Timing = { p50: number; p95: number };
type Js = Awaited<ReturnType<typeof firstLoadJs>>;

type PortalFigures = {
  /** Transfers of the measured customer. */
  customerRows: string;
  /** a. the portal in use: overview loads, live polls, the static page and `/login` meanwhile. */
  useOv: Stats;
  usePoll: Stats;
  useStatic: Stats;
  useFloor: Stats;
  /** b. saturation (medians of the rounds): overview, static, `/login`; the live refresh. */
  ov: Latency & { rps: number };
  st: Latency & { rps: number };
  fl: Latency & { rps: number };
  liveStats: Stats;
  js: Js;
  staticJs: Js;
  activity: { first: Timing; deep: Timing; kind: Timing; dated: Timing };
  httpActivity: Stats;
  mem: ReturnType<ReturnType<typeof sampleServerMemory>["stop"]>;
  /** Transfers `ledger:check` verified afterwards. */
  checkedTransfers: number;
};

/** Writes the section and the summary rows; returns the markdown and whether every target was met. */
export function reportPortal(f: PortalFigures): { md: string; met: boolean } {
  const { customerRows, useOv, usePoll, useStatic, useFloor, ov, st, fl, liveStats, js, staticJs, activity, httpActivity, mem } = f;
  const verdict = (ok: boolean) => (ok ? "✅" : "❌");
  // issue #16's targets: p95 ≤ 1.5× the static page with 50 users, ≥ 25 % of its requests/s, first-load JS ≤ 150 kB
  const [RATIO_MAX, SHARE_MIN, JS_MAX] = [1.5, 0.25, 150_000];
  const useRatio = useOv.p95 / useStatic.p95;
  const share = ov.rps / st.rps;
  const jsMargin = JS_MAX - js.gzip;
  const ratio = ov.p95 / st.p95;
  const kb = (b: number) => `${fmt(b / 1000, 1)} kB`;
  const row = (name: string, x: Latency, extra = "") =>
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
${row(`**Overview \`/\`** page loads (${useOv.n})`, useOv, "|")}
${row(`Live poll \`GET /api/portal/wallet\` (${usePoll.n})`, usePoll, "|")}
| Overview p95 ÷ static p95 | | **${fmt(useRatio, 1)}×** | | | | ${verdict(useRatio <= RATIO_MAX)} target ≤ ${RATIO_MAX}× |
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
| Overview req/s ÷ static req/s | | | | | | **${fmt(share * 100)} %** ${verdict(share >= SHARE_MIN)} target ≥ ${SHARE_MIN * 100} % |

First-load JS of the overview (the ${js.files.length} JS files its first load fetches: its module scripts and the client components its inlined RSC payload names; gzip -9, kB = 1,000 bytes): **${kb(js.gzip)}** (${kb(js.raw)} raw)
${verdict(jsMargin >= 0)} target ≤ 150 kB: ${jsMargin >= 0 ? `${kb(jsMargin)} under it` : `${kb(-jsMargin)} over it`}; the static page loads ${kb(staticJs.gzip)} (Next.js, React, and next-intl's client runtime with its ICU message parser, which the root layout's provider loads on every page). Recharts is only on \`/usage\`;
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

\`ledger:check\` afterwards: clean, ${fmt(f.checkedTransfers)} transfers verified.`;
  writeSection("portal", md);
  recordResults([
    { bench: "portal", metric: "Overview p95, 50 users with it open", value: `${fmt(useOv.p95, 1)} ms`, baseline: `static ${fmt(useStatic.p95, 1)} ms`, ratio: `${fmt(useRatio, 1)}×`, target: `≤ ${RATIO_MAX}× static`, met: useRatio <= RATIO_MAX },
    { bench: "portal", metric: "Overview req/s, 50 connections closed loop", value: fmt(ov.rps), baseline: `static ${fmt(st.rps)}`, ratio: `${fmt(share * 100)} %`, target: `≥ ${SHARE_MIN * 100} % of static`, met: share >= SHARE_MIN },
    { bench: "portal", metric: "Overview first-load JS (gzip)", value: kb(js.gzip), target: "≤ 150 kB", met: jsMargin >= 0, ratio: jsMargin >= 0 ? `${kb(jsMargin)} under` : `${kb(-jsMargin)} over` },
    { bench: "portal", metric: "Server peak RSS during the portal load", value: `${fmt(mem.peakRssMiB)} MiB` },
  ]);
  return { md, met: useRatio <= RATIO_MAX && share >= SHARE_MIN && jsMargin >= 0 };
}
