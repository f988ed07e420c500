// Usage in monthly partitions on the embedded database (PGlite): the migration moves the events
// and charges stored before it into their months, keys them, and keeps their ids; and the archive
// command detaches (plainly: PGlite has one connection) only what may go.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { migrate, readMigrations, type SqlExecutor } from "@/lib/db/migrate";
import { createTestPglite } from "@/test/support/pglite";
import { MONTHS_MER, closeBefore, partitionsOf, seedMonths, useInMonth } from "@/test/support/usage-months";
import { recordUsage } from "./usage";
import { archiveUsageBefore, formatArchiveReport } from "./usage-archive";

const PARTITIONING = "20261209100000_usage_partitions";

describe("the partitioning migration", () => {
  it("moves the events and charges stored before it into their month partitions, with their keys and ids", async () => {
    const pglite = new PGlite();
    const raw: SqlExecutor = { exec: async (sql) => void (await pglite.exec(sql)), query: async <T,>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows };
    const all = readMigrations();
    await migrate(raw, all.filter((m) => m.name < PARTITIONING));
    await raw.exec(`
      INSERT INTO usage_events (merchant_id, event_id, customer_id, action, quantity, timestamp, cost_asset, cost_amount, period_start) VALUES
        ('mer_a', 'old-1', 'cus_a', 'api_call', 3, '2026-10-31T23:59:59.999Z', 'API_CALL', 3, '2026-10-01Z'),
        ('mer_a', 'old-2', 'cus_a', 'api_call', 4, '2026-11-01T00:00:00Z', 'API_CALL', 4, '2026-11-01Z'),
        ('mer_b', 'old-1', 'cus_b', 'api_call', 5, '2026-11-15T10:00:00Z', 'API_CALL', 5, '2026-11-01Z');
      INSERT INTO usage_charges (event_pk, transfer_id, asset, amount) SELECT pk, 'tr_' || event_id || merchant_id, 'API_CALL', quantity FROM usage_events;`);
    const before = await raw.query<{ pk: string; event_id: string }>(`SELECT pk::text, event_id FROM usage_events ORDER BY pk`);
    await migrate(raw, all);

    const rows = await raw.query<{ pk: string; merchant_id: string; event_id: string; part: string; charge_part: string; amount: string; key_ts: string }>(
      `SELECT e.pk::text, e.merchant_id, e.event_id, e.tableoid::regclass::text AS part, c.tableoid::regclass::text AS charge_part, c.amount::text,
              to_char(k.event_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS key_ts
         FROM usage_events e JOIN usage_charges c ON c.event_pk = e.pk AND c.event_ts = e.timestamp
         JOIN usage_event_keys k ON k.merchant_id = e.merchant_id AND k.event_id = e.event_id AND k.event_pk = e.pk ORDER BY e.pk`,
    );
    expect(rows.map((r) => [r.pk, r.merchant_id, r.event_id, r.part, r.charge_part, r.amount, r.key_ts])).toEqual([
      [before[0]!.pk, "mer_a", "old-1", "usage_events_2026_10", "usage_charges_2026_10", "3", "2026-10-31 23:59:59.999"],
      [before[1]!.pk, "mer_a", "old-2", "usage_events_2026_11", "usage_charges_2026_11", "4", "2026-11-01 00:00:00.000"],
      [before[2]!.pk, "mer_b", "old-1", "usage_events_2026_11", "usage_charges_2026_11", "5", "2026-11-15 10:00:00.000"],
    ]);
    // the id sequence goes on after the moved rows; a moved key still refuses its id
    const [next] = await raw.query<{ pk: string }>(`SELECT nextval('usage_events_pk_seq')::text AS pk`);
    expect(BigInt(next!.pk)).toBeGreaterThan(BigInt(before[2]!.pk));
    await expect(raw.exec(`INSERT INTO usage_event_keys VALUES ('mer_a', 'old-2', 99, now())`)).rejects.toThrow(/duplicate key/);
    await pglite.close();
  });
});

describe("usage months on the embedded database", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestPglite();
    setDbHandle(h);
    await seedMonths();
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await h.close();
  });

  it("creates each month's partition when first used, and archives only closed, invoiced months", async () => {
    await useInMonth("2028-01", "jan");
    await closeBefore("2028-02");
    await useInMonth("2028-02", "feb");
    expect(await partitionsOf(h.prisma)).toEqual({ "feb-bal": "usage_events_2028_02", "feb-met": "usage_events_2028_02", "jan-bal": "usage_events_2028_01", "jan-met": "usage_events_2028_01" });

    const r = await archiveUsageBefore(h, "2028-03", new Date("2028-03-05T00:00:00Z"));
    expect(r.detached.at(-1)).toMatchObject({ month: "2028-01", events: 2, charges: 2 });
    expect(r.stopped?.month).toBe("2028-02");
    expect(formatArchiveReport(r, "embedded")).toContain("The embedded database has no pg_dump; to free the space:\n");
    expect(await partitionsOf(h.prisma)).toEqual({ "feb-bal": "usage_events_2028_02", "feb-met": "usage_events_2028_02" });
    const again = await recordUsage(MONTHS_MER, [{ id: "jan-met", customer: "cus_m_met", action: "api_call", quantity: 1n, timestamp: new Date("2028-02-20T00:00:00Z") }], { now: new Date("2028-02-20T00:00:01Z") });
    expect(again.map((x) => x.status)).toEqual(["duplicate"]);
  });
});
