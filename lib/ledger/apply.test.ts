import { describe, expect, it } from "vitest";
import { referencedAccountIds, referencedTransferIds } from "./apply";
import { account, Book, LATER, NOW } from "./test-book";
import type { BatchItem, LedgerRequest, Transfer } from "./types";

function fund(book: Book, id: string, amount: bigint) {
  const r = book.one({ op: "transfer", id: `fund-${id}-${amount}`, debitAccountId: "issuer", creditAccountId: id, asset: "CREDIT", amount, kind: "grant" });
  expect(r.ok).toBe(true);
}

function newBook() {
  const book = new Book(account("issuer"), account("wallet", "CREDIT", true), account("revenue"), account("usd", "USD"));
  fund(book, "wallet", 1_000n);
  return book;
}

const spend = (id: string, amount: bigint): LedgerRequest => ({
  op: "transfer",
  id,
  debitAccountId: "wallet",
  creditAccountId: "revenue",
  asset: "CREDIT",
  amount,
  kind: "usage",
});

describe("transfers", () => {
  it("moves an amount and updates both accounts' totals", () => {
    const book = newBook();
    const r = book.one(spend("t1", 300n));
    expect(r).toMatchObject({ ok: true, status: "created" });
    expect(book.balance("wallet")).toEqual({ posted: 700n, held: 0n, available: 700n });
    expect(book.accounts.get("revenue")!.postedCredits).toBe(300n);
    expect(book.check()).toEqual([]);
  });

  it.each([
    ["zero", 0n],
    ["negative", -5n],
    ["a float", 1.5 as unknown as bigint],
    ["a number", 10 as unknown as bigint],
    ["beyond BIGINT", 2n ** 63n],
  ])("refuses an amount that is %s and writes nothing", (_label, amount) => {
    const book = newBook();
    const r = book.one(spend("bad", amount));
    expect(r).toMatchObject({ ok: false, code: "invalid_amount" });
    expect(book.transfers.has("bad")).toBe(false);
    expect(book.balance("wallet").posted).toBe(1_000n);
  });

  it("refuses unknown accounts, one account on both sides, and mismatched assets", () => {
    const book = newBook();
    expect(book.one({ ...spend("u", 1n), creditAccountId: "nope" } as LedgerRequest)).toMatchObject({ ok: false, code: "unknown_account" });
    expect(book.one({ ...spend("s", 1n), creditAccountId: "wallet" } as LedgerRequest)).toMatchObject({ ok: false, code: "same_account" });
    expect(book.one({ ...spend("m", 1n), creditAccountId: "usd" } as LedgerRequest)).toMatchObject({ ok: false, code: "asset_mismatch" });
    expect(book.one({ ...spend("m2", 1n), asset: "USD" } as LedgerRequest)).toMatchObject({ ok: false, code: "asset_mismatch" });
    // money in two currencies never mixes: euros cannot move into a dollar account, in either asset
    const fx = new Book(account("eur_cash", "EUR"), account("usd_cash", "USD"), account("eur_wallet", "EUR", true));
    const move = { op: "transfer", id: "fx", kind: "top_up", amount: 10_000n, debitAccountId: "eur_cash", creditAccountId: "usd_cash" } as const;
    expect(fx.one({ ...move, asset: "EUR" } as LedgerRequest)).toMatchObject({ ok: false, code: "asset_mismatch" });
    expect(fx.one({ ...move, id: "fx2", asset: "USD" } as LedgerRequest)).toMatchObject({ ok: false, code: "asset_mismatch" });
    expect(fx.one({ ...move, id: "fx3", asset: "JPY", creditAccountId: "eur_wallet" } as LedgerRequest)).toMatchObject({ ok: false, code: "asset_mismatch" });
    expect(fx.one({ ...move, id: "ok", asset: "EUR", creditAccountId: "eur_wallet" } as LedgerRequest)).toMatchObject({ ok: true });
    expect(fx.balance("usd_cash").posted).toBe(0n);
    expect(book.log).toHaveLength(1);
  });

  it("refuses a transfer or hold between two merchants' books, and writes nothing", () => {
    const book = new Book({ ...account("a_wallet"), book: "mer_a" }, { ...account("a_revenue"), book: "mer_a" }, { ...account("b_revenue"), book: "mer_b" });
    const move = (id: string, to: string, op: "transfer" | "hold" = "transfer") =>
      book.one({ op, id, debitAccountId: "a_wallet", creditAccountId: to, asset: "CREDIT", amount: 5n, kind: "usage", ...(op === "hold" ? { timeoutAt: new Date(Date.now() + 60_000) } : {}) } as LedgerRequest);
    expect(move("x1", "b_revenue")).toMatchObject({ ok: false, code: "book_mismatch" });
    expect(move("x2", "b_revenue", "hold")).toMatchObject({ ok: false, code: "book_mismatch" });
    expect(move("x3", "a_revenue")).toMatchObject({ ok: true });
    expect(book.log.map((t) => t.id)).toEqual(["x3"]);
  });

  it("refuses an overdraft on a no-overdraft wallet and lets an ordinary account go negative", () => {
    const book = newBook();
    const r = book.one(spend("big", 1_001n));
    expect(r).toMatchObject({ ok: false, code: "overdraft" });
    expect(book.balance("wallet").posted).toBe(1_000n);
    expect(book.one(spend("all", 1_000n))).toMatchObject({ ok: true });
    expect(book.balance("wallet").available).toBe(0n);
    expect(book.balance("issuer").posted).toBe(-1_000n);
  });

  it("refuses an empty or oversize id", () => {
    const book = newBook();
    expect(book.one(spend("", 1n))).toMatchObject({ ok: false, code: "invalid_id" });
    expect(book.one(spend("x".repeat(201), 1n))).toMatchObject({ ok: false, code: "invalid_id" });
  });
});

describe("idempotency", () => {
  it("returns the first result for the same id and content, without applying twice", () => {
    const book = newBook();
    const first = book.one(spend("t1", 100n));
    const again = book.one(spend("t1", 100n));
    expect(again).toMatchObject({ ok: true, status: "exists" });
    if (first.ok && again.ok) expect(again.transfer).toEqual(first.transfer);
    expect(book.balance("wallet").posted).toBe(900n);
  });

  it("is an error for the same id with different content", () => {
    const book = newBook();
    book.one(spend("t1", 100n));
    expect(book.one(spend("t1", 101n))).toMatchObject({ ok: false, code: "id_conflict" });
    expect(book.one({ ...spend("t1", 100n), kind: "grant" } as LedgerRequest)).toMatchObject({ ok: false, code: "id_conflict" });
    expect(book.balance("wallet").posted).toBe(900n);
  });

  it("applies a repeated id within one batch once", () => {
    const book = newBook();
    const res = book.apply([spend("t1", 100n), spend("t1", 100n)]);
    expect(res.map((r) => r.ok && r.status)).toEqual(["created", "exists"]);
    expect(book.balance("wallet").posted).toBe(900n);
  });

  it("lets a refused id be retried once it can succeed", () => {
    const book = newBook();
    expect(book.one(spend("t1", 1_500n))).toMatchObject({ ok: false, code: "overdraft" });
    fund(book, "wallet", 500n);
    expect(book.one(spend("t1", 1_500n))).toMatchObject({ ok: true, status: "created" });
  });
});

describe("holds", () => {
  const hold = (id: string, amount: bigint, timeoutAt = LATER): LedgerRequest => ({
    op: "hold",
    id,
    debitAccountId: "wallet",
    creditAccountId: "revenue",
    asset: "CREDIT",
    amount,
    kind: "usage",
    timeoutAt,
  });

  it("reserves the amount: held is not available to others", () => {
    const book = newBook();
    expect(book.one(hold("h1", 600n))).toMatchObject({ ok: true });
    expect(book.balance("wallet")).toEqual({ posted: 1_000n, held: 600n, available: 400n });
    expect(book.one(spend("t1", 500n))).toMatchObject({ ok: false, code: "overdraft" });
    expect(book.one(hold("h2", 401n))).toMatchObject({ ok: false, code: "overdraft" });
    expect(book.check()).toEqual([]);
  });

  it("posts in full", () => {
    const book = newBook();
    book.one(hold("h1", 600n));
    expect(book.one({ op: "post", id: "p1", holdId: "h1" })).toMatchObject({ ok: true, transfer: { amount: 600n, phase: "post_pending" } });
    expect(book.balance("wallet")).toEqual({ posted: 400n, held: 0n, available: 400n });
    expect(book.check()).toEqual([]);
  });

  it("posts in part and releases the rest", () => {
    const book = newBook();
    book.one(hold("h1", 600n));
    book.one({ op: "post", id: "p1", holdId: "h1", amount: 250n });
    expect(book.balance("wallet")).toEqual({ posted: 750n, held: 0n, available: 750n });
    expect(book.accounts.get("revenue")!.postedCredits).toBe(250n);
    expect(book.accounts.get("revenue")!.pendingCredits).toBe(0n);
    expect(book.check()).toEqual([]);
  });

  it("refuses to capture more than was held", () => {
    const book = newBook();
    book.one(hold("h1", 600n));
    expect(book.one({ op: "post", id: "p1", holdId: "h1", amount: 601n })).toMatchObject({ ok: false, code: "hold_amount_exceeded" });
    expect(book.balance("wallet").held).toBe(600n);
  });

  it("voids: the reservation is released, nothing is posted", () => {
    const book = newBook();
    book.one(hold("h1", 600n));
    expect(book.one({ op: "void", id: "v1", holdId: "h1" })).toMatchObject({ ok: true, transfer: { phase: "void_pending", amount: 600n } });
    expect(book.balance("wallet")).toEqual({ posted: 1_000n, held: 0n, available: 1_000n });
    expect(book.check()).toEqual([]);
  });

  it("resolves a hold only once", () => {
    const book = newBook();
    book.one(hold("h1", 600n));
    book.one({ op: "post", id: "p1", holdId: "h1" });
    expect(book.one({ op: "void", id: "v1", holdId: "h1" })).toMatchObject({ ok: false, code: "hold_not_pending", message: expect.stringContaining("captured") });
    expect(book.one({ op: "post", id: "p2", holdId: "h1" })).toMatchObject({ ok: false, code: "hold_not_pending" });
    // a replay of the resolution that happened is fine
    expect(book.one({ op: "post", id: "p1", holdId: "h1" })).toMatchObject({ ok: true, status: "exists" });
    expect(book.balance("wallet").posted).toBe(400n);
  });

  it("expires only after its timeout, and cannot be captured after it", () => {
    const book = newBook();
    book.one(hold("h1", 600n));
    expect(book.one({ op: "expire", id: "e1", holdId: "h1" }, NOW)).toMatchObject({ ok: false, code: "hold_not_expired" });
    expect(book.one({ op: "post", id: "p1", holdId: "h1" }, LATER)).toMatchObject({ ok: false, code: "hold_expired" });
    expect(book.one({ op: "expire", id: "e1", holdId: "h1" }, LATER)).toMatchObject({ ok: true, transfer: { phase: "expire_pending" } });
    expect(book.balance("wallet")).toEqual({ posted: 1_000n, held: 0n, available: 1_000n });
    expect(book.check()).toEqual([]);
  });

  it("needs a timeout in the future and refuses to resolve what is not a hold", () => {
    const book = newBook();
    expect(book.one(hold("h1", 1n, NOW))).toMatchObject({ ok: false, code: "invalid_timeout" });
    book.one(spend("t1", 1n));
    expect(book.one({ op: "void", id: "v", holdId: "t1" })).toMatchObject({ ok: false, code: "hold_not_found" });
    expect(book.one({ op: "void", id: "v", holdId: "nope" })).toMatchObject({ ok: false, code: "hold_not_found" });
  });
});

describe("linked transfers", () => {
  it("apply all together", () => {
    const book = newBook();
    const res = book.apply([{ linked: [spend("a", 100n), spend("b", 200n)] }]);
    expect(res.every((r) => r.ok)).toBe(true);
    expect(book.balance("wallet").posted).toBe(700n);
  });

  it("apply none when one fails, and say which one failed", () => {
    const book = newBook();
    const res = book.apply([{ linked: [spend("a", 600n), spend("b", 600n), spend("c", 1n)] }]);
    expect(res.map((r) => !r.ok && r.code)).toEqual(["linked_event_failed", "overdraft", "linked_event_failed"]);
    expect(book.balance("wallet").posted).toBe(1_000n);
    expect(book.log).toHaveLength(1); // only the funding
    expect(book.check()).toEqual([]);
  });

  it("a failed group does not undo the requests around it", () => {
    const book = newBook();
    const res = book.apply([spend("before", 100n), { linked: [spend("x", 100n), spend("y", 5_000n)] }, spend("after", 100n)]);
    expect(res.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect(book.balance("wallet").posted).toBe(800n);
  });

  it("an empty group is refused", () => {
    const book = newBook();
    expect(book.apply([{ linked: [] }])[0]).toMatchObject({ ok: false, code: "empty_linked_group" });
  });

  it("rolls back a hold resolution inside a failed group", () => {
    const book = newBook();
    book.one({ op: "hold", id: "h", debitAccountId: "wallet", creditAccountId: "revenue", asset: "CREDIT", amount: 300n, kind: "usage", timeoutAt: LATER });
    const res = book.apply([{ linked: [{ op: "post", id: "p", holdId: "h" }, spend("too-much", 900n)] }]);
    expect(res.map((r) => r.ok)).toEqual([false, false]);
    expect(book.balance("wallet")).toEqual({ posted: 1_000n, held: 300n, available: 700n });
    expect(book.one({ op: "post", id: "p", holdId: "h" })).toMatchObject({ ok: true, status: "created" });
  });
});

describe("reversals", () => {
  it("name the original and a reason, and give the amount back", () => {
    const book = newBook();
    book.one(spend("t1", 300n));
    const r = book.one({ op: "reverse", id: "r1", reversesId: "t1", reason: "charged twice", actor: "support@merchant" });
    expect(r).toMatchObject({ ok: true, transfer: { reversesId: "t1", reason: "charged twice", debitAccountId: "revenue", creditAccountId: "wallet", amount: 300n, kind: "reversal" } });
    expect(book.balance("wallet").posted).toBe(1_000n);
    expect(book.check()).toEqual([]);
  });

  it("may be partial, never exceed the original, and require a reason", () => {
    const book = newBook();
    book.one(spend("t1", 300n));
    expect(book.one({ op: "reverse", id: "r0", reversesId: "t1", reason: " " })).toMatchObject({ ok: false, code: "reason_required" });
    expect(book.one({ op: "reverse", id: "r1", reversesId: "t1", amount: 200n, reason: "partial" })).toMatchObject({ ok: true });
    expect(book.one({ op: "reverse", id: "r2", reversesId: "t1", amount: 101n, reason: "too much" })).toMatchObject({ ok: false, code: "reversal_exceeds_original" });
    expect(book.one({ op: "reverse", id: "r3", reversesId: "t1", reason: "the rest" })).toMatchObject({ ok: true, transfer: { amount: 100n } });
    expect(book.one({ op: "reverse", id: "r4", reversesId: "t1", reason: "again" })).toMatchObject({ ok: false, code: "reversal_exceeds_original" });
    expect(book.check()).toEqual([]);
  });

  it("cannot take back credits the wallet has already spent", () => {
    const book = newBook();
    book.one(spend("t1", 900n));
    // reversing the funding would overdraw the wallet
    expect(book.one({ op: "reverse", id: "r1", reversesId: "fund-wallet-1000", reason: "refund" })).toMatchObject({ ok: false, code: "overdraft" });
    expect(book.one({ op: "reverse", id: "r2", reversesId: "fund-wallet-1000", amount: 100n, reason: "refund what is left", kind: "refund" })).toMatchObject({ ok: true, transfer: { kind: "refund" } });
    expect(book.balance("wallet").available).toBe(0n);
  });

  it("cannot reverse a hold or a transfer that does not exist", () => {
    const book = newBook();
    book.one({ op: "hold", id: "h", debitAccountId: "wallet", creditAccountId: "revenue", asset: "CREDIT", amount: 5n, kind: "usage", timeoutAt: LATER });
    expect(book.one({ op: "reverse", id: "r", reversesId: "h", reason: "x" })).toMatchObject({ ok: false, code: "original_not_posted" });
    expect(book.one({ op: "reverse", id: "r", reversesId: "nope", reason: "x" })).toMatchObject({ ok: false, code: "original_not_found" });
  });
});

describe("what a batch needs loaded", () => {
  it("lists the transfers and accounts its requests name", () => {
    const items: BatchItem[] = [
      spend("t1", 1n),
      { linked: [{ op: "post", id: "p", holdId: "h" }, { op: "reverse", id: "r", reversesId: "o", reason: "x" }] },
    ];
    expect(referencedTransferIds(items).sort()).toEqual(["h", "o", "p", "r", "t1"]);
    const loaded = new Map<string, Transfer>([
      ["h", { id: "h", debitAccountId: "A", creditAccountId: "B" } as Transfer],
      ["o", { id: "o", debitAccountId: "C", creditAccountId: "D" } as Transfer],
    ]);
    expect(referencedAccountIds(items, loaded)).toEqual(["A", "B", "C", "D", "revenue", "wallet"]);
  });
});
