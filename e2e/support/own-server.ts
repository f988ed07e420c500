// A `next start` process of its own for the fault-injection and HTTP-security specs: the same
// production build and the same PostgreSQL database as the "postgres" project's server (several
// app instances on one database is how Portico scales out), on a port of its own, with its own
// environment (failpoints, rate limits, NEXTAUTH_URL). Killed with SIGKILL, like a crash.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { sql } from "../db";

const root = path.resolve(import.meta.dirname, "..", "..");
/** E2E_OWN_PORT, default E2E_PORT + 100 (the project servers use E2E_PORT and + 1); these specs use it to + 4. */
export const OWN_PORT = Number(process.env.E2E_OWN_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 100);
export const OWN_URL = `http://127.0.0.1:${OWN_PORT}`;

export type OwnServer = {
  url: string;
  proc: ChildProcess;
  /** Resolves when the process is gone, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
  stop: () => Promise<void>;
};

export async function startOwnServer(env: Record<string, string> = {}, port = OWN_PORT): Promise<OwnServer> {
  const url = `http://127.0.0.1:${port}`;
  let out = "";
  const proc = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: E2E_DATABASE_URL,
      PORTICO_DATA_DIR: "test-results/e2e-pg-data",
      PORTICO_WORKER: "1",
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
      NEXTAUTH_URL: url,
      PORTICO_LIMIT_SIGNIN_EMAIL: "200/900",
      PORTICO_LIMIT_SIGNIN_IP: "2000/900",
      PORTICO_LIMIT_PURCHASE: "200/600",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`next start exited before it was ready:\n${out}`);
    try {
      if ((await fetch(`${url}/login`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`next start not ready after 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    proc,
    exited,
    output: () => out,
    stop: async () => {
      if (!gone) proc.kill("SIGKILL");
      await exited;
    },
  };
}

/** A merchant API key of the demo merchant, straight into the database. */
export async function demoMerchantKey(merchantId = "mer_demo"): Promise<string> {
  const secret = `sk_test_${randomBytes(16).toString("hex")}`;
  await sql(`INSERT INTO api_keys (id, merchant_id, name, prefix, hash) VALUES ($1, $2, 'e2e security', $3, $4)`, [
    `key_e2e_${randomBytes(4).toString("hex")}`,
    merchantId,
    secret.slice(0, 12),
    createHash("sha256").update(secret).digest("hex"),
  ]);
  return secret;
}

/** `npm run payments:reconcile` on the shared database, as an operator runs it after an incident. */
export function reconcilePayments(): { code: number; output: string } {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/payments-reconcile.ts", "--stale-minutes", "0"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}
