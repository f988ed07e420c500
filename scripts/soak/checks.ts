// The soak's proofs, from the database and with the project's own commands: no server error, zero
// overdrafts, usage recorded and charged once, one payment per idempotency key and one provider
// charge per payment, one credit per successful top-up, one grant per period, the period close once,
// auto top-ups within their cap, every hold resolved once, `ledger:check` and the reconciles clean.
import fs from "node:fs";
import path from "node:path";
import type { DbHandle } from "@/lib/db/client";
import { ROOT, runScript } from "./processes";
import type { SoakCustomer } from "./setup";

export type Check = { name: string; ok: boolean; detail: string };

type Proof = {
  customers: SoakCustomer[];
  serverErrors: number;
  acceptedEvents: Set<string>;
  formKeys: Set<string>;
  /** The load's counts so far (read, not changed). */
  counts: Record<string, number>;
  /** The period close's exit code and output. */
  closed: { code: number; out: string };
  drainSeconds: number;
  env: NodeJS.ProcessEnv;
};

/** The named checks, and the figures read from the database on the way (to add to the counts). */
export async function proveSoak(db: DbHandle, p: Proof): Promise<{ checks: Check[]; figures: Record<string, number> }> {
  const { customers, serverErrors, acceptedEvents, formKeys, counts, closed, drainSeconds, env } = p;
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const one = async (sql: string, params: unknown[] = []) => Number(Object.values((await db.raw.query<Record<string, string>>(sql, params))[0]!)[0]);

  check("no server error", serverErrors === 0, `${serverErrors} responses with status ≥ 500`);
  const overdrafts = await one(`SELECT count(*) FROM ledger_accounts WHERE no_overdraft AND posted_credits - posted_debits - pending_debits < 0`);
  check("zero overdrafts", overdrafts === 0, `${overdrafts} wallet(s) that forbid overdraft below zero`);
  const dupEvents = await one(`SELECT count(*) FROM (SELECT event_id FROM usage_events GROUP BY merchant_id, event_id HAVING count(*) > 1) d`);
  const stored = await one(`SELECT count(*) FROM usage_events WHERE event_id = ANY($1::text[])`, [[...acceptedEvents]]);
  const soakCustomerIds = customers.map((c) => c.id);
  const storedAll = await one(`SELECT count(*) FROM usage_events WHERE customer_id = ANY($1::text[]) AND hold_id IS NULL`, [soakCustomerIds]);
  check(
    "usage recorded once",
    dupEvents === 0 && stored === acceptedEvents.size && storedAll === acceptedEvents.size && (counts.usage_retry_accepted_again ?? 0) === 0,
    `${acceptedEvents.size} events accepted, ${stored} of them stored (${storedAll} stored for the soak's customers in all), ${dupEvents} stored twice; ${counts.usage_retry_duplicate ?? 0} re-sent events answered "duplicate", ${counts.usage_retry_accepted_again ?? 0} accepted twice (${counts.usage_retry_accepted_now ?? 0} refused at first, accepted when re-sent after a top-up)`,
  );
  const usageMismatch = await one(
    `SELECT count(*) FROM (
       SELECT e.customer_id FROM (SELECT customer_id, sum(cost_amount) AS cost FROM usage_events GROUP BY customer_id) e
       FULL JOIN (SELECT customer_id, sum(amount) AS amount FROM ledger_transfers WHERE kind = 'usage' AND phase IN ('single', 'post_pending') GROUP BY customer_id) t
         USING (customer_id)
        WHERE coalesce(e.cost, 0) <> coalesce(t.amount, 0)) m`,
  );
  check("usage charged once", usageMismatch === 0, `${usageMismatch} customer(s) whose usage transfers differ from the cost of their recorded events`);
  const payments = await one(`SELECT count(*) FROM payments`);
  const dupKeys = await one(`SELECT count(*) FROM (SELECT idempotency_key FROM payments GROUP BY 1 HAVING count(*) > 1) d`);
  const portalPayments = await one(`SELECT count(*) FROM payments WHERE purpose IN ('credit_pack', 'top_up') AND customer_id LIKE 'cus_%' AND idempotency_key = ANY($1::text[])`, [[...formKeys].map((k) => `purchase:${k}`)]);
  const portalAll = await one(`SELECT count(*) FROM payments WHERE purpose IN ('credit_pack', 'top_up')`);
  check("one payment per idempotency key", dupKeys === 0 && portalAll <= formKeys.size && portalPayments === portalAll, `${payments} payments; ${formKeys.size} purchase forms submitted (${counts.purchase_double_submits ?? 0} twice, to both servers at once) → ${portalAll} purchase payments; ${dupKeys} keys used twice`);
  const dupCharges = await one(
    `SELECT count(*) FROM (SELECT data->'metadata'->>'portico_payment_id' FROM sandbox_objects WHERE type = 'payment_intent' GROUP BY 1 HAVING count(*) > 1) d`,
  );
  check("one provider charge per payment", dupCharges === 0, `${dupCharges} payment(s) charged more than once at the provider`);
  // Top-ups (packs, funds, automatic) credit the wallet; subscription payments settle an invoice.
  const topUp = `purpose IN ('credit_pack', 'top_up', 'auto_top_up')`;
  const credits = await one(`SELECT count(*) FROM ledger_transfers WHERE id LIKE 'credit:pay%'`);
  const succeeded = await one(`SELECT count(*) FROM payments WHERE status = 'succeeded' AND ${topUp}`);
  const uncredited = await one(`SELECT count(*) FROM payments p WHERE p.status = 'succeeded' AND ${topUp} AND NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t.id = 'credit:' || p.id)`);
  const creditedFailed = await one(`SELECT count(*) FROM payments p WHERE p.status <> 'succeeded' AND EXISTS (SELECT 1 FROM ledger_transfers t WHERE t.id = 'credit:' || p.id)`);
  const dupCredits = await one(
    `SELECT count(*) FROM (SELECT refs->>'payment_id' FROM ledger_transfers WHERE kind IN ('purchase','top_up') AND customer_id IS NOT NULL AND refs ? 'payment_id' GROUP BY 1 HAVING count(*) > 1) d`,
  );
  check("one credit per successful top-up payment", uncredited === 0 && creditedFailed === 0 && dupCredits === 0 && credits === succeeded, `${succeeded} succeeded top-up payments, ${credits} wallet credits; ${uncredited} charged but not credited, ${creditedFailed} credited without success, ${dupCredits} credited twice`);
  const dupGrants = await one(`SELECT count(*) FROM (SELECT customer_id, refs->>'period_start' FROM ledger_transfers WHERE kind = 'grant' GROUP BY 1, 2 HAVING count(*) > 1) d`);
  const periods = await one(`SELECT count(*) FROM billing_periods`);
  const grants = await one(`SELECT count(*) FROM ledger_transfers WHERE kind = 'grant' AND refs ? 'period_start'`);
  // A Balance renewal is granted when its invoice is paid (a declined card leaves it ungranted, past due).
  const ungrantedPaid = await one(
    `SELECT count(*) FROM billing_periods p WHERE NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t.kind = 'grant' AND t.customer_id = (SELECT customer_id FROM subscriptions s WHERE s.id = p.subscription_id) AND t.refs->>'period_start' = to_char(p.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
       AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = p.subscription_id AND s.status <> 'active')`,
  );
  check("one grant per period", dupGrants === 0 && grants <= periods && ungrantedPaid === 0, `${periods} billing periods, ${grants} grants, ${dupGrants} granted twice, ${ungrantedPaid} period(s) of an active subscription without its grant`);
  const subPayments = await one(`SELECT count(*) FROM payments WHERE purpose = 'subscription'`);
  const dupRenewals = await one(`SELECT count(*) FROM (SELECT invoice_id FROM payments WHERE purpose = 'subscription' AND status = 'succeeded' GROUP BY 1 HAVING count(*) > 1) d`);
  check("each renewal invoice paid at most once", dupRenewals === 0, `${subPayments} subscription payments, ${dupRenewals} invoice(s) paid twice`);
  const soakIds = customers.map((c) => c.id);
  const closedPeriods = await one(`SELECT count(*) FROM billing_periods p JOIN subscriptions s ON s.id = p.subscription_id WHERE s.customer_id = ANY($1::text[]) AND p.status <> 'open'`, [soakIds]);
  const dupExpiry = await one(`SELECT count(*) FROM (SELECT debit_account_id FROM ledger_transfers WHERE kind = 'expiry' GROUP BY 1 HAVING count(*) > 1) d`);
  check("the period close ran once", closed.code === 0 && closedPeriods === customers.length && dupExpiry === 0, `billing:close exit ${closed.code}; ${closedPeriods} of ${customers.length} first periods closed; ${dupExpiry} bucket(s) expired twice`);
  const autoRuns = await one(`SELECT count(*) FROM auto_top_up_runs`);
  const autoPaid = await one(`SELECT count(*) FROM payments WHERE purpose = 'auto_top_up' AND status = 'succeeded'`);
  const overCap = await one(
    `SELECT count(*) FROM (SELECT p.customer_id FROM payments p JOIN auto_top_ups a USING (customer_id)
       WHERE p.purpose = 'auto_top_up' AND p.status = 'succeeded' GROUP BY p.customer_id, a.monthly_cap_micros
      HAVING sum(p.amount_cents) * 10000 > a.monthly_cap_micros) d`,
  );
  check("auto top-ups triggered, within their cap", autoPaid > 0 && overCap === 0, `${autoRuns} runs, ${autoPaid} charged, ${overCap} customer(s) over their monthly cap`);
  const pendingLeft = await one(`SELECT count(*) FROM holds WHERE status = 'pending'`);
  const capturedHolds = await one(`SELECT count(*) FROM holds WHERE status = 'captured'`);
  const captureEvents = await one(`SELECT count(*) FROM usage_events WHERE hold_id IS NOT NULL`);
  check(
    "every hold resolved once",
    pendingLeft === 0 && capturedHolds === captureEvents,
    `${pendingLeft} holds still pending after the drain (${drainSeconds.toFixed(1)} s); ${capturedHolds} captured holds, ${captureEvents} usage events recorded by captures`,
  );

  const ledger = await runScript("ledger:check", [], env);
  check("npm run ledger:check", ledger.code === 0, ledger.out.split("\n")[0] ?? "");
  const pay = await runScript("payments:reconcile", ["--stale-minutes", "0"], env);
  check("npm run payments:reconcile", pay.code === 0 && !/repaired/.test(pay.out), pay.out.split("\n").slice(0, 3).join(" "));
  if (fs.existsSync(path.join(ROOT, "scripts", "billing-reconcile.ts"))) {
    // Every month a soak period starts in (the closed first periods and the open ones).
    const months = (await db.raw.query<{ m: string }>(`SELECT DISTINCT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS m FROM billing_periods ORDER BY 1`)).map((r) => r.m);
    for (const month of months) {
      const bill = await runScript("billing:reconcile", ["--period", month], env);
      check(`npm run billing:reconcile -- --period ${month}`, bill.code === 0, bill.out.split("\n").slice(0, 3).join(" "));
    }
  }

  const figures: Record<string, number> = {};
  for (const [k, v] of Object.entries(await db.raw.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM usage_events) AS usage_events_stored, (SELECT count(*) FROM ledger_transfers) AS ledger_transfers,
            (SELECT count(*) FROM payments WHERE status = 'succeeded') AS payments_succeeded, (SELECT count(*) FROM payments WHERE status = 'failed') AS payments_failed,
            (SELECT count(*) FROM holds WHERE status = 'expired') AS holds_expired, (SELECT count(*) FROM invoices) AS invoices,
            (SELECT count(*) FROM payments WHERE status = 'succeeded' AND idempotency_key LIKE 'purchase:%') AS purchases_succeeded`,
  ).then((r) => r[0]!))) figures[k] = Number(v);
  figures.auto_top_up_runs = autoRuns;
  figures.auto_top_ups_charged = autoPaid;
  figures.periods_closed = closedPeriods;
  return { checks, figures };
}
