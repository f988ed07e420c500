import "server-only";
// Getting a database ready: migrations, then the demo when the database is empty. Shared by
// `npm start`, `npm run db:*` and the tests.
import { peekDbHandle, setDbHandle, type DbHandle } from "@/lib/db/client";
import { migrate, type MigrateResult } from "@/lib/db/migrate";
import type { Catalog } from "@/lib/catalog/config";
import { isSeeded, seedDemo, type SeedSummary } from "./seed";

/** Migrations, then — in an empty database, with `seed` — the catalogue (portico.config.ts for `npm start`) and the demo. */
export async function prepareDatabase(h: DbHandle, opts: { seed: boolean; now?: Date; catalog?: Catalog }): Promise<{ migrated: MigrateResult; seeded: SeedSummary | null }> {
  const migrated = await migrate(h.raw);
  let seeded: SeedSummary | null = null;
  if (opts.seed && !(await isSeeded(h.prisma, opts.catalog?.merchant.id))) {
    // The seed pays its renewal invoices through the payment services, which use the process's handle.
    const installed = peekDbHandle();
    if (!installed) setDbHandle(h);
    try {
      seeded = await seedDemo({ client: h.prisma, now: opts.now, catalog: opts.catalog });
    } finally {
      if (!installed) setDbHandle(undefined);
    }
  }
  return { migrated, seeded };
}

/** Empty the database completely (every table, the migrations record too). */
export async function wipeDatabase(h: DbHandle) {
  await h.raw.exec(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;`);
}
