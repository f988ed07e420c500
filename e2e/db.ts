// The "postgres" project's server database, for checks independent of the app: plain SQL, and
// `npm run ledger:check` run as its own process against the same database.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { E2E_DATABASE_URL } from "../playwright.config";

export async function sql<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Run the ledger invariant check over the server's database; returns its exit code and report. */
export function ledgerCheck(): { code: number; output: string } {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/ledger-check.ts"], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}
