// Makes sure a PostgreSQL server answers on 127.0.0.1 for the tests: the one already running
// (PORTICO_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres), or else a
// throwaway cluster started here (initdb into a temp dir, as the postgres user when root).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

function findPgBin(name: string): string | null {
  const dirs = fs.existsSync("/usr/lib/postgresql")
    ? fs.readdirSync("/usr/lib/postgresql").sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  for (const d of [...dirs, "/usr/local/bin", "/usr/bin"]) {
    if (fs.existsSync(path.join(d, name))) return path.join(d, name);
  }
  return null;
}

/** Start a private cluster on a free port; returns its admin URL. */
function startThrowawayCluster(): string {
  const initdb = findPgBin("initdb");
  const pgCtl = findPgBin("pg_ctl");
  if (!initdb || !pgCtl) {
    throw new Error(
      "No PostgreSQL answers on 127.0.0.1:5432 and none is installed. Install it (apt-get install -y postgresql) " +
        "or set PORTICO_TEST_PG_URL.",
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-pg-"));
  const port = 15432 + Math.floor(Math.random() * 1000);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["-R", "postgres", dir]);
  const run = (cmd: string, args: string[]) => {
    const r = asRoot
      ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", [cmd, ...args].map((a) => `'${a}'`).join(" ")], { encoding: "utf8" })
      : spawnSync(cmd, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run(initdb, ["-D", path.join(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  run(pgCtl, ["-D", path.join(dir, "data"), "-l", path.join(dir, "log"), "-w", "-o",
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300 -c fsync=on`, "start"]);
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

export async function ensurePostgres(): Promise<string> {
  const url = process.env.PORTICO_TEST_PG_URL ?? DEFAULT_PG_URL;
  if (await answers(url)) return url;
  const started = startThrowawayCluster();
  if (!(await answers(started))) throw new Error(`Started PostgreSQL at ${started} but it does not answer`);
  return started;
}
