// Fault injection in the period close, on real PostgreSQL: `npm run billing:close` (the same job
// handlers the workers run) is killed with SIGKILL by a compiled-in failpoint — `close.mid` (after
// it claimed a period, before the period's ledger transfers), `close.before_charge` and
// `close.after_charge` (the renewal invoice's charge at the provider) — then run again, as a worker
// restarting would. Month after month, the close converges: every due period closed exactly once,
// each expiry posted once, each renewal invoice charged once and paid, `ledger:check`,
// `billing:reconcile` and `payments:reconcile` clean, and a further run changes nothing.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "@/lib/db/client";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { checkLedger } from "../ledger/ledger-check";
import { seedDemo } from "../catalog/seed";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
let h: TestPostgres;
const NOW = new Date();
// past the end (and grace) of every demo customer's current monthly period
const AT = new Date(NOW.getTime() + 40 * 86_400_000);

function script(name: string, args: string[], failpoints?: string) {
  const started = Date.now();
  // node itself (not npx/tsx wrappers), so the SIGKILL is seen as the process's own end
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", `scripts/${name}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: h.url, PORTICO_FAILPOINTS: failpoints ?? "" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal, output: `${r.stdout}${r.stderr}`, ms: Date.now() - started };
}
const billingClose = (at: Date, failpoints?: string) => script("billing-close", ["--now", at.toISOString()], failpoints);

const state = async () => ({
  closed: await h.prisma.billingPeriod.count({ where: { status: "closed" } }),
  endings: await h.prisma.ledgerTransfer.findMany({ where: { OR: [{ id: { startsWith: "expire:" } }, { id: { startsWith: "rollover:" } }] }, select: { id: true, amount: true }, orderBy: { id: "asc" } }),
  transfers: await h.prisma.ledgerTransfer.count(),
});

beforeAll(async () => {
  h = await createTestPostgres(5);
  setDbHandle(h);
  await seedDemo({ client: h.prisma, now: NOW, days: 1 });
}, 120_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.drop();
});

describe("period close killed mid-way", () => {
  it("converges after a restart: each due period closed once, each expiry once, ledger clean", async () => {
    const before = await state();
    const crashed = billingClose(AT, "close.mid:crash");
    expect(crashed.signal, crashed.output).toBe("SIGKILL");
    expect(crashed.output).toContain("[failpoint] close.mid: crash");
    // the claim and the transfers were one transaction: nothing half-done is left
    const after = await state();
    expect(after.endings).toEqual(before.endings);
    expect(after.closed).toBe(before.closed);
    expect((await checkLedger(h.prisma)).ok).toBe(true);

    // the worker comes back (its job lock, 5 minutes, has passed)
    const rerun = billingClose(new Date(AT.getTime() + 10 * 60_000));
    expect(rerun.status, rerun.output).toBe(0);
    const done = await state();
    const due = await h.prisma.billingPeriod.count({ where: { periodEnd: { lte: new Date(AT.getTime() - 72 * 3_600_000) } } });
    expect(done.closed).toBeGreaterThanOrEqual(due);
    expect(done.closed).toBeGreaterThan(before.closed);
    expect(done.endings.length).toBeGreaterThan(0);
    // one expiry / rollover per closed Credits or Metered period, never two
    const perPeriod = new Map<string, number>();
    for (const e of done.endings) {
      const key = e.id.replace(/^(expire|rollover):/, "");
      perPeriod.set(`${e.id.split(":")[0]}:${key}`, (perPeriod.get(`${e.id.split(":")[0]}:${key}`) ?? 0) + 1);
    }
    expect([...perPeriod.values()].every((n) => n === 1)).toBe(true);
    expect(await checkLedger(h.prisma)).toMatchObject({ ok: true, violations: [] });

    // running it again changes nothing
    const third = billingClose(new Date(AT.getTime() + 20 * 60_000));
    expect(third.status, third.output).toBe(0);
    expect(third.output).toContain("0 period(s) closed");
    expect(await state()).toEqual(done);
    console.log(`[faults] close.mid: crash run ${crashed.ms} ms, recovery run ${rerun.ms} ms, ${done.closed - before.closed} period(s) closed, ${done.endings.length} expiry/rollover transfer(s)`);
  }, 300_000);

  for (const [months, failpoint] of [[2, "close.before_charge"], [3, "close.after_charge"]] as const) {
    it(`${failpoint}: the renewal invoices are charged once and paid after the restart`, async () => {
      const at = new Date(NOW.getTime() + (months * 31 + 9) * 86_400_000);
      const paidBefore = await h.prisma.payment.count({ where: { purpose: "subscription", status: "succeeded" } });
      const crashed = billingClose(at, `${failpoint}:crash`);
      expect(crashed.signal, crashed.output).toBe("SIGKILL");
      expect(crashed.output).toContain(`[failpoint] ${failpoint}: crash`);
      const charges = async () =>
        (await h.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM sandbox_objects o JOIN payments p ON p.id = o.data->'metadata'->>'portico_payment_id' WHERE o.type = 'payment_intent' AND o.data->>'status' = 'succeeded' AND p.purpose = 'subscription'`))[0]!.n;
      const chargedAtCrash = await charges();
      expect(chargedAtCrash - paidBefore, "charged at the provider, not yet recorded").toBe(failpoint === "close.after_charge" ? 1 : 0);
      expect((await checkLedger(h.prisma)).ok).toBe(true);

      const rerun = billingClose(new Date(at.getTime() + 10 * 60_000));
      expect(rerun.status, rerun.output).toBe(0);
      const subPayments = await h.prisma.payment.findMany({ where: { purpose: "subscription" } });
      expect(subPayments.filter((p) => p.status === "processing")).toEqual([]);
      const succeeded = subPayments.filter((p) => p.status === "succeeded");
      expect(succeeded.length).toBeGreaterThan(paidBefore);
      // one charge per payment, one payment per invoice
      expect(await charges()).toBe(succeeded.length);
      expect(new Set(succeeded.map((p) => p.invoiceId)).size).toBe(succeeded.length);
      const unpaid = await h.prisma.invoice.findMany({ where: { kind: "subscription", status: "open", totalCents: { gt: 0n } } });
      expect(unpaid).toEqual([]);
      expect(await checkLedger(h.prisma)).toMatchObject({ ok: true, violations: [] });
      const pay = script("payments-reconcile", ["--stale-minutes", "0"]);
      expect(pay.status, pay.output).toBe(0);
      expect(pay.output).toContain("Nothing to repair");
      const month = at.toISOString().slice(0, 7);
      const prev = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
      for (const m of [prev, month]) {
        const bill = script("billing-reconcile", ["--period", m]);
        expect(bill.status, bill.output).toBe(0);
      }
      console.log(`[faults] ${failpoint}: crash run ${crashed.ms} ms, recovery run ${rerun.ms} ms, ${succeeded.length - paidBefore} renewal invoice(s) charged once`);
    }, 300_000);
  }
});
