// Real PostgreSQL for tests: each test file gets its own database, cloned from a migrated
// template (CREATE DATABASE … TEMPLATE ≈ 50 ms), and drops it afterwards.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgres, type DbHandle } from "@/lib/db/client";
import { migrate, readMigrations } from "@/lib/db/migrate";

export function adminUrl(): string {
  const url = process.env.PORTICO_TEST_PG_ADMIN_URL;
  if (!url) throw new Error("PostgreSQL tests need the global setup (test/support/global-setup.ts)");
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function templateName(): string {
  const h = createHash("sha256");
  for (const m of readMigrations()) h.update(m.name).update(m.checksum);
  return `portico_tpl_${h.digest("hex").slice(0, 12)}`;
}

/** Create (once) the migrated template database. Called from the global setup. */
export async function ensureTemplate(admin: string): Promise<string> {
  const name = templateName();
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      await c.query(`CREATE DATABASE ${name}`);
      const t = new pg.Client({ connectionString: withDatabase(admin, name) });
      await t.connect();
      try {
        await migrate({
          exec: async (sql) => void (await t.query(sql)),
          query: async <T,>(sql: string, params: unknown[] = []) => (await t.query(sql, params)).rows as T[],
        });
      } finally {
        await t.end();
      }
    }
    // Databases left behind by test runs that were killed more than two hours ago (the name
    // carries its creation time; other runs on this server may be using younger ones).
    const cutoff = Math.floor(Date.now() / 1000) - 2 * 3600;
    const stale = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^portico_t_[0-9]+_[0-9a-f]+$'`);
    for (const r of stale.rows) {
      const created = Number(r.datname.split("_")[2]);
      if (created < cutoff) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => {});
    }
  } finally {
    await c.end();
  }
  return name;
}

export type TestPostgres = DbHandle & { url: string; drop(): Promise<void> };

/** A fresh migrated database for one test file (or an empty one, to test migrations). */
export async function createTestPostgres(poolSize = 20, opts: { empty?: boolean } = {}): Promise<TestPostgres> {
  const admin = adminUrl();
  const name = `portico_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(opts.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
  } finally {
    await c.end();
  }
  const url = withDatabase(admin, name);
  const handle = openPostgres(url, poolSize);
  return {
    ...handle,
    url,
    async drop() {
      await handle.close();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      try {
        await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await d.end();
      }
    },
  };
}
