import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInvariants } from "./invariants";
import { account, Book, NOW } from "./test-book";
import type { Account, BatchItem, LedgerRequest, Transfer } from "./types";

const WALLETS = ["w1", "w2", "w3"];
const accountsFor = (): Account[] => [
  account("issuer"),
  account("revenue"),
  ...WALLETS.map((id) => account(id, "CREDIT", true)),
  account("usd-cash", "USD"),
  account("usd-wallet", "USD", true),
];
const ALL_IDS = ["issuer", "revenue", ...WALLETS, "usd-cash", "usd-wallet", "ghost"];

// Ids are drawn from a small pool so that replays, conflicts and references to earlier
// transfers happen often.
const idArb = fc.integer({ min: 0, max: 40 }).map((n) => `t${n}`);
const amountArb = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 1n, max: 500n }) },
  { weight: 1, arbitrary: fc.constantFrom(0n, -3n) },
);
const accountArb = fc.constantFrom(...ALL_IDS);
const assetArb = fc.constantFrom("CREDIT", "CREDIT", "CREDIT", "USD");
const kindArb = fc.constantFrom("grant", "usage", "purchase", "adjustment" as const);

const requestArb: fc.Arbitrary<LedgerRequest> = fc.oneof(
  fc.record({ op: fc.constant("transfer" as const), id: idArb, debitAccountId: accountArb, creditAccountId: accountArb, asset: assetArb, amount: amountArb, kind: kindArb }),
  fc.record({
    op: fc.constant("hold" as const),
    id: idArb,
    debitAccountId: accountArb,
    creditAccountId: accountArb,
    asset: assetArb,
    amount: amountArb,
    kind: kindArb,
    timeoutAt: fc.integer({ min: -5, max: 30 }).map((m) => new Date(NOW.getTime() + m * 60_000)),
  }),
  fc.record({ op: fc.constant("post" as const), id: idArb, holdId: idArb, amount: fc.option(amountArb, { nil: undefined }) }),
  fc.record({ op: fc.constant("void" as const), id: idArb, holdId: idArb }),
  fc.record({ op: fc.constant("expire" as const), id: idArb, holdId: idArb }),
  fc.record({ op: fc.constant("reverse" as const), id: idArb, reversesId: idArb, amount: fc.option(amountArb, { nil: undefined }), reason: fc.constantFrom("mistake", "") }),
);

const itemArb: fc.Arbitrary<BatchItem> = fc.oneof(
  { weight: 4, arbitrary: requestArb },
  { weight: 1, arbitrary: fc.array(requestArb, { minLength: 1, maxLength: 4 }).map((linked) => ({ linked })) },
);

// A run: batches applied at increasing times (so holds time out along the way).
const runArb = fc.array(
  fc.record({ minutesLater: fc.integer({ min: 0, max: 15 }), items: fc.array(itemArb, { minLength: 1, maxLength: 6 }) }),
  { minLength: 1, maxLength: 25 },
);

function seeded(): Book {
  const book = new Book(...accountsFor());
  book.apply([
    ...WALLETS.map((w) => ({ op: "transfer" as const, id: `seed-${w}`, debitAccountId: "issuer", creditAccountId: w, asset: "CREDIT", amount: 800n, kind: "grant" as const })),
    { op: "transfer", id: "seed-usd", debitAccountId: "usd-cash", creditAccountId: "usd-wallet", asset: "USD", amount: 800n, kind: "top_up" },
  ]);
  return book;
}

describe("ledger invariants under random sequences (fast-check)", () => {
  it("every transfer balances, sums are zero, totals match, no wallet goes below zero", () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const book = seeded();
        let now = NOW.getTime();
        for (const step of run) {
          now += step.minutesLater * 60_000;
          book.apply(step.items, new Date(now));
          expect(book.check()).toEqual([]);
        }
        for (const w of [...WALLETS, "usd-wallet"]) {
          const a = book.accounts.get(w)!;
          expect(a.postedCredits - a.postedDebits - a.pendingDebits).toBeGreaterThanOrEqual(0n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("replaying everything that was applied changes nothing", () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const book = seeded();
        let now = NOW.getTime();
        const applied: LedgerRequest[] = [];
        for (const step of run) {
          now += step.minutesLater * 60_000;
          const items = step.items.flatMap((i) => ("linked" in i ? i.linked : [i]));
          const results = book.apply(step.items, new Date(now));
          results.forEach((r, i) => r.ok && r.status === "created" && applied.push(items[i]!));
        }
        const before = JSON.stringify([...book.accounts.values()], (_k, v) => (typeof v === "bigint" ? v.toString() : v));
        const count = book.log.length;
        const replay = book.apply(applied, new Date(now));
        // a resolution of a hold replays as "exists"; nothing new is written
        expect(book.log.length).toBe(count);
        expect(replay.every((r) => r.ok && r.status === "exists")).toBe(true);
        expect(JSON.stringify([...book.accounts.values()], (_k, v) => (typeof v === "bigint" ? v.toString() : v))).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the checker finds what is wrong", () => {
  const base = () => {
    const book = seeded();
    book.apply([{ op: "transfer", id: "use", debitAccountId: "w1", creditAccountId: "revenue", asset: "CREDIT", amount: 100n, kind: "usage" }]);
    return book;
  };
  const t = (over: Partial<Transfer>): Transfer => ({
    id: "x", debitAccountId: "issuer", creditAccountId: "w1", asset: "CREDIT", amount: 5n, kind: "grant", phase: "single",
    pendingId: null, reversesId: null, timeoutAt: null, customerId: null, reason: null, actor: null, refs: {}, effectiveAt: NOW, ...over,
  });

  it("a clean ledger has no violations", () => {
    expect(base().check()).toEqual([]);
  });

  it("stored totals that disagree with the transfers", () => {
    const book = base();
    const w1 = book.accounts.get("w1")!;
    book.accounts.set("w1", { ...w1, postedCredits: w1.postedCredits + 1n });
    const v = book.check();
    expect(v).toContainEqual(expect.objectContaining({ invariant: "stored totals", subject: "w1" }));
    expect(v).toContainEqual(expect.objectContaining({ invariant: "sum per asset is zero", subject: "CREDIT" }));
  });

  it("a transfer on an unknown account, of a non-positive amount, or across assets", () => {
    const book = base();
    const accounts = [...book.accounts.values()];
    const bad = [t({ id: "a", creditAccountId: "ghost" }), t({ id: "b", amount: 0n }), t({ id: "c", creditAccountId: "usd-wallet" })];
    const v = checkInvariants(accounts, [...book.log, ...bad]).violations.map((x) => `${x.invariant}:${x.subject}`);
    expect(v).toEqual(expect.arrayContaining(["transfer balances:a", "transfer balances:b", "transfer balances:c"]));
  });

  it("an overdrawn wallet", () => {
    const book = base();
    const w1 = book.accounts.get("w1")!;
    const log = [...book.log, t({ id: "over", debitAccountId: "w1", creditAccountId: "revenue", amount: 10_000n })];
    const accounts = [...book.accounts.values()].map((a) =>
      a.id === "w1" ? { ...w1, postedDebits: w1.postedDebits + 10_000n } : a.id === "revenue" ? { ...a, postedCredits: a.postedCredits + 10_000n } : a,
    );
    const v = checkInvariants(accounts, log).violations;
    expect(v.map((x) => x.invariant)).toEqual(["no overdraft", "no overdraft"]);
  });

  it("a hold resolved twice or captured for more than it held; a reversal without reason or beyond its original", () => {
    const book = base();
    const hold = t({ id: "h", debitAccountId: "w1", creditAccountId: "revenue", phase: "pending", amount: 10n, kind: "usage" });
    const log = [
      ...book.log,
      hold,
      t({ id: "p1", debitAccountId: "w1", creditAccountId: "revenue", phase: "post_pending", pendingId: "h", amount: 11n }),
      t({ id: "p2", debitAccountId: "w1", creditAccountId: "revenue", phase: "void_pending", pendingId: "h", amount: 10n }),
      t({ id: "r1", debitAccountId: "revenue", creditAccountId: "w1", reversesId: "use", amount: 101n, kind: "reversal" }),
    ];
    const v = checkInvariants(book.accounts.values(), log).violations.map((x) => `${x.invariant}:${x.subject}`);
    expect(v).toEqual(expect.arrayContaining(["holds:p1", "holds:h", "reversals:use", "reversals:r1"]));
  });
});
