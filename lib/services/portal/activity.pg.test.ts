// The activity page at scale, on PostgreSQL: with 200,000 transfers for one customer (and
// 100,000 of another's in between), a page — the first, one deep in the history, or filtered by
// kind — reads about one page of index entries in seq order (keyset pagination), never the
// history and never a sort of it; a date filter uses its index.
// Asserted from the query plans (EXPLAIN ANALYZE row counts), not from timings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchantAccountId, periodAccountId } from "@/lib/billing/accounts";
import { setDbHandle } from "@/lib/db/client";
import { C, MER, createPortalWorld } from "@/test/support/portal-fixtures";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { activityPageSql, listActivity } from "./activity";

const ROWS = 200_000;
let h: TestPostgres;
const NOW = new Date("2026-11-21T12:00:00Z");

beforeAll(async () => {
  h = await createTestPostgres(5);
  setDbHandle(h);
  const { anchorAt } = await createPortalWorld(h, NOW);
  const wallet = periodAccountId(C.credits, "plan_credits", anchorAt);
  const otherWallet = periodAccountId(C.other, "plan_credits", anchorAt);
  await h.raw.exec("BEGIN");
  // one-milli-credit usage transfers spread over the last ~230 days, 1 in 50 an adjustment
  await h.raw.query(
    `INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, asset, amount, kind, phase, customer_id, refs, effective_at)
     SELECT 'bulk-' || g, $1, $2, 'CREDIT', 1, (CASE WHEN g % 50 = 0 THEN 'adjustment' ELSE 'usage' END)::"TransferKind", 'single', $3,
            '{"action":"image_generation","quantity":"1","events":1}'::jsonb, $4::timestamptz - make_interval(secs => ($5 - g) * 100)
       FROM generate_series(1, $5) g`,
    [wallet, merchantAccountId(MER, "credits_used"), C.credits, NOW, ROWS],
  );
  // another customer's history, interleaved with it (half as many)
  await h.raw.query(
    `INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, asset, amount, kind, phase, customer_id, refs, effective_at)
     SELECT 'other-' || g, $1, $2, 'CREDIT', 1, 'usage', 'single', $3, '{}'::jsonb, $4::timestamptz - make_interval(secs => ($5 - g) * 200)
       FROM generate_series(1, $5) g`,
    [otherWallet, merchantAccountId(MER, "credits_used"), C.other, NOW, ROWS / 2],
  );
  await h.raw.query(`UPDATE ledger_accounts SET posted_credits = posted_credits + $2 WHERE id = $1`, [wallet, ROWS]);
  await h.raw.query(`UPDATE ledger_accounts SET posted_credits = posted_credits + $2 WHERE id = $1`, [otherWallet, ROWS / 2]);
  await h.raw.query(`UPDATE ledger_accounts SET posted_debits = posted_debits + $2 WHERE id = $1`, [merchantAccountId(MER, "credits_used"), ROWS + ROWS / 2]);
  await h.raw.exec("COMMIT");
  await h.raw.exec("ANALYZE ledger_transfers; ANALYZE ledger_accounts");
}, 180_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.drop();
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Actual Rows"?: number; "Actual Loops"?: number; Plans?: PlanNode[] };

async function plan(q: Parameters<typeof activityPageSql>[1]) {
  const { sql, params } = activityPageSql(C.credits, q, 50);
  const [row] = await h.raw.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    n.Plans?.forEach(walk);
  };
  walk(row!["QUERY PLAN"][0].Plan);
  const transfers = nodes.filter((n) => n["Relation Name"] === "ledger_transfers");
  return { nodes, transfers, read: transfers.reduce((s, n) => s + (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 1), 0) };
}

describe("activity pages at 200,000 transfers", () => {
  const SEQ_ORDERED = ["ledger_transfers_customer_id_effective_at_seq_idx"];

  it("the first page walks the (customer, effective time, seq) index and reads about one page", async () => {
    const p = await plan({});
    expect(SEQ_ORDERED).toContain(p.transfers[0]?.["Index Name"]);
    expect(p.transfers).toHaveLength(1);
    expect(p.nodes.some((n) => n["Node Type"] === "Sort" || n["Node Type"] === "Seq Scan")).toBe(false);
    expect(p.read).toBeLessThanOrEqual(200);
  });

  it("a page deep in the history (keyset cursor) reads about one page too", async () => {
    const [row] = await h.raw.query<{ ms: string; seq: string }>(
      `SELECT (extract(epoch FROM effective_at) * 1000)::bigint::text AS ms, seq::text FROM ledger_transfers WHERE customer_id = $1 ORDER BY effective_at DESC, seq DESC OFFSET 150000 LIMIT 1`,
      [C.credits],
    );
    const deep = `${row!.ms}_${row!.seq}`;
    const p = await plan({ before: deep });
    expect(SEQ_ORDERED).toContain(p.transfers[0]?.["Index Name"]);
    expect(p.nodes.some((n) => n["Node Type"] === "Sort" || n["Node Type"] === "Seq Scan")).toBe(false);
    expect(p.read).toBeLessThanOrEqual(200);
    const page = await listActivity(C.credits, { before: deep }, { limit: 50 });
    expect(page.items).toHaveLength(50);
    expect(page.items[0]!.effectiveAt.getTime()).toBeLessThan(Number(row!.ms));
  });

  it("a kind filter uses the (customer_id, kind, effective time, seq) index", async () => {
    const p = await plan({ kind: "adjustment" });
    expect(p.transfers.map((n) => n["Index Name"])).toEqual(["ledger_transfers_customer_id_kind_effective_at_seq_idx"]);
    expect(p.read).toBeLessThanOrEqual(60);
  });

  it("a date range far back in time does not scan the newer history", async () => {
    const p = await plan({ from: "2026-05-01", to: "2026-05-01" });
    expect(p.nodes.some((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "ledger_transfers")).toBe(false);
    // one day holds 864 transfers; reading them (not 150,000 newer ones) is the bound
    expect(p.read).toBeLessThanOrEqual(2_000);
  });
});
