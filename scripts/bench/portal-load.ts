// The portal bench's load drivers, over keep-alive HTTP: a closed loop of connections (saturation),
// and "the portal in use" (signed-in users with the overview open, polling and reloading it, beside
// a probe of the static page and the sign-in page); and the TTFB/complete statistics of a run.
import http from "node:http";
import { percentile } from "./support";

export const USERS = 50;
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 10_000);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const IN_USE_MS = Number(process.env.BENCH_IN_USE_MS ?? 60_000);

type Sample = { ttfb: number; total: number; status: number };

/** Closed loop: `connections` clients, each sending its next request when the last one ended. */
export async function load(url: string, ms: number, cookies: string[], connections = CONNECTIONS): Promise<{ samples: Sample[]; seconds: number }> {
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

export function stats(samples: Sample[], seconds: number) {
  const bad = samples.filter((s) => s.status !== 200).length;
  if (bad > 0) throw new Error(`${bad} of ${samples.length} responses were not 200`);
  const ttfb = samples.map((s) => s.ttfb);
  const total = samples.map((s) => s.total);
  return { n: samples.length, rps: samples.length / seconds, p50: percentile(ttfb, 50), p95: percentile(ttfb, 95), p99: percentile(ttfb, 99), total50: percentile(total, 50), total95: percentile(total, 95) };
}

export type Stats = ReturnType<typeof stats>;

/**
 * 50 users with the overview open: each loads `/`, then polls the live figures every 2.5 s and
 * reloads after ~10 s (randomised so they do not move in step). Meanwhile one probe requests the
 * static page and the sign-in page twice a second. Returns the page loads', the polls' and the
 * probes' samples.
 */
export async function portalInUse(base: string, ms: number, cookies: string[]) {
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
