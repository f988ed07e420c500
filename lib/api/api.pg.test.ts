// The merchant API under concurrency, on real PostgreSQL (PGlite runs everything serially, so
// races never show there): the same event sent 50 times at once burns once; 10,000 mixed events
// sent as concurrent batches leave the ledger clean and the aggregates equal to the events; holds
// never let two callers spend the same balance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as customersPOST } from "@/app/api/v1/customers/route";
import { GET as walletGET } from "@/app/api/v1/customers/[id]/wallet/route";
import { POST as usagePOST } from "@/app/api/v1/usage/route";
import { POST as authorizePOST } from "@/app/api/v1/authorize/route";
import { POST as capturePOST } from "@/app/api/v1/holds/[id]/capture/route";
import { POST as releasePOST } from "@/app/api/v1/holds/[id]/release/route";
import { lotAccountId, merchantAccountId } from "@/lib/billing/accounts";
import { setDbHandle } from "@/lib/db/client";
import { postTransfers } from "@/lib/services/ledger/ledger";
import { checkLedger } from "@/lib/services/ledger/ledger-check";
import { expireDueHolds } from "@/lib/services/usage/holds";
import { createApiFixture, call, CUSTOMERS, MER, type ApiFixture } from "@/test/support/api";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { RateLimiter } from "./rate-limit";

let h: TestPostgres;
let fx: ApiFixture;

beforeAll(async () => {
  h = await createTestPostgres(20);
  setDbHandle(h);
  fx = await createApiFixture(h.prisma);
  // Tests fire bursts far above a real client's rate; the limiter has its own test below.
  (globalThis as { __porticoRateLimiter?: RateLimiter }).__porticoRateLimiter = new RateLimiter(0);
}, 120_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.drop();
});

const sql = <T,>(text: string, ...params: unknown[]) => h.prisma.$queryRawUnsafe<T[]>(text, ...params);

async function wallet(ref: string) {
  const w = await call(walletGET, "GET", `/customers/${ref}/wallet`, { key: fx.key, params: { id: ref } });
  expect(w.status).toBe(200);
  return w.body;
}

describe("usage under concurrency", () => {
  it("burns once when the same event id is sent 50 times at once", async () => {
    const before = BigInt((await wallet("ext:pixel")).usable.available.amount);
    const event = { id: "same-event-50", customer: "ext:pixel", action: "image_generation", quantity: 2 };
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        // half name the customer by its own id, half by the merchant's
        call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [i % 2 ? event : { ...event, customer: CUSTOMERS.pixel.id }] } }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const statuses = responses.map((r) => r.body.results[0].status as string);
    expect(statuses.filter((s) => s === "accepted")).toHaveLength(1);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(49);
    expect(BigInt((await wallet("ext:pixel")).usable.available.amount)).toBe(before - 20_000n);
    expect(await h.prisma.usageEvent.count({ where: { eventId: "same-event-50" } })).toBe(1);
    const [charged] = await sql<{ n: bigint }>(
      `SELECT count(*) AS n FROM usage_charges c JOIN usage_events e ON e.pk = c.event_pk WHERE e.event_id = 'same-event-50'`,
    );
    expect(Number(charged!.n)).toBeGreaterThan(0);
  });

  it("records each event once when the same whole batch is sent 5 times at once", async () => {
    const before = BigInt((await wallet("ext:nimbus")).usable.available.amount);
    const events = Array.from({ length: 200 }, (_, i) => ({ id: `same-batch-${i}`, customer: i % 2 ? "ext:nimbus" : CUSTOMERS.nimbus.id, action: "gb_hour", quantity: 10 }));
    const responses = await Promise.all(Array.from({ length: 5 }, () => call(usagePOST, "POST", "/usage", { key: fx.key, body: { events } })));
    const accepted = responses.flatMap((r) => r.body.results.filter((x: { status: string }) => x.status === "accepted").map((x: { id: string }) => x.id));
    expect(accepted.sort()).toEqual(events.map((e) => e.id).sort());
    expect(responses.reduce((n, r) => n + r.body.duplicates, 0)).toBe(4 * 200);
    expect(BigInt((await wallet("ext:nimbus")).usable.available.amount)).toBe(before - 200n * 10n * 2_000n);
  });

  it("keeps the ledger clean and the aggregates equal to the events after 10,000 mixed events in concurrent batches", async () => {
    // Pixel also holds a purchased lot, so plan credits and purchased credits are both spent.
    const lot = lotAccountId(CUSTOMERS.pixel.id, "pg-test-lot");
    await h.prisma.ledgerAccount.create({
      data: { id: lot, code: lot, asset: "CREDIT", merchantId: MER, customerId: CUSTOMERS.pixel.id, bucket: "purchased_credits", noOverdraft: true, expiresAt: new Date(Date.now() + 300 * 86_400_000) },
    });
    await postTransfers([{ op: "transfer", id: "pg-test-lot-purchase", kind: "purchase", asset: "CREDIT", amount: 3_000_000n, debitAccountId: merchantAccountId(MER, "credits_issued"), creditAccountId: lot, customerId: CUSTOMERS.pixel.id }]);

    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const ACTIONS: Record<string, string[]> = { acme: ["api_call"], pixel: ["image_generation", "voice_transcription", "agent_run"], nimbus: ["gb_hour", "build_minute"] };
    const batches: unknown[][] = [];
    const ids: string[] = [];
    for (let b = 0; b < 10; b++) {
      const events: unknown[] = [];
      for (let i = 0; i < 1_000; i++) {
        const who = pick(["acme", "pixel", "nimbus"] as const);
        const roll = rand();
        const ts = new Date(Date.now() - Math.floor(rand() * 2 * 86_400_000)).toISOString();
        if (roll < 0.03 && ids.length > 0) {
          events.push({ id: pick(ids), customer: `ext:${who}`, action: pick(ACTIONS[who]!), quantity: 1, timestamp: ts }); // duplicate id, maybe racing
        } else if (roll < 0.05) {
          events.push({ id: `mix-${b}-${i}`, customer: `ext:${who}`, action: pick(ACTIONS[who]!), quantity: pick([0, -2, 1.5, "abc"]), timestamp: ts });
        } else if (roll < 0.06) {
          events.push({ id: `mix-${b}-${i}`, customer: `ext:${who}`, action: "not_an_action", quantity: 1, timestamp: ts });
        } else {
          const id = `mix-${b}-${i}`;
          ids.push(id);
          events.push({ id, customer: pick([`ext:${who}`, CUSTOMERS[who].id]), action: pick(ACTIONS[who]!), quantity: who === "acme" ? 1 + Math.floor(rand() * 5) : 1 + Math.floor(rand() * 3), timestamp: ts });
        }
      }
      batches.push(events);
    }
    const responses = await Promise.all(batches.map((events) => call(usagePOST, "POST", "/usage", { key: fx.key, body: { events } })));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const results = responses.flatMap((r) => r.body.results as { id: string; status: string; reason: string | null }[]);
    expect(results).toHaveLength(10_000);
    const accepted = results.filter((r) => r.status === "accepted");
    const reasons = new Set(results.filter((r) => r.status === "rejected").map((r) => r.reason));
    expect([...reasons]).toEqual(expect.arrayContaining(["invalid_quantity", "unknown_action"]));
    expect(accepted.length).toBeGreaterThan(4_000);
    // every id accepted at most once, even when its duplicate raced in another batch
    expect(new Set(accepted.map((r) => r.id)).size).toBe(accepted.length);
    const stored = await h.prisma.usageEvent.count({ where: { eventId: { startsWith: "mix-" } } });
    expect(stored).toBe(accepted.length);

    const report = await checkLedger(h.prisma);
    expect(report.violations).toEqual([]);
    const agg = await sql(`
      SELECT d.customer_id FROM daily_usage d
        FULL JOIN (SELECT customer_id, action, (timestamp AT TIME ZONE 'UTC')::date AS day, SUM(quantity) q, SUM(cost_amount) c, SUM(overage_micros) o, COUNT(*) n
                     FROM usage_events GROUP BY 1, 2, 3) e
          ON e.customer_id = d.customer_id AND e.action = d.action AND e.day = d.day
       WHERE d.quantity IS DISTINCT FROM e.q OR d.cost_amount IS DISTINCT FROM e.c OR d.overage_micros IS DISTINCT FROM e.o OR d.events IS DISTINCT FROM e.n`);
    expect(agg).toEqual([]);
    const transfers = await sql(`
      SELECT t.id FROM ledger_transfers t LEFT JOIN usage_charges c ON c.transfer_id = t.id
       WHERE t.kind = 'usage' AND t.phase IN ('single', 'post_pending') GROUP BY t.id, t.amount HAVING t.amount <> COALESCE(SUM(c.amount), 0)`);
    expect(transfers).toEqual([]);
    // what the wallets lost is exactly what the events cost (credits and balance plans)
    for (const who of ["pixel", "nimbus"] as const) {
      const [row] = await sql<{ cost: bigint; drawn: bigint }>(
        `SELECT (SELECT COALESCE(SUM(cost_amount), 0) FROM usage_events WHERE customer_id = $1) AS cost,
                (SELECT COALESCE(SUM(t.amount), 0) FROM ledger_transfers t JOIN ledger_accounts a ON a.id = t.debit_account_id
                  WHERE a.customer_id = $1 AND t.kind = 'usage' AND t.phase IN ('single', 'post_pending')) AS drawn`,
        CUSTOMERS[who].id,
      );
      expect(BigInt(row!.drawn)).toBe(BigInt(row!.cost));
    }
    // plan credits are spent before purchased credits
    const pixel = await wallet("ext:pixel");
    const planCredits = pixel.buckets.find((b: { bucket: string }) => b.bucket === "plan_credits");
    const lotBucket = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: lot } });
    if (lotBucket.postedDebits > 0n) expect(planCredits.available.amount).toBe("0");
    // and no wallet went below zero
    const negative = await sql(`SELECT id FROM ledger_accounts WHERE no_overdraft AND posted_credits - posted_debits - pending_debits < 0`);
    expect(negative).toEqual([]);
  }, 240_000);
});

describe("holds under concurrency", () => {
  it("never lets two callers reserve or spend the same balance", async () => {
    const created = await call(customersPOST, "POST", "/customers", { key: fx.key, body: { external_id: "race", name: "Race Co", email: "owner@race.example", plan: "platform" } });
    expect(created.status).toBe(201);
    expect((await wallet("ext:race")).usable.available.amount).toBe("50000000"); // $50

    // 40 callers at once each want to reserve $2 (build_minute × 50): only 25 fit
    const auths = await Promise.all(
      Array.from({ length: 40 }, () => call(authorizePOST, "POST", "/authorize", { key: fx.key, body: { customer: "ext:race", action: "build_minute", quantity: 50, hold: true } })),
    );
    const granted = auths.filter((a) => a.body.allowed);
    expect(granted).toHaveLength(25);
    expect(auths.filter((a) => !a.body.allowed).every((a) => a.body.reason === "insufficient_balance")).toBe(true);
    let w = await wallet("ext:race");
    expect([w.usable.available.amount, w.usable.held.amount]).toEqual(["0", "50000000"]);

    // At once: 10 captures of half ($1 each), 10 releases ($2 back each), and 30 usage events of
    // $1 each (gb_hour × 500) competing for what the releases and captures free.
    const holds = granted.map((a) => a.body.hold.id as string);
    const ops = [
      ...holds.slice(0, 10).map((id) => call(capturePOST, "POST", `/holds/${id}/capture`, { key: fx.key, params: { id }, body: { quantity: 25 } })),
      ...holds.slice(10, 20).map((id) => call(releasePOST, "POST", `/holds/${id}/release`, { key: fx.key, params: { id } })),
      ...Array.from({ length: 30 }, (_, i) =>
        call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [{ id: `race-use-${i}`, customer: "ext:race", action: "gb_hour", quantity: 500 }] } }),
      ),
    ];
    const done = await Promise.all(ops);
    expect(done.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(200));
    const usedEvents = done.slice(20).filter((r) => r.body.results[0].status === "accepted").length;
    // freed: 10 × $1 from captures + 10 × $2 from releases = $30, and the usage could only take what was free
    expect(usedEvents).toBeLessThanOrEqual(30);
    w = await wallet("ext:race");
    const availableMicros = BigInt(w.usable.available.amount);
    expect(availableMicros).toBeGreaterThanOrEqual(0n);
    expect(w.usable.held.amount).toBe(String(5n * 2_000_000n)); // the five holds left pending
    expect(availableMicros).toBe(30_000_000n - BigInt(usedEvents) * 1_000_000n);

    // the last five expire by themselves
    await expireDueHolds(new Date(Date.now() + 16 * 60_000));
    w = await wallet("ext:race");
    expect(w.usable.held.amount).toBe("0");
    expect(BigInt(w.usable.available.amount)).toBe(availableMicros + 10_000_000n);
    expect(await h.prisma.hold.count({ where: { customerId: created.body.id, status: "expired" } })).toBe(5);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  }, 120_000);
});

describe("rate limiting", () => {
  it("lets a burst through, then refuses with Retry-After, then recovers", () => {
    const limiter = new RateLimiter(10, 20);
    let t = 0;
    for (let i = 0; i < 20; i++) limiter.take("k", t);
    let refused: unknown = null;
    try {
      limiter.take("k", t);
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ code: "rate_limited", status: 429, headers: { "Retry-After": "1" } });
    limiter.take("other", t); // another key is not affected
    t += 150; // 1.5 tokens later
    expect(() => limiter.take("k", t)).not.toThrow();
  });
});
