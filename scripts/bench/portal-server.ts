// The portal bench's server: the production build (built first if stale), `next start` on the
// bench database with background jobs off, waiting for it to answer, and the first-load JS a page
// of the build fetches.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { buildIsStale } from "../build-if-stale";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const PORT = Number(process.env.BENCH_PORT ?? 3149);

export function buildIfStale(log: (s: string) => void) {
  if (buildIsStale()) {
    log("building the portal…");
    const r = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) throw new Error("build failed");
  }
}

/** `next start` on PORT (detached: stop it with its process group). */
export function startServer(databaseUrl: string, secret: string): ChildProcess {
  return spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: `http://127.0.0.1:${PORT}`, PORTICO_WORKER: "0", NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
  });
}

export async function waitFor(url: string, ms = 60_000) {
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
export async function firstLoadJs(html: string) {
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
