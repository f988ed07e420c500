import "server-only";
// What rating needs to know about customers, shared by usage recording and authorize/holds:
// the customers of a merchant named by reference ("cus_…" or "ext:…") with their subscription,
// plan and open periods (periods that have started are opened on first use), and their wallet
// accounts — locked (FOR UPDATE, in id order) when the caller is about to spend from them.
import { periodAccountId, type MerchantAccountName } from "@/lib/billing/accounts";
import { rulesFor } from "@/lib/billing/models";
import type { Draw, RatingWallet, Source } from "@/lib/billing/rating";
import { rowToAccount, type AccountRow as LedgerAccountRow } from "@/lib/db/ledger-store";
import { pgArray } from "@/lib/db/pg-array";
import { plansById, type StoredPlan } from "@/lib/db/plans";
import { txSql, type Tx } from "@/lib/db/tx";
import type { Account } from "@/lib/ledger";
import { rollSubscription } from "../cycle/subscriptions";

export type CustomerCtx = {
  id: string;
  externalId: string;
  merchantId: string;
  subscriptionId: string;
  status: string;
  anchorAt: Date;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  spendingCapMicros: bigint | null;
  plan: StoredPlan;
  /** Open periods (start ISO → period, with the plan it was sold on), the ones an event may land in. */
  openPeriods: Map<string, { start: Date; end: Date; planId: string; plan: StoredPlan }>;
};

/** A wallet account row: the ledger's columns and whose bucket it is. */
type AccountRow = LedgerAccountRow & { customer_id: string; bucket: string; expires_at: Date | null };

/** Where each kind of draw goes on the merchant's side. */
export const DESTINATION: Record<Draw["kind"], MerchantAccountName> = {
  included: "units_used",
  plan_credits: "credits_used",
  lot: "credits_used",
  balance: "revenue",
  overage: "overage_revenue",
};

/** A customer reference as the API takes it: Portico's id, or "ext:" + the merchant's own id. */
function splitRefs(refs: readonly string[]) {
  return {
    ids: refs.filter((r) => !r.startsWith("ext:")),
    externalIds: refs.filter((r) => r.startsWith("ext:")).map((r) => r.slice(4)),
  };
}

/**
 * By reference ("cus_…" or "ext:…"), only this merchant's customers; null for a known customer
 * without a usable subscription; absent for an unknown one.
 */
async function loadCustomers(tx: Tx, merchantId: string, refs: readonly string[]): Promise<Map<string, CustomerCtx | null>> {
  const byRef = new Map<string, CustomerCtx | null>();
  if (refs.length === 0) return byRef;
  const { ids, externalIds } = splitRefs(refs);
  // One statement: the customers, their subscription and its open periods (the usage hot path).
  const rows = await txSql(tx).query<CustomerRow>(
    `SELECT c.id, c.external_id, s.id AS subscription_id, s.plan_id, s.status::text AS status, s.anchor_at,
            s.current_period_start, s.current_period_end, s.spending_cap_micros,
            COALESCE((SELECT json_agg(json_build_object('start', p.period_start, 'end', p.period_end, 'plan_id', p.plan_id))
                        FROM billing_periods p WHERE p.subscription_id = s.id AND p.status = 'open'), '[]'::json) AS periods
       FROM customers c LEFT JOIN subscriptions s ON s.customer_id = c.id
      WHERE c.merchant_id = $1 AND (c.id = ANY($2::text[]) OR c.external_id = ANY($3::text[]))`,
    merchantId,
    pgArray(ids),
    pgArray(externalIds),
  );
  const plans = await plansById(tx, merchantId);
  for (const c of rows) {
    const plan = c.plan_id ? plans.get(c.plan_id) : undefined;
    if (!c.subscription_id || !plan) {
      byRef.set(c.id, null);
      byRef.set(`ext:${c.external_id}`, null);
      continue;
    }
    const periods = (typeof c.periods === "string" ? JSON.parse(c.periods) : c.periods) as { start: string; end: string; plan_id: string }[];
    const ctx: CustomerCtx = {
      id: c.id,
      externalId: c.external_id,
      merchantId,
      subscriptionId: c.subscription_id,
      status: c.status!,
      anchorAt: new Date(c.anchor_at!),
      currentPeriodStart: new Date(c.current_period_start!),
      currentPeriodEnd: new Date(c.current_period_end!),
      spendingCapMicros: c.spending_cap_micros === null ? null : BigInt(c.spending_cap_micros),
      plan,
      openPeriods: new Map(
        periods.map((p) => {
          const start = new Date(p.start);
          return [start.toISOString(), { start, end: new Date(p.end), planId: p.plan_id, plan: plans.get(p.plan_id) ?? plan }];
        }),
      ),
    };
    byRef.set(c.id, ctx);
    byRef.set(`ext:${c.external_id}`, ctx);
  }
  return byRef;
}

type CustomerRow = {
  id: string;
  external_id: string;
  subscription_id: string | null;
  plan_id: string | null;
  status: string | null;
  anchor_at: Date | null;
  current_period_start: Date | null;
  current_period_end: Date | null;
  spending_cap_micros: bigint | string | null;
  periods: unknown;
};

export function knownCustomers(customers: Map<string, CustomerCtx | null>): CustomerCtx[] {
  return [...new Set(customers.values())].filter((c): c is CustomerCtx => c !== null);
}

/** Customers loaded, with every period that has started by `now` opened (grants included). */
export async function loadCustomersAt(tx: Tx, merchantId: string, refs: readonly string[], now: Date) {
  let customers = await loadCustomers(tx, merchantId, refs);
  // A period that has started opens on first use, even before the billing job gets to it.
  const stale = knownCustomers(customers).filter((c) => c.status !== "canceled" && c.currentPeriodEnd.getTime() <= now.getTime());
  if (stale.length > 0) {
    for (const c of stale) await rollSubscription(tx, c.subscriptionId, now);
    customers = await loadCustomers(tx, merchantId, refs);
  }
  return customers;
}

/** The spendable wallet accounts of these customers; locked, in id order, unless `lock` is false. */
export async function walletAccounts(tx: Tx, customerIds: readonly string[], opts: { lock: boolean }): Promise<Map<string, AccountRow>> {
  if (customerIds.length === 0) return new Map();
  const rows = await txSql(tx).query<AccountRow>(
    `SELECT id, customer_id, merchant_id, bucket::text AS bucket, asset, no_overdraft, expires_at, posted_debits, posted_credits, pending_debits, pending_credits
       FROM ledger_accounts
      WHERE customer_id = ANY($1::text[])
        AND (bucket <> 'purchased_credits' OR posted_credits - posted_debits - pending_debits > 0)
      ORDER BY id${opts.lock ? " FOR UPDATE" : ""}`,
    [...customerIds].sort(),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The wallet accounts as the ledger core sees them (their totals as read under the lock). */
export function ledgerAccounts(accounts: Map<string, AccountRow>): Map<string, Account> {
  return new Map([...accounts.values()].map((r) => [r.id, rowToAccount(r)]));
}

function sourceFromRow(r: AccountRow): Source | null {
  const available = BigInt(r.posted_credits) - BigInt(r.posted_debits) - BigInt(r.pending_debits);
  const kind =
    r.bucket === "included_usage"
      ? "included"
      : r.bucket === "plan_credits"
        ? "plan_credits"
        : r.bucket === "purchased_credits"
          ? "lot"
          : r.bucket === "balance"
            ? "balance"
            : null;
  if (!kind) return null;
  return { accountId: r.id, asset: r.asset as Source["asset"], kind, available, expiresAt: r.expires_at ? new Date(r.expires_at) : null };
}

/** Sources of every customer, by account id, and each customer's account ids. */
export function indexSources(accounts: Map<string, AccountRow>) {
  const sources = new Map<string, Source>();
  const sourceIdsByCustomer = new Map<string, string[]>();
  for (const row of accounts.values()) {
    const s = sourceFromRow(row);
    if (!s) continue;
    sources.set(s.accountId, s);
    const list = sourceIdsByCustomer.get(row.customer_id) ?? [];
    list.push(s.accountId);
    sourceIdsByCustomer.set(row.customer_id, list);
  }
  return { sources, sourceIdsByCustomer };
}

/**
 * The wallet an event in `periodStart` sees: that period's included units / plan credits, the
 * purchased lots and the money balance (shared by all periods), and that period's overage —
 * under the plan that period was sold on (a plan change takes effect at a period boundary).
 */
export function walletFor(
  ctx: CustomerCtx,
  plan: StoredPlan,
  periodStart: Date,
  sources: Map<string, Source>,
  sourceIds: readonly string[],
  accounts: Map<string, AccountRow>,
): RatingWallet {
  const own: Source[] = [];
  const periodIds = new Set([periodAccountId(ctx.id, "included_usage", periodStart), periodAccountId(ctx.id, "plan_credits", periodStart)]);
  for (const id of sourceIds) {
    const s = sources.get(id)!;
    if (s.kind === "included" || s.kind === "plan_credits") {
      if (periodIds.has(s.accountId)) own.push(s);
    } else own.push(s);
  }
  let overage: RatingWallet["overage"] = null;
  if (rulesFor(plan).tracksOverage) {
    const id = periodAccountId(ctx.id, "overage", periodStart);
    const row = accounts.get(id);
    const accrued = row ? BigInt(row.posted_debits) + BigInt(row.pending_debits) - BigInt(row.posted_credits) : 0n;
    overage = { accountId: id, accruedMicros: accrued, capMicros: ctx.spendingCapMicros };
  }
  return { sources: own, overage };
}
