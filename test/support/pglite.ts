// In-process PGlite for integration tests: each test file restores a migrated template
// (dumpDataDir/loadDataDir), ~1 s instead of migrating from scratch.
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { openPglite, type DbHandle } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

export async function buildPgliteTemplate(file: string) {
  const pglite = new PGlite();
  await migrate({
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async <T,>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
  });
  const dump = await pglite.dumpDataDir("none");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}

export async function createTestPglite(): Promise<DbHandle> {
  const file = process.env.PORTICO_TEST_PGLITE_TEMPLATE;
  if (!file) throw new Error("PGlite tests need the global setup (test/support/global-setup.ts)");
  const pglite = new PGlite({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  await pglite.waitReady;
  return openPglite(pglite, { kind: "embedded", dataDir: "memory", pgliteDir: "memory" });
}
