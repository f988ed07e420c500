// Usage in monthly partitions on real PostgreSQL: events land in their month's table; concurrent
// batches with the same ids, split over two months whose partition one of them must create, stay
// exactly-once; an id is a duplicate across months; and `usage:archive` detaches, CONCURRENTLY,
// only closed, invoiced months, after which wallet, activity, invoices and ledger still read right.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "@/lib/db/client";
import { checkLedger } from "@/lib/services/ledger/ledger-check";
import { listInvoices } from "@/lib/services/invoices/invoices";
import { listActivity } from "@/lib/services/portal/activity";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { MONTHS_MER, closeBefore, partitionsOf, seedMonths, useInMonth } from "@/test/support/usage-months";
import { recordUsage } from "./usage";
import { archiveUsageBefore, dropArchivedMonth, formatArchiveReport } from "./usage-archive";
import { getWallet } from "./wallet";

let h: TestPostgres;
beforeAll(async () => {
  h = await createTestPostgres(20);
  setDbHandle(h);
  await seedMonths();
}, 60_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.drop();
});

const attached = async () =>
  (await h.prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT c.relname::text AS t FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'usage_events'::regclass ORDER BY 1`)).map((r) => r.t);
const FEB10 = new Date("2028-02-10T12:00:00Z");

describe("usage in monthly partitions", () => {
  it("stores each event and its charges in the partition of its UTC month", async () => {
    await useInMonth("2028-01", "jan");
    expect(await partitionsOf(h.prisma)).toEqual({ "jan-met": "usage_events_2028_01", "jan-bal": "usage_events_2028_01" });
    const charges = await h.prisma.$queryRawUnsafe<{ part: string }[]>(`SELECT DISTINCT tableoid::regclass::text AS part FROM usage_charges`);
    expect(charges.map((c) => c.part)).toEqual(["usage_charges_2028_01"]);
  });

  it("records each id once when 6 batches of the same ids race, for two customers, in January's grace window and a February not partitioned yet", async () => {
    expect(await attached()).not.toContain("usage_events_2028_02");
    // two customers, so the batches do not queue on one wallet's lock: they meet at the ids
    const batch = (k: number) =>
      Array.from({ length: 50 }, (_, i) =>
        k % 2
          ? { id: `race-${i}`, customer: "cus_m_bal", action: "build_minute", quantity: 1n, timestamp: new Date("2028-02-01T07:00:00Z") }
          : { id: `race-${i}`, customer: "cus_m_met", action: "api_call", quantity: 1n, timestamp: new Date("2028-01-31T23:00:00Z") },
      );
    const results = await Promise.all(Array.from({ length: 6 }, (_, k) => recordUsage(MONTHS_MER, batch(k), { now: new Date("2028-02-01T08:00:00Z") })));
    const statuses = results.flat().map((r) => r.status);
    expect([statuses.filter((s) => s === "accepted").length, statuses.filter((s) => s === "duplicate").length]).toEqual([50, 250]);
    const [row] = await h.prisma.$queryRawUnsafe<{ events: bigint; keys: bigint; charged: bigint }[]>(
      `SELECT (SELECT count(*) FROM usage_events WHERE event_id LIKE 'race-%') AS events,
              (SELECT count(*) FROM usage_event_keys k JOIN usage_events e ON e.pk = k.event_pk AND e.timestamp = k.event_ts WHERE k.event_id LIKE 'race-%') AS keys,
              (SELECT count(DISTINCT c.event_pk) FROM usage_charges c JOIN usage_events e ON e.pk = c.event_pk AND e.timestamp = c.event_ts WHERE e.event_id LIKE 'race-%') AS charged`,
    );
    expect([row!.events, row!.keys, row!.charged]).toEqual([50n, 50n, 50n]);
    expect((await checkLedger(h.prisma)).ok).toBe(true);
  });

  it("answers an id sent again with another month's timestamp as a duplicate, charging nothing", async () => {
    await closeBefore("2028-02");
    await useInMonth("2028-02", "feb");
    const before = await getWallet("cus_m_bal", { now: FEB10 });
    const again = await recordUsage(MONTHS_MER, [{ id: "jan-bal", customer: "cus_m_bal", action: "build_minute", quantity: 10n, timestamp: FEB10 }], { now: FEB10 });
    expect(again.map((r) => r.status)).toEqual(["duplicate"]);
    expect(await getWallet("cus_m_bal", { now: FEB10 })).toEqual(before);
    expect(await h.prisma.usageEvent.count({ where: { eventId: "jan-bal" } })).toBe(1);
  });

  it("archives only closed, invoiced months, concurrently; what customers see still reads the same", async () => {
    const now = new Date("2028-02-20T00:00:00Z");
    const seen = async () => ({
      wallet: await getWallet("cus_m_met", { now }),
      activity: (await listActivity("cus_m_met", {}, { limit: 50 })).items.map((i) => i.id),
      invoices: (await listInvoices("cus_m_met")).map((i) => [i.id, i.status]),
    });
    const before = await seen();
    const janEvents = await h.prisma.usageEvent.count({ where: { timestamp: { lt: new Date("2028-02-01T00:00:00Z") } } });
    const r = await archiveUsageBefore(h, "2028-03", now);
    // (the months the migration made ahead of the real clock are empty, and go first)
    expect(r.detached.at(-1)).toMatchObject({ month: "2028-01", events: janEvents, tables: ["usage_events_2028_01", "usage_charges_2028_01"] });
    expect(r.stopped).toEqual({ month: "2028-02", reason: "it is the current month or later" });
    expect(await attached()).toEqual(expect.not.arrayContaining(["usage_events_2028_01"]));
    const printed = formatArchiveReport(r, "postgres");
    expect(printed).toContain("Detached usage month 2028-01: usage_events_2028_01 (");
    expect(printed).toMatch(/pg_dump "\$DATABASE_URL" --format=custom .*--table=usage_events_2028_01 --table=usage_charges_2028_01 --file=usage-[-\d]+-to-2028-01\.dump/);
    expect(printed).toContain("npm run usage:archive -- --drop 2028-01");
    expect(await seen()).toEqual(before);
    expect((await checkLedger(h.prisma)).ok).toBe(true);
    // an archived id is still a duplicate; a timestamp in the archived month is refused, not an error
    const late = await recordUsage(
      MONTHS_MER,
      [
        { id: "jan-met", customer: "cus_m_met", action: "api_call", quantity: 1n, timestamp: now },
        { id: "late-jan", customer: "cus_m_met", action: "api_call", quantity: 1n, timestamp: new Date("2028-01-15T00:00:00Z") },
      ],
      { now },
    );
    expect(late.map((x) => x.status)).toEqual(["duplicate", "rejected"]);

    // February is not invoiced yet at March 5: refused with the reason, nothing detached
    const early = await archiveUsageBefore(h, "2028-03", new Date("2028-03-05T00:00:00Z"));
    expect(early.detached).toEqual([]);
    expect(early.stopped?.reason).toMatch(/^2 billing period\(s\) overlapping it are still open or not invoiced/);
    await closeBefore("2028-03");
    const feb = await archiveUsageBefore(h, "2028-03", new Date("2028-03-05T00:00:00Z"));
    expect([feb.detached.map((d) => d.month), feb.stopped]).toEqual([["2028-02"], null]);

    expect(await dropArchivedMonth(h, "2028-01")).toEqual(["usage_charges_2028_01", "usage_events_2028_01"]);
    await expect(dropArchivedMonth(h, "2028-03")).rejects.toThrow(/No archived tables|still attached/);
  });
});
