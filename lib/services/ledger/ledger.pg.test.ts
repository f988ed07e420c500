// The ledger under concurrency on real PostgreSQL: PGlite runs everything serially, so races only
// show here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { balanceOf, type LedgerRequest, type RequestResult } from "@/lib/ledger";
import { createLedgerFixture } from "@/test/support/ledger-fixtures";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { checkLedger } from "./ledger-check";
import { LedgerBatcher, postTransfers } from "./ledger";

let h: TestPostgres;

beforeAll(async () => {
  h = await createTestPostgres(20);
  await createLedgerFixture(h.prisma, { wallets: 2 });
});
afterAll(async () => h.drop());

const FUNDS = 100_000n;
const AMOUNT = 500n; // FUNDS / AMOUNT = 200 requests can succeed
const future = () => new Date(Date.now() + 10 * 60_000);

function requests(wallet: string, prefix: string): LedgerRequest[] {
  // 200 debits + 100 holds = 150,000 asked of a 100,000 wallet, interleaved
  return Array.from({ length: 300 }, (_, i) =>
    i % 3 === 2
      ? { op: "hold", id: `${prefix}-h${i}`, debitAccountId: wallet, creditAccountId: "revenue", asset: "CREDIT", amount: AMOUNT, kind: "usage", timeoutAt: future() }
      : { op: "transfer", id: `${prefix}-d${i}`, debitAccountId: wallet, creditAccountId: "revenue", asset: "CREDIT", amount: AMOUNT, kind: "usage" },
  );
}

async function fund(wallet: string) {
  await postTransfers([{ op: "transfer", id: `fund-${wallet}`, debitAccountId: "issuer", creditAccountId: wallet, asset: "CREDIT", amount: FUNDS, kind: "grant" }], { client: h.prisma });
}

async function expectExact(wallet: string, reqs: LedgerRequest[], results: RequestResult[]) {
  const ok = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok);
  expect(ok).toHaveLength(200);
  expect(refused.every((r) => !r.ok && r.code === "overdraft")).toBe(true);
  const debited = reqs.filter((r, i) => r.op === "transfer" && results[i]!.ok).length * Number(AMOUNT);
  const held = reqs.filter((r, i) => r.op === "hold" && results[i]!.ok).length * Number(AMOUNT);
  const a = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: wallet } });
  expect(balanceOf(a)).toEqual({ posted: FUNDS - BigInt(debited), held: BigInt(held), available: 0n });
  // what the database holds is what the callers were told
  expect(await h.prisma.ledgerTransfer.count({ where: { debitAccountId: wallet } })).toBe(200);
}

describe("one hot wallet on PostgreSQL", () => {
  it("300 concurrent debits and holds in separate transactions: no overdraft, exact balance", async () => {
    await fund("wallet1");
    const reqs = requests("wallet1", "tx");
    const results = (await Promise.all(reqs.map((r) => postTransfers([r], { client: h.prisma })))).map((r) => r[0]!);
    await expectExact("wallet1", reqs, results);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("300 concurrent submissions through the batcher: the same guarantees", async () => {
    await fund("wallet2");
    const batcher = new LedgerBatcher({ client: h.prisma });
    const reqs = requests("wallet2", "batch");
    const results = (await Promise.all(reqs.map((r) => batcher.submit(r)))).map((r) => r[0]!);
    await expectExact("wallet2", reqs, results);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("racing captures, voids and replays of the same holds resolve each hold exactly once", async () => {
    const holds = await h.prisma.ledgerTransfer.findMany({ where: { debitAccountId: "wallet1", phase: "pending" } });
    expect(holds.length).toBeGreaterThan(50);
    const attempts = holds.flatMap((t) => [
      // the same capture sent three times, and a competing void
      ...[1, 2, 3].map(() => ({ op: "post", id: `${t.id}-capture`, holdId: t.id, amount: 200n }) as LedgerRequest),
      { op: "void", id: `${t.id}-void`, holdId: t.id } as LedgerRequest,
    ]);
    const shuffled = attempts.sort(() => Math.random() - 0.5);
    await Promise.all(shuffled.map((r) => postTransfers([r], { client: h.prisma })));
    const resolutions = await h.prisma.ledgerTransfer.groupBy({ by: ["pendingId"], where: { pendingId: { in: holds.map((t) => t.id) } }, _count: true });
    expect(resolutions).toHaveLength(holds.length);
    expect(resolutions.every((r) => r._count === 1)).toBe(true);
    const a = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: "wallet1" } });
    expect(a.pendingDebits).toBe(0n);
    const captured = await h.prisma.ledgerTransfer.count({ where: { debitAccountId: "wallet1", phase: "post_pending" } });
    const debits = await h.prisma.ledgerTransfer.count({ where: { debitAccountId: "wallet1", phase: "single" } });
    expect(a.postedDebits).toBe(BigInt(debits) * AMOUNT + BigInt(captured) * 200n);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("the same new id sent 50 times at once applies once", async () => {
    const r: LedgerRequest = { op: "transfer", id: "same-id", debitAccountId: "issuer", creditAccountId: "wallet1", asset: "CREDIT", amount: 7n, kind: "grant" };
    const results = (await Promise.all(Array.from({ length: 50 }, () => postTransfers([r], { client: h.prisma })))).map((x) => x[0]!);
    expect(results.filter((x) => x.ok && x.status === "created")).toHaveLength(1);
    expect(results.filter((x) => x.ok && x.status === "exists")).toHaveLength(49);
    expect(await h.prisma.ledgerTransfer.count({ where: { id: "same-id" } })).toBe(1);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});
