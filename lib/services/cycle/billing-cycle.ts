import "server-only";
// The billing cycle (DESIGN §5, §7) as background jobs on the PostgreSQL queue:
//   billing.roll        a period has ended: open the next one (accounts, grants) — or end a
//                       subscription canceled at period end;
//   billing.close       a period's grace window has passed: what is left of its allowance expires
//                       (or rolls over) and the period is closed — exactly once;
//   billing.expire-lot  purchased credits past their expiry expire;
//   billing.invoice     an ended period's renewal invoice (next fee + Metered overage once closed),
//                       then billing.charge / billing.dunning collect it (lib/services/cycle/renewals.ts).
// A recurring scheduler finds what is due and enqueues it with unique keys, so any number of
// workers (and any number of scheduler runs) do each piece of work once. `runBillingCycle(now)`
// does all of it synchronously, for `npm run billing:close -- --now <date>` and tests.
import { merchantAccountId } from "@/lib/billing/accounts";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { transaction } from "@/lib/db/tx";
import { enqueue, runDueJobs, type Handler } from "@/lib/jobs/queue";
import { applyLedgerBatch, transferOrThrow } from "../ledger/ledger";
import { INVOICE_QUEUE, RENEWAL_HANDLERS } from "./renewals";
import { closePeriodLedger, rollSubscription } from "./subscriptions";

const ROLL_QUEUE = "billing.roll";
const CLOSE_QUEUE = "billing.close";
const EXPIRE_LOT_QUEUE = "billing.expire-lot";

/** Enqueue every piece of billing work due at `now` (idempotent: unique keys). */
export async function scheduleBillingWork(now: Date, client: PrismaClient = db()): Promise<{ rolls: number; closes: number; invoices: number; lots: number }> {
  const due = await client.subscription.findMany({
    where: { status: { not: "canceled" }, currentPeriodEnd: { lte: now } },
    select: { id: true, currentPeriodEnd: true },
  });
  let rolls = 0;
  for (const s of due) {
    if (await enqueue(client, { queue: ROLL_QUEUE, uniqueKey: `roll:${s.id}:${s.currentPeriodEnd.toISOString()}`, payload: { subscriptionId: s.id }, runAt: now })) rolls++;
  }
  const periods = await client.$queryRawUnsafe<{ id: string }[]>(
    `SELECT p.id FROM billing_periods p JOIN plans pl ON pl.id = p.plan_id
      WHERE p.status = 'open' AND p.period_end + make_interval(hours => pl.grace_hours) <= $1`,
    now,
  );
  let closes = 0;
  for (const p of periods) {
    if (await enqueue(client, { queue: CLOSE_QUEUE, uniqueKey: `close:${p.id}`, payload: { periodId: p.id }, runAt: now })) closes++;
  }
  // Ended periods to invoice (the next fee; Metered: once closed, with the overage).
  const ended = await client.$queryRawUnsafe<{ id: string }[]>(
    `SELECT p.id FROM billing_periods p JOIN plans pl ON pl.id = p.plan_id
      WHERE p.invoiced_at IS NULL AND p.period_end <= $1 AND (pl.model <> 'metered' OR p.status = 'closed')`,
    now,
  );
  let invoices = 0;
  for (const p of ended) {
    if (await enqueue(client, { queue: INVOICE_QUEUE, uniqueKey: `invoice:${p.id}`, payload: { periodId: p.id }, runAt: now })) invoices++;
  }
  const lots = await client.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM ledger_accounts
      WHERE bucket = 'purchased_credits' AND expires_at <= $1 AND posted_credits - posted_debits - pending_debits > 0`,
    now,
  );
  let expired = 0;
  for (const l of lots) {
    if (await enqueue(client, { queue: EXPIRE_LOT_QUEUE, uniqueKey: `expire-lot:${l.id}`, payload: { accountId: l.id }, runAt: now })) expired++;
  }
  return { rolls, closes, invoices, lots: expired };
}

/** What is left of a purchased-credit lot past its expiry goes to the merchant's expired account. */
async function expireLot(accountId: string, now: Date, client: PrismaClient = db()) {
  await transaction(
    async (tx) => {
      const lot = await tx.ledgerAccount.findUnique({ where: { id: accountId } });
      if (!lot || !lot.expiresAt || lot.expiresAt.getTime() > now.getTime() || !lot.customerId) return;
      const left = lot.postedCredits - lot.postedDebits - lot.pendingDebits;
      if (left <= 0n) return;
      const out = await applyLedgerBatch(
        tx,
        [
          {
            op: "transfer",
            id: `expire-lot:${lot.id}`,
            kind: "expiry",
            asset: lot.asset,
            amount: left,
            debitAccountId: lot.id,
            creditAccountId: merchantAccountId(lot.merchantId, "credits_expired"),
            customerId: lot.customerId,
            effectiveAt: lot.expiresAt,
            reason: "Purchased credits expired",
            refs: { lot: lot.id },
          },
        ],
        now,
      );
      out.results.forEach(transferOrThrow);
    },
    { client },
  );
}

export const BILLING_HANDLERS: Record<string, Handler> = {
  [ROLL_QUEUE]: async (p, ctx) => {
    await transaction((tx) => rollSubscription(tx, String(p.subscriptionId), ctx.now), { client: ctx.client });
  },
  [CLOSE_QUEUE]: async (p, ctx) => {
    await transaction((tx) => closePeriodLedger(tx, String(p.periodId), ctx.now), { client: ctx.client });
  },
  [EXPIRE_LOT_QUEUE]: async (p, ctx) => expireLot(String(p.accountId), ctx.now, ctx.client),
  // renewal invoices, their charges and dunning retries
  ...RENEWAL_HANDLERS,
};

/** Run all billing work due at `now`, to the end (rolls can make closes due, and so on). */
export async function runBillingCycle(now: Date, client: PrismaClient = db()) {
  const totals = { rolls: 0, closes: 0, invoices: 0, lots: 0, jobs: 0, failed: 0 };
  for (let round = 0; round < 50; round++) {
    const s = await scheduleBillingWork(now, client);
    totals.rolls += s.rolls;
    totals.closes += s.closes;
    totals.invoices += s.invoices;
    totals.lots += s.lots;
    let ran = 0;
    for (;;) {
      const r = await runDueJobs(BILLING_HANDLERS, { client, now, workerId: `cycle-${process.pid}` });
      ran += r.claimed;
      totals.failed += r.failed + r.retried;
      if (r.claimed === 0) break;
    }
    totals.jobs += ran;
    if (s.rolls + s.closes + s.invoices + s.lots === 0 && ran === 0) break;
  }
  return totals;
}
