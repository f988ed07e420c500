// Money under concurrency on real PostgreSQL: double submits, two tabs, the portal racing the
// provider's event, invoice numbers, automatic top-ups racing usage, refunds racing spending.
import { describe, expect, it } from "vitest";
import { lotAccountId } from "@/lib/billing/accounts";
import { runDueJobs } from "@/lib/jobs/queue";
import { HANDLERS } from "@/lib/jobs/schedule";
import { sandboxGateway } from "@/lib/payments";
import type { TestPostgres } from "@/test/support/postgres";
import { CARDS, formKey, freshCustomer, runJobs, saveDefaultCard, withPaymentsDemoOnPostgres } from "@/test/support/payments";
import { saveAutoTopUp } from "./auto-top-up";
import { checkLedger } from "../ledger/ledger-check";
import { startPurchase } from "./purchases";
import { recordUsage } from "../usage/usage";
import { getWallet } from "../usage/wallet";

let h: TestPostgres;
withPaymentsDemoOnPostgres((db) => (h = db));

const pack = { kind: "pack" as const, packCode: "pack_500" };
const usable = async (c: string) => (await getWallet(c))!.usable!.available;
const countCredits = async (c: string) =>
  Number((await h.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ledger_transfers WHERE id LIKE 'credit:%' AND customer_id = $1`, c))[0]!.n);
const sandboxCharges = (c: string) => h.prisma.sandboxObject.count({ where: { type: "payment_intent", data: { path: ["metadata", "portico_customer_id"], equals: c } } });
const clean = async () => expect((await checkLedger(h.prisma)).violations).toEqual([]);

describe("purchases under concurrency", () => {
  it("a double submit (10 requests with one form key at once) charges and credits once", async () => {
    const c = await freshCustomer("creator");
    const before = await usable(c);
    const key = formKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => startPurchase({ customerId: c, choice: pack, formKey: key })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.payment.id : ""))).size).toBe(1);
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(1);
    expect(await sandboxCharges(c)).toBe(1);
    expect(await countCredits(c)).toBe(1);
    expect(await usable(c)).toBe(before + 500_000n);
    await clean();
  });

  it("ten tabs buying the same pack at once: one purchase, the others told why", async () => {
    const c = await freshCustomer("creator");
    const results = await Promise.all(Array.from({ length: 10 }, () => startPurchase({ customerId: c, choice: pack, formKey: formKey() })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(["purchase_pending", "possible_duplicate"]).toContain(r.code);
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(1);
    expect(await sandboxCharges(c)).toBe(1);
    expect(await countCredits(c)).toBe(1);
  });

  it("the portal's answer and the provider's event racing each other credit once", async () => {
    for (let i = 0; i < 5; i++) {
      const c = await freshCustomer(i % 2 ? "platform" : "creator");
      let racing: Promise<unknown> = Promise.resolve();
      const choice = i % 2 ? { kind: "funds" as const, amountMicros: 15_000_000n } : pack;
      const r = await startPurchase({ customerId: c, choice, formKey: formKey() }, { faults: { afterCharge: () => void (racing = runJobs(h)) } });
      await racing;
      await runJobs(h);
      expect(r).toMatchObject({ ok: true, payment: { status: "succeeded" } });
      expect(await countCredits(c)).toBe(1);
      expect(await h.prisma.invoice.count({ where: { customerId: c } })).toBe(1);
    }
    await clean();
  });

  it("invoice numbers stay gapless when 16 customers buy at once (declines issue none)", async () => {
    const customers = await Promise.all(Array.from({ length: 16 }, (_, i) => freshCustomer(i % 2 ? "platform" : "creator")));
    for (const c of customers.slice(0, 4)) await saveDefaultCard(c, CARDS.declined);
    const results = await Promise.all(
      customers.map((c, i) => startPurchase({ customerId: c, choice: i % 2 ? { kind: "funds", amountMicros: 11_110_000n } : pack, formKey: formKey() })),
    );
    expect(results.filter((r) => r.ok && r.payment.status === "failed")).toHaveLength(4);
    const numbers = (await h.prisma.invoice.findMany({ select: { number: true } })).map((i) => Number(i.number!.slice(4))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect((await h.prisma.merchant.findUniqueOrThrow({ where: { id: "mer_demo" } })).invoiceSeq).toBe(numbers.length);
    await clean();
  });

  it("a refund racing usage of the same lot never overdraws it; what was used is recorded", async () => {
    const c = await freshCustomer("creator");
    // spend the plan credits first, so usage draws from the purchased lot
    await recordUsage("mer_demo", [{ id: `drain_${c}`, customer: c, action: "image_generation", quantity: 100n, timestamp: new Date() }]);
    const r = await startPurchase({ customerId: c, choice: pack, formKey: formKey() });
    const id = r.ok ? r.payment.id : "";
    const pay = await h.prisma.payment.findUniqueOrThrow({ where: { id } });
    await runJobs(h);
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => recordUsage("mer_demo", [{ id: `race_${c}_${i}`, customer: c, action: "image_generation", quantity: 1n, timestamp: new Date() }])),
      sandboxGateway().refund({ providerPaymentId: pay.providerPaymentId!, idempotencyKey: `race-${id}` }).then(() => runJobs(h)),
    ]);
    await runJobs(h);
    const lot = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: lotAccountId(c, id) } });
    expect(lot.postedCredits - lot.postedDebits).toBeGreaterThanOrEqual(0n);
    const note = await h.prisma.invoice.findFirstOrThrow({ where: { customerId: c, kind: "credit_note" } });
    const refs = (await h.prisma.invoiceLine.findFirstOrThrow({ where: { invoiceId: note.id } })).refs as { removed: string; used_before: string };
    expect(BigInt(refs.removed) + BigInt(refs.used_before)).toBe(500_000n);
    await clean();
  });
});

describe("automatic top-up under concurrency", () => {
  it("20 usage batches crossing the threshold at once start one run, and four workers charge it once", async () => {
    const c = await freshCustomer("creator");
    const saved = await saveAutoTopUp(c, { enabled: true, threshold: "900", packCode: "pack_500", monthlyCap: "100" });
    expect(saved).toEqual({ ok: true });
    // 1,000 plan credits; 20 × 10 credits takes it to 800 — below 900 from the 11th batch on
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordUsage("mer_demo", [{ id: `atu_${c}_${i}`, customer: c, action: "image_generation", quantity: 1n, timestamp: new Date() }])));
    expect(await h.prisma.autoTopUpRun.count({ where: { customerId: c } })).toBe(1);
    expect(await h.prisma.job.count({ where: { queue: "auto_top_up.run", payload: { path: ["runId"], equals: (await h.prisma.autoTopUpRun.findFirstOrThrow({ where: { customerId: c } })).id } } })).toBe(1);
    await Promise.all([1, 2, 3, 4].map((w) => runDueJobs(HANDLERS, { client: h.prisma, workerId: `w${w}`, now: new Date(Date.now() + 1_000) })));
    await runJobs(h);
    expect(await h.prisma.payment.count({ where: { customerId: c, purpose: "auto_top_up" } })).toBe(1);
    expect(await sandboxCharges(c)).toBe(1);
    const run = await h.prisma.autoTopUpRun.findFirstOrThrow({ where: { customerId: c } });
    expect(run).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await usable(c)).toBe(800_000n + 500_000n);
    // back above the threshold: armed again for the next crossing
    expect(await h.prisma.autoTopUp.findUniqueOrThrow({ where: { customerId: c } })).toMatchObject({ armed: true, consecutiveFailures: 0 });
    await clean();
  });
});
