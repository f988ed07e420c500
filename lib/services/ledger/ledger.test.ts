// The ledger service on the embedded database (PGlite, in process).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { balanceOf, type LedgerRequest, type TransferRequest } from "@/lib/ledger";
import { createLedgerFixture } from "@/test/support/ledger-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { checkLedger } from "./ledger-check";
import { postTransfers } from "./ledger";

let h: DbHandle;
const NOW = new Date("2026-11-01T12:00:00Z");

beforeAll(async () => {
  h = await createTestPglite();
  await createLedgerFixture(h.prisma, { wallets: 2 });
});
afterAll(async () => h.close());

const post = (items: Parameters<typeof postTransfers>[0], now = NOW) => postTransfers(items, { client: h.prisma, now });
const wallet = async (id = "wallet1") => balanceOf((await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id } })));
const grant = (id: string, amount: bigint, to = "wallet1"): TransferRequest => ({ op: "transfer", id, debitAccountId: "issuer", creditAccountId: to, asset: "CREDIT", amount, kind: "grant" });
const use = (id: string, amount: bigint, from = "wallet1"): TransferRequest => ({ op: "transfer", id, debitAccountId: from, creditAccountId: "revenue", asset: "CREDIT", amount, kind: "usage", customerId: "cus_1", refs: { action: "image_generation" } });

describe("ledger service on PGlite", () => {
  it("persists transfers and running totals that the invariant check agrees with", async () => {
    const res = await post([grant("g1", 10_000n), use("u1", 2_500n)]);
    expect(res.map((r) => r.ok)).toEqual([true, true]);
    expect(await wallet()).toEqual({ posted: 7_500n, held: 0n, available: 7_500n });
    const stored = await h.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: "u1" } });
    expect(stored).toMatchObject({ amount: 2_500n, kind: "usage", customerId: "cus_1", refs: { action: "image_generation" } });
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("replays an id across transactions and refuses different content under it", async () => {
    expect((await post([use("u1", 2_500n)]))[0]).toMatchObject({ ok: true, status: "exists" });
    expect((await post([use("u1", 2_400n)]))[0]).toMatchObject({ ok: false, code: "id_conflict" });
    expect((await wallet()).posted).toBe(7_500n);
  });

  it("refuses bad input with a typed error and writes nothing", async () => {
    const before = await h.prisma.ledgerTransfer.count();
    const res = await post([
      use("bad-zero", 0n),
      use("bad-neg", -1n),
      { ...use("bad-acct", 1n), creditAccountId: "nope" },
      { ...use("bad-asset", 1n), creditAccountId: "usd" },
      use("bad-over", 1_000_000n),
    ]);
    expect(res.map((r) => !r.ok && r.code)).toEqual(["invalid_amount", "invalid_amount", "unknown_account", "asset_mismatch", "overdraft"]);
    expect(await h.prisma.ledgerTransfer.count()).toBe(before);
    expect((await wallet()).posted).toBe(7_500n);
  });

  it("holds, posts in part, voids and expires across transactions", async () => {
    const later = new Date(NOW.getTime() + 60_000);
    const hold = (id: string, amount: bigint): LedgerRequest => ({ op: "hold", id, debitAccountId: "wallet1", creditAccountId: "revenue", asset: "CREDIT", amount, kind: "usage", timeoutAt: later });
    await post([hold("h1", 1_000n), hold("h2", 1_000n), hold("h3", 1_000n)]);
    expect(await wallet()).toEqual({ posted: 7_500n, held: 3_000n, available: 4_500n });
    await post([{ op: "post", id: "h1-post", holdId: "h1", amount: 400n }]);
    await post([{ op: "void", id: "h2-void", holdId: "h2" }]);
    expect((await post([{ op: "expire", id: "h3-exp", holdId: "h3" }]))[0]).toMatchObject({ ok: false, code: "hold_not_expired" });
    expect((await post([{ op: "expire", id: "h3-exp", holdId: "h3" }], later))[0]).toMatchObject({ ok: true });
    expect((await post([{ op: "void", id: "h1-void", holdId: "h1" }]))[0]).toMatchObject({ ok: false, code: "hold_not_pending" });
    expect(await wallet()).toEqual({ posted: 7_100n, held: 0n, available: 7_100n });
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("applies linked transfers all-or-nothing", async () => {
    const res = await post([{ linked: [use("l1", 100n), use("l2", 100n, "wallet2")] }]);
    expect(res.map((r) => !r.ok && r.code)).toEqual(["linked_event_failed", "overdraft"]);
    expect(await h.prisma.ledgerTransfer.findUnique({ where: { id: "l1" } })).toBeNull();
    expect((await wallet()).posted).toBe(7_100n);
  });

  it("reverses with a reason, naming the original", async () => {
    const res = await post([{ op: "reverse", id: "rev-u1", reversesId: "u1", reason: "duplicate charge", actor: "support@acme" }]);
    expect(res[0]).toMatchObject({ ok: true, transfer: { reversesId: "u1", kind: "reversal", reason: "duplicate charge", actor: "support@acme" } });
    expect((await wallet()).posted).toBe(9_600n);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });

  it("the database refuses to update or delete a transfer", async () => {
    await expect(h.prisma.$executeRawUnsafe(`UPDATE ledger_transfers SET amount = 1 WHERE id = 'u1'`)).rejects.toThrow();
    await expect(h.prisma.$executeRawUnsafe(`DELETE FROM ledger_transfers WHERE id = 'u1'`)).rejects.toThrow();
    expect((await h.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: "u1" } })).amount).toBe(2_500n);
  });

  it("ledger check names a tampered account", async () => {
    await h.prisma.$executeRawUnsafe(`UPDATE ledger_accounts SET posted_credits = posted_credits + 1 WHERE id = 'revenue'`);
    const report = await checkLedger(h.prisma);
    expect(report.ok).toBe(false);
    expect(report.violations).toContainEqual(expect.objectContaining({ invariant: "stored totals", subject: "revenue" }));
    await h.prisma.$executeRawUnsafe(`UPDATE ledger_accounts SET posted_credits = posted_credits - 1 WHERE id = 'revenue'`);
    expect((await checkLedger(h.prisma)).ok).toBe(true);
  });
});
