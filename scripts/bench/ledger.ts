// npm run bench:ledger — on PostgreSQL (a throwaway database on 127.0.0.1):
//   1. debits per second on ONE hot wallet from 32 concurrent clients, through Portico's ledger
//      (every check: idempotency, no overdraft, running totals, append-only transfer rows),
//      beside a bare `UPDATE … SET balance = balance - x WHERE id = … AND balance >= x` loop from
//      32 clients in the same run — alternating rounds, medians;
//   2. the wallet read (the portal's getWallet) at 1,000 and at 1,000,000 transfers on the account.
// Writes its section of docs/benchmarks.md.
import pg from "pg";
import { setDbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { ensureAssets, ensureMerchantAccounts, upsertPlan } from "@/lib/services/catalog";
import { createCustomer } from "@/lib/services/customers";
import { checkLedger, LedgerBatcher, postTransfers } from "@/lib/services/ledger";
import { getWallet } from "@/lib/services/usage";
import { DEMO_PLANS } from "@/lib/billing/plans";
import { createBenchDatabase, fmt, machine, median, percentile, recordResults, throughput, writeSection } from "./support";

const CLIENTS = 32;
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIG = 10n ** 15n;
const MER = "mer_bench";

async function main() {
  const db = await createBenchDatabase(CLIENTS + 8);
  setDbHandle(db);
  const log = (s: string) => console.log(s);
  try {
    const now = new Date();
    await transaction(async (tx) => {
      await ensureAssets(tx);
      await tx.merchant.create({ data: { id: MER, name: "Bench" } });
      await ensureMerchantAccounts(tx, MER);
      await upsertPlan(tx, MER, DEMO_PLANS.find((p) => p.code === "platform")!);
      for (const id of ["cus_hot", "cus_read"]) {
        await createCustomer(tx, { id, merchantId: MER, externalId: id, name: id, email: `${id}@bench.example`, planCode: "platform", now });
      }
    });
    const hot = "cus_hot:balance";
    await postTransfers([{ op: "transfer", id: "fund-hot", debitAccountId: `${MER}:grants`, creditAccountId: hot, asset: "USD", amount: BIG, kind: "grant", reason: "bench" }]);

    // The baseline: a bare conditional UPDATE on one row, 32 connections.
    const bare = new pg.Pool({ connectionString: db.url, max: CLIENTS });
    await bare.query("CREATE TABLE bench_wallet (id int PRIMARY KEY, balance bigint NOT NULL)");
    await bare.query("INSERT INTO bench_wallet VALUES (1, $1)", [BIG.toString()]);
    const bareOp = async () => (await bare.query("UPDATE bench_wallet SET balance = balance - $1 WHERE id = 1 AND balance >= $1", [1000])).rowCount === 1;

    const batcher = new LedgerBatcher();
    const ledgerOp = async () => {
      const [r] = await batcher.submit({ op: "transfer", id: newId("d"), debitAccountId: hot, creditAccountId: `${MER}:revenue`, asset: "USD", amount: 1000n, kind: "usage", customerId: "cus_hot" });
      return r!.ok;
    };
    const singleTxOp = async () => {
      const [r] = await postTransfers([{ op: "transfer", id: newId("s"), debitAccountId: hot, creditAccountId: `${MER}:revenue`, asset: "USD", amount: 1000n, kind: "usage", customerId: "cus_hot" }]);
      return r!.ok;
    };

    log(`warm-up…`);
    await throughput(CLIENTS, 1_000, bareOp);
    await throughput(CLIENTS, 1_000, ledgerOp);
    const bareRates: number[] = [];
    const ledgerRates: number[] = [];
    const singleRates: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const b = await throughput(CLIENTS, ROUND_MS, bareOp);
      const l = await throughput(CLIENTS, ROUND_MS, ledgerOp);
      const s = await throughput(CLIENTS, ROUND_MS, singleTxOp);
      if (l.refused > 0 || s.refused > 0) throw new Error("A funded debit was refused");
      bareRates.push(b.perSecond);
      ledgerRates.push(l.perSecond);
      singleRates.push(s.perSecond);
      log(`round ${round}: bare ${fmt(b.perSecond)}/s · ledger ${fmt(l.perSecond)}/s · ledger, one transaction per debit ${fmt(s.perSecond)}/s`);
    }
    await bare.end();
    const bareMedian = median(bareRates);
    const ledgerMedian = median(ledgerRates);
    const singleMedian = median(singleRates);

    // Wallet reads at 1,000 and at 1,000,000 transfers on the account.
    const read = "cus_read:balance";
    const thousand = Array.from({ length: 999 }, (_, i) => ({
      op: "transfer" as const, id: `r-${i}`, debitAccountId: read, creditAccountId: `${MER}:revenue`, asset: "USD", amount: 1_000n, kind: "usage" as const, customerId: "cus_read",
    }));
    await postTransfers(thousand);
    const countOn = async () => Number((await db.raw.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_transfers WHERE debit_account_id = $1 OR credit_account_id = $1`, [read]))[0]!.n);
    const timeReads = async () => {
      const samples: number[] = [];
      for (let i = 0; i < 300; i++) await getWallet("cus_read"); // warm
      for (let i = 0; i < 2_000; i++) {
        const t = performance.now();
        const w = await getWallet("cus_read");
        samples.push(performance.now() - t);
        if (!w?.usable) throw new Error("wallet missing");
      }
      return { p50: median(samples), p95: percentile(samples, 95) };
    };
    const at1k = { transfers: await countOn(), ...(await timeReads()) };
    log(`wallet read at ${fmt(at1k.transfers)} transfers: p50 ${fmt(at1k.p50, 3)} ms`);

    log("adding 999,000 transfers to the account…");
    const fill = Date.now();
    await db.raw.exec("BEGIN");
    await db.raw.query(
      `INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, asset, amount, kind, phase, customer_id, refs, effective_at)
       SELECT 'fill-' || g, $1, $2, 'USD', 1, 'usage', 'single', 'cus_read', '{}'::jsonb, now() FROM generate_series(1, 999000) g`,
      [read, `${MER}:revenue`],
    );
    await db.raw.query(`UPDATE ledger_accounts SET posted_debits = posted_debits + 999000 WHERE id = $1`, [read]);
    await db.raw.query(`UPDATE ledger_accounts SET posted_credits = posted_credits + 999000 WHERE id = $1`, [`${MER}:revenue`]);
    await db.raw.exec("COMMIT");
    await db.raw.exec("VACUUM ANALYZE ledger_transfers");
    log(`  (${((Date.now() - fill) / 1000).toFixed(0)} s)`);
    const at1m = { transfers: await countOn(), ...(await timeReads()) };
    log(`wallet read at ${fmt(at1m.transfers)} transfers: p50 ${fmt(at1m.p50, 3)} ms`);

    const checkStarted = Date.now();
    const report = await checkLedger(db.prisma);
    const checkSeconds = (Date.now() - checkStarted) / 1000;
    if (!report.ok) throw new Error(`ledger check failed after the benchmark: ${report.violations.length} violations`);

    const ratio = ledgerMedian / bareMedian;
    const readRatio = at1m.p50 / at1k.p50;
    const verdict = (ok: boolean) => (ok ? "✅" : "❌");
    const md = `## Ledger (\`npm run bench:ledger\`)

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}.
${CLIENTS} concurrent clients on **one** wallet, ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s each; medians.

| | debits / s | |
|---|---:|---|
| Baseline: bare \`UPDATE wallet SET balance = balance - x WHERE id = 1 AND balance >= x\` | ${fmt(bareMedian)} | |
| **Portico ledger** (idempotent id, overdraft check, 2 account totals, 1 transfer row; group commit) | **${fmt(ledgerMedian)}** | ${verdict(ledgerMedian >= 1000)} target ≥ 1,000 |
| Ratio to the bare loop | **${fmt(ratio * 100)} %** | ${verdict(ratio >= 0.3)} target ≥ 30 % |
| Portico ledger, one transaction per debit (no batching), for reference | ${fmt(singleMedian)} | |

Why it can beat the bare loop: the bare loop commits (and waits for the WAL flush) once per debit, all 32
clients queued on one row lock; the ledger's batcher takes every debit that arrived while the previous
batch was committing and applies them in one transaction — each still checked on its own by the pure core,
each refused alone if the wallet runs dry (group commit, as TigerBeetle does).

| Wallet read (\`getWallet\`, the portal's overview read) | p50 | p95 |
|---|---:|---:|
| ${fmt(at1k.transfers)} transfers on the account | ${fmt(at1k.p50, 3)} ms | ${fmt(at1k.p95, 3)} ms |
| ${fmt(at1m.transfers)} transfers on the account | ${fmt(at1m.p50, 3)} ms | ${fmt(at1m.p95, 3)} ms |
| Ratio (1 M / 1 k) | **${fmt(readRatio, 2)}** ${verdict(readRatio <= 1.2)} target ≤ 1.2 | |

The balance is read from the account's running totals, so its cost does not grow with history.
\`ledger:check\` afterwards: clean, ${fmt(report.transfers)} transfers verified in ${fmt(checkSeconds, 1)} s.`;
    writeSection("ledger", md);
    recordResults([
      { bench: "ledger", metric: "Debits/s on one wallet, 32 clients", value: fmt(ledgerMedian), baseline: `bare UPDATE ${fmt(bareMedian)}`, ratio: `${fmt(ratio * 100)} %`, target: "≥ 1,000/s; ≥ 30 %", met: ledgerMedian >= 1000 && ratio >= 0.3 },
      { bench: "ledger", metric: "Wallet read p50 at 1 M transfers", value: `${fmt(at1m.p50, 3)} ms`, baseline: `${fmt(at1k.p50, 3)} ms at 1 k`, ratio: `${fmt(readRatio, 2)}×`, target: "≤ 1.2×", met: readRatio <= 1.2 },
    ]);
    log(md);
    const pass = ledgerMedian >= 1000 && ratio >= 0.3 && readRatio <= 1.2;
    if (!pass) process.exitCode = 1;
  } finally {
    setDbHandle(undefined);
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
