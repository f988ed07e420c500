// DATABASE_URL mode: the same committed migrations and the same demo on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { checkLedger } from "../ledger/ledger-check";
import { prepareDatabase } from "./setup";

let h: TestPostgres;
beforeAll(async () => {
  h = await createTestPostgres(10, { empty: true });
});
afterAll(async () => h.drop());

describe("an empty PostgreSQL database", () => {
  it("is migrated and seeded exactly like the embedded one, and ledger-clean", async () => {
    const { migrated, seeded } = await prepareDatabase(h, { seed: true, now: new Date("2026-11-21T12:00:00Z") });
    expect(migrated.applied).toEqual(readMigrations().map((m) => m.name));
    expect(seeded?.events).toBeGreaterThan(500);
    expect(seeded?.rejected).toBe(0);
    const recorded = await h.raw.query<{ migration_name: string; checksum: string }>(`SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`);
    expect(recorded.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("a second run applies nothing and seeds nothing", async () => {
    const again = await prepareDatabase(h, { seed: true });
    expect(again.migrated.applied).toEqual([]);
    expect(again.seeded).toBeNull();
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(h.raw, edited)).rejects.toThrow(/was changed after it was applied/);
  });
});
