import "server-only";
// The billing reconciliation report (`npm run billing:reconcile -- --period 2026-11`): for every
// billing period that starts in that UTC month, per customer, the chain
//     usage events → ledger burn (the charges of each event, the transfers they name)
//                  → the renewal invoice's lines (overage, next fee) → the payments of that invoice
// each link recomputed independently from the database, and every difference named. Read-only.
import { rulesFor } from "@/lib/billing/models";
import { centsToMicros, formatMoney } from "@/lib/billing/money";
import type { ConsumptionModel } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { assetIn } from "@/lib/billing/terms";

type ReconcileRow = {
  customerId: string;
  externalId: string;
  plan: string;
  periodStart: Date;
  periodEnd: Date;
  status: string;
  events: number;
  usageCost: string;
  ledgerBurn: string;
  overage: string;
  invoice: string;
  invoiceTotal: string;
  paid: string;
};

type ReconcileReport = { period: string; rows: ReconcileRow[]; differences: string[] };

const big = (v: unknown) => BigInt(String(v ?? 0));

/** "2026-11" → [Nov 1, Dec 1) in UTC; throws a clear message on anything else. */
export function monthRange(period: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new Error(`--period needs a month as yyyy-mm, e.g. 2026-11 (got "${period}")`);
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(y, mo, 1)), to: new Date(Date.UTC(y, mo + 1, 1)) };
}

type PeriodRow = {
  id: string; customer_id: string; external_id: string; plan_code: string; model: ConsumptionModel; currency: string; overage_price: string | null; price: string;
  period_start: Date; period_end: Date; status: string; invoice_id: string | null; invoiced_at: Date | null;
};

export async function reconcileBilling(period: string, client: PrismaClient = db()): Promise<ReconcileReport> {
  const { from, to } = monthRange(period);
  const periods = await client.$queryRawUnsafe<PeriodRow[]>(
    `SELECT p.id, s.customer_id, c.external_id, pl.code AS plan_code, pl.model::text AS model, pl.currency, pl.overage_price_micros::text AS overage_price,
            pl.price_micros::text AS price, p.period_start, p.period_end, p.status::text AS status, p.invoice_id, p.invoiced_at
       FROM billing_periods p JOIN subscriptions s ON s.id = p.subscription_id JOIN customers c ON c.id = s.customer_id JOIN plans pl ON pl.id = p.plan_id
      WHERE p.period_start >= $1 AND p.period_start < $2
      ORDER BY c.external_id, p.period_start`,
    from,
    to,
  );
  const rows: ReconcileRow[] = [];
  const differences: string[] = [];
  for (const p of periods) {
    const who = `${p.external_id} (${p.customer_id}), period ${p.period_start.toISOString().slice(0, 10)}`;
    const flag = (what: string) => differences.push(`${who}: ${what}`);
    const rules = rulesFor(p.model);
    const costAsset = assetIn(rules.defaultUsageAsset, p.currency);
    // 1. the events of the period, and what the ledger charged each of them
    const [ev] = await client.$queryRawUnsafe<{ n: bigint; cost: string | null; over: string | null; charged_cost: string | null; charged_usd: string | null }[]>(
      `WITH e AS (SELECT pk, cost_amount, overage_micros FROM usage_events WHERE customer_id = $1 AND period_start = $2),
            ch AS (SELECT c.event_pk, SUM(c.amount) FILTER (WHERE c.asset = $3) AS in_cost, SUM(c.amount) FILTER (WHERE c.asset = $4 AND $3 <> $4) AS in_usd
                     FROM usage_charges c WHERE c.event_pk IN (SELECT pk FROM e) GROUP BY c.event_pk)
       SELECT COUNT(*) AS n, SUM(e.cost_amount)::text AS cost, SUM(e.overage_micros)::text AS over,
              SUM(COALESCE(ch.in_cost, 0))::text AS charged_cost, SUM(COALESCE(ch.in_usd, 0))::text AS charged_usd
         FROM e LEFT JOIN ch ON ch.event_pk = e.pk`,
      p.customer_id, p.period_start, costAsset, p.currency,
    );
    const events = Number(ev?.n ?? 0);
    const cost = big(ev?.cost);
    const over = big(ev?.over);
    const chargedCost = big(ev?.charged_cost);
    const chargedUsd = big(ev?.charged_usd);
    const price = p.overage_price ? BigInt(p.overage_price) : 0n;
    const overUnits = price > 0n ? over / price : 0n;
    const fmt = (amount: bigint, asset: string) => formatMoney({ amount, asset }, { exact: true });
    if (chargedCost + overUnits !== cost) flag(`usage events cost ${fmt(cost, costAsset)} but the ledger charged ${fmt(chargedCost, costAsset)}${overUnits > 0n ? ` + ${fmt(overUnits, costAsset)} as overage` : ""}`);
    if (costAsset !== p.currency && chargedUsd !== over) flag(`usage events accrued ${fmt(over, p.currency)} of overage but the ledger charged ${fmt(chargedUsd, p.currency)}`);
    // 2. each transfer the charges name carries exactly its charges
    const badTransfers = await client.$queryRawUnsafe<{ id: string; amount: string; charged: string }[]>(
      `SELECT t.id, t.amount::text AS amount, SUM(c.amount)::text AS charged FROM ledger_transfers t JOIN usage_charges c ON c.transfer_id = t.id
        WHERE t.id IN (SELECT c2.transfer_id FROM usage_charges c2 JOIN usage_events e ON e.pk = c2.event_pk WHERE e.customer_id = $1 AND e.period_start = $2)
        GROUP BY t.id, t.amount HAVING t.amount <> SUM(c.amount)`,
      p.customer_id, p.period_start,
    );
    for (const t of badTransfers) flag(`ledger transfer ${t.id} moved ${t.amount} but its usage charges add up to ${t.charged}`);
    // 3. the overage account against the events, and against the invoice's overage line
    let ledgerOver = 0n;
    if (rules.tracksOverage) {
      const [acc] = await client.$queryRawUnsafe<{ usage: string | null }[]>(
        `SELECT (COALESCE(SUM(amount) FILTER (WHERE kind = 'usage' AND debit_account_id = $1 AND phase IN ('single', 'post_pending')), 0)
               - COALESCE(SUM(amount) FILTER (WHERE kind IN ('usage', 'reversal') AND credit_account_id = $1 AND phase IN ('single', 'post_pending')), 0))::text AS usage
           FROM ledger_transfers WHERE debit_account_id = $1 OR credit_account_id = $1`,
        `${p.customer_id}:overage:${p.period_start.toISOString()}`,
      );
      ledgerOver = big(acc?.usage);
      if (ledgerOver !== over) flag(`the overage account accrued ${fmt(ledgerOver, p.currency)} but the usage events say ${fmt(over, p.currency)}`);
    }
    let invoiceText = p.invoiced_at ? "nothing owed" : "not invoiced yet";
    let totalText = "";
    let paidText = "";
    if (p.invoice_id) {
      const inv = await client.invoice.findUnique({ where: { id: p.invoice_id }, include: { lines: true, payments: true } });
      if (!inv) flag(`the period names invoice ${p.invoice_id}, which does not exist`);
      else {
        invoiceText = `${inv.number} (${inv.status})`;
        totalText = fmt(centsToMicros(inv.totalCents), p.currency);
        const lineOver = inv.lines.filter((l) => (l.refs as Record<string, string>).line === "overage");
        const lineOverAmount = lineOver.reduce((s, l) => s + l.amountMicros, 0n);
        const lineOverUnits = lineOver.reduce((s, l) => s + l.quantity, 0n);
        if (rules.tracksOverage && lineOverAmount !== ledgerOver) flag(`invoice ${inv.number} bills ${fmt(lineOverAmount, p.currency)} of overage but the ledger accrued ${fmt(ledgerOver, p.currency)}`);
        if (rules.tracksOverage && lineOverUnits !== overUnits) flag(`invoice ${inv.number} bills ${lineOverUnits} units over the included amount but the usage events have ${overUnits}`);
        const subtotal = inv.lines.reduce((s, l) => s + l.amountMicros, 0n);
        if (subtotal !== inv.subtotalMicros) flag(`invoice ${inv.number}'s lines add up to ${fmt(subtotal, p.currency)} but its subtotal is ${fmt(inv.subtotalMicros, p.currency)}`);
        // 4. payments: a paid invoice was paid in full by exactly its succeeded payments
        const succeeded = inv.payments.filter((x) => x.status === "succeeded");
        const paidCents = succeeded.reduce((s, x) => s + x.amountCents, 0n);
        paidText = fmt(centsToMicros(paidCents), p.currency);
        if (inv.status === "paid" && inv.totalCents > 0n && paidCents !== inv.totalCents) flag(`invoice ${inv.number} is paid (${totalText}) but its succeeded payments add up to ${paidText}`);
        if (inv.status !== "paid" && paidCents > 0n) flag(`invoice ${inv.number} is ${inv.status} but has ${paidText} of succeeded payments`);
        if (succeeded.length > 1) flag(`invoice ${inv.number} was paid ${succeeded.length} times`);
        if (inv.status === "paid" && rules.tracksOverage && lineOverAmount > 0n) {
          const [settled] = await client.$queryRawUnsafe<{ s: string | null }[]>(
            `SELECT SUM(amount)::text AS s FROM ledger_transfers WHERE credit_account_id = $1 AND refs->>'invoice_id' = $2`,
            `${p.customer_id}:overage:${p.period_start.toISOString()}`, inv.id,
          );
          if (big(settled?.s) !== lineOverAmount) flag(`invoice ${inv.number}'s payment settled ${fmt(big(settled?.s), p.currency)} of the ${fmt(lineOverAmount, p.currency)} overage`);
        }
      }
    }
    rows.push({
      customerId: p.customer_id, externalId: p.external_id, plan: p.plan_code, periodStart: p.period_start, periodEnd: p.period_end, status: p.status, events,
      usageCost: fmt(cost, costAsset), ledgerBurn: fmt(chargedCost, costAsset) + (rules.tracksOverage ? ` + ${fmt(chargedUsd, p.currency)} overage` : ""),
      overage: rules.tracksOverage ? fmt(over, p.currency) : "", invoice: invoiceText, invoiceTotal: totalText, paid: paidText,
    });
  }
  return { period, rows, differences };
}

/** The report as text (the script prints it). */
export function formatReconcileReport(r: ReconcileReport): string {
  const out = [`Billing reconciliation for periods starting in ${r.period} (UTC): ${r.rows.length} period(s)`, ""];
  for (const row of r.rows) {
    out.push(
      `${row.externalId} (${row.customerId}) — ${row.plan}, ${row.periodStart.toISOString().slice(0, 10)} → ${row.periodEnd.toISOString().slice(0, 10)} [${row.status}]`,
      `  usage events: ${row.events}, costing ${row.usageCost}`,
      `  ledger burn:  ${row.ledgerBurn}${row.overage ? `; overage accrued ${row.overage}` : ""}`,
      `  invoice:      ${row.invoice}${row.invoiceTotal ? `, total ${row.invoiceTotal}` : ""}`,
      `  payments:     ${row.paid || "—"}`,
    );
  }
  out.push("");
  if (r.differences.length === 0) out.push("No differences.");
  else out.push(`${r.differences.length} difference(s):`, ...r.differences.map((d) => `  ✗ ${d}`));
  return out.join("\n");
}
