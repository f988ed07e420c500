// The activity page's data: plain words, keyset pages that cover everything once, filters, the
// CSV export of exactly what is filtered, drill-down to the events, and nothing of anyone else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchantAccountId } from "@/lib/billing/accounts";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { C, MER, createPortalWorld, use } from "@/test/support/portal-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { activityCsvStream, getTransferDetail, listActivity, parseActivityQuery, type ActivityQuery } from "./activity";
import { postTransfers } from "../ledger/ledger";

let h: DbHandle;
const NOW = new Date("2026-11-21T12:00:00Z");
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  await createPortalWorld(h, NOW);
  // 9 days of usage, 3 actions a day → 27 usage transfers (one per action and day), plus the grant.
  for (let d = 9; d >= 1; d--) {
    await use(C.credits, "image_generation", 1n, day(d), NOW);
    await use(C.credits, "voice_transcription", 2n, day(d), NOW);
    await use(C.credits, "agent_run", 1n, day(d), NOW);
  }
  await use(C.other, "agent_run", 2n, day(2), NOW);
  // A transfer that names the customer but moves money between merchant accounts only.
  await postTransfers([{ op: "transfer", id: "merchant-only", kind: "adjustment", asset: "USD", amount: 1n, debitAccountId: merchantAccountId(MER, "cash"), creditAccountId: merchantAccountId(MER, "revenue"), customerId: C.credits, reason: "internal" }], { now: NOW });
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

async function all(customerId: string, q: ActivityQuery, limit: number) {
  const seen: string[] = [];
  let page = await listActivity(customerId, q, { limit });
  seen.push(...page.items.map((i) => i.id));
  while (page.older) {
    page = await listActivity(customerId, { ...q, before: page.older }, { limit });
    seen.push(...page.items.map((i) => i.id));
  }
  return seen;
}

async function csvLines(customerId: string, q: ActivityQuery, pageSize = 7) {
  const text = await new Response(activityCsvStream(customerId, q, { pageSize })).text();
  return text.trimEnd().split("\r\n");
}

describe("listing", () => {
  it("pages newest first through every transfer of the customer exactly once, and back", async () => {
    const ids = await all(C.credits, {}, 5);
    expect(ids).toHaveLength(28);
    expect(new Set(ids).size).toBe(28);
    const [{ n }] = (await h.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ledger_transfers WHERE customer_id = $1 AND id <> 'merchant-only'`, C.credits)) as [{ n: bigint }];
    expect(BigInt(ids.length)).toBe(n);
    expect(ids).not.toContain("merchant-only");
    // second page, then "newer" leads back to the first page
    const first = await listActivity(C.credits, {}, { limit: 5 });
    const second = await listActivity(C.credits, { before: first.older! }, { limit: 5 });
    expect(second.newer).toBe(second.items[0]!.cursor);
    const back = await listActivity(C.credits, { after: second.newer! }, { limit: 5 });
    expect(back.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    expect(back.newer).toBeNull();
  });

  it("is strictly newest first by when each movement took effect, ties in ledger order — on every page and in the CSV", async () => {
    // usage reported late: recorded after newer usage, it sorts by when it happened
    for (const d of [1, 3, 8, 2, 6]) await use(C.balance, "build_minute", 1n, day(d), NOW);
    const items: { at: number; seq: bigint }[] = [];
    let page = await listActivity(C.balance, {}, { limit: 2 });
    for (;;) {
      items.push(...page.items.map((i) => ({ at: i.effectiveAt.getTime(), seq: BigInt(i.seq) })));
      if (!page.older) break;
      page = await listActivity(C.balance, { before: page.older }, { limit: 2 });
    }
    expect(items.length).toBeGreaterThanOrEqual(6); // the grant and the five
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      expect(a.at > b.at || (a.at === b.at && a.seq > b.seq), `row ${i} is not older than row ${i - 1}`).toBe(true);
    }
    const dates = (await csvLines(C.balance, {}, 2)).slice(1).map((l) => Date.parse(l.split(",")[0]!));
    for (let i = 1; i < dates.length; i++) expect(dates[i - 1]! >= dates[i]!).toBe(true);
    expect(dates).toHaveLength(items.length);
  });

  it("says what happened in plain words", async () => {
    const { items } = await listActivity(C.credits, {}, { limit: 100 });
    const grant = items.find((i) => i.kind === "grant")!;
    expect(grant.line.label).toBe("Granted");
    expect(grant.amountText).toBe("+1,000 credits");
    const voice = items.find((i) => i.line.description.startsWith("Voice transcription"))!;
    expect(voice.line).toMatchObject({ label: "Used", description: "Voice transcription × 2", bucket: "Plan credits" });
    expect(voice.amountText).toBe("−6 credits");
  });

  it("filters by kind and by date (UTC days, both ends included)", async () => {
    expect(await all(C.credits, { kind: "grant" }, 5)).toHaveLength(1);
    const usage = await all(C.credits, { kind: "usage" }, 4);
    expect(usage).toHaveLength(27);
    const d3 = day(3).toISOString().slice(0, 10);
    const d2 = day(2).toISOString().slice(0, 10);
    const ranged = await listActivity(C.credits, { from: d3, to: d2 }, { limit: 50 });
    expect(ranged.items).toHaveLength(6);
    expect(ranged.items.every((i) => [d3, d2].includes(i.effectiveAt.toISOString().slice(0, 10)))).toBe(true);
  });

  it("never shows another customer's activity", async () => {
    const mine = new Set(await all(C.credits, {}, 50));
    const theirs = await all(C.other, {}, 50);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((id) => mine.has(id))).toBe(false);
  });

  it("ignores invalid filters with a message instead of trusting them", () => {
    expect(parseActivityQuery({ kind: "bogus", from: "2026-11-01" })).toEqual({ query: { from: "2026-11-01" }, error: expect.stringMatching(/ignored/) });
    expect(parseActivityQuery({ from: "2026-11-10", to: "2026-11-01" }).error).toBe("The start date is after the end date.");
    expect(parseActivityQuery({ before: "1; DROP TABLE x" }).query.before).toBeUndefined();
    expect(parseActivityQuery({ from: "2026-13-45" }).error).toBe("Some filters were ignored: That date does not exist.");
    expect(parseActivityQuery({ from: "11/01/2026" }, "en-GB").error).toBe("Some filters were ignored: Dates are YYYY-MM-DD.");
  });

  it("says why in the customer's language", () => {
    expect(parseActivityQuery({ from: "2026-11-10", to: "2026-11-01" }, "de-DE").error).toBe("Das Anfangsdatum liegt nach dem Enddatum.");
    expect(parseActivityQuery({ kind: "bogus", from: "2026-11-01" }, "de-DE")).toEqual({ query: { from: "2026-11-01" }, error: "Einige Filter wurden nicht angewendet: Diese Art von Aktivität gibt es nicht." });
    expect(parseActivityQuery({ from: "11/01/2026" }, "ja-JP").error).toBe("一部の絞り込み条件は適用されませんでした: 日付は YYYY-MM-DD の形式で入力してください。");
    expect(parseActivityQuery({ before: "x" }, "ja-JP").error).toBe("一部の絞り込み条件は適用されませんでした: そのページへのリンクは正しくありません。");
  });
});

describe("CSV export", () => {
  it("streams exactly the filtered rows, in the same order, whatever the page size", async () => {
    for (const q of [{}, { kind: "usage" as const }, { from: day(3).toISOString().slice(0, 10), to: day(2).toISOString().slice(0, 10) }]) {
      const lines = await csvLines(C.credits, q);
      expect(lines[0]).toBe("date,activity,description,bucket,amount,asset,transfer_id");
      const ids = lines.slice(1).map((l) => l.split(",").at(-1));
      expect(ids).toEqual(await all(C.credits, q, 1000));
    }
  });

  it("keeps exact signed amounts", async () => {
    const lines = await csvLines(C.credits, { kind: "grant" });
    expect(lines[1]).toMatch(/,Granted,.*,Plan credits,1000,CREDIT,grant:/);
    const usage = await csvLines(C.credits, { kind: "usage" });
    expect(usage.slice(1).every((l) => /,-\d+(\.\d+)?,CREDIT,/.test(l))).toBe(true);
  });
});

describe("drill-down", () => {
  it("lists the usage events behind a transfer, whose charges add up to it", async () => {
    const { items } = await listActivity(C.credits, { kind: "usage" }, { limit: 1 });
    const d = (await getTransferDetail(C.credits, items[0]!.id))!;
    expect(d.events.length).toBeGreaterThan(0);
    expect(d.eventsTotal).toBe(d.events.length);
    const [{ sum }] = (await h.prisma.$queryRawUnsafe<{ sum: bigint }[]>(`SELECT sum(amount) AS sum FROM usage_charges WHERE transfer_id = $1`, items[0]!.id)) as [{ sum: bigint }];
    const t = await h.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: items[0]!.id } });
    expect(BigInt(sum)).toBe(t.amount);
  });

  it("is not found for another customer's transfer, a merchant-only one, or nonsense", async () => {
    const { items } = await listActivity(C.other, {}, { limit: 10 });
    expect(await getTransferDetail(C.credits, items[0]!.id)).toBeNull();
    expect(await getTransferDetail(C.credits, "merchant-only")).toBeNull();
    expect(await getTransferDetail(C.credits, "x".repeat(1000))).toBeNull();
  });
});
