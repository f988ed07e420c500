// One way to take a row lock for the rest of the transaction (SELECT … FOR UPDATE): two requests
// that change the same customer, subscription, payment, invoice, period or hold run one after the
// other. The tables and the column each is locked by are fixed here, so no caller writes SQL.
// (Batch claims — jobs, expiring holds — use FOR UPDATE SKIP LOCKED in their own queries; ledger
// accounts are locked many at once in id order by lib/db/ledger-store.ts.)
import type { Tx } from "./tx";

const LOCKS = {
  customer: { table: "customers", by: "id" },
  subscriptionOfCustomer: { table: "subscriptions", by: "customer_id" },
  payment: { table: "payments", by: "id" },
  invoice: { table: "invoices", by: "id" },
  billingPeriod: { table: "billing_periods", by: "id" },
  hold: { table: "holds", by: "id" },
} as const;

type LockTarget = keyof typeof LOCKS;

/**
 * Lock the row of `target` whose key is `key` (and, with `merchantId`, only when it is that
 * merchant's) until the transaction ends. Returns whether there was such a row.
 */
export async function lockRow(tx: Tx, target: LockTarget, key: string, opts: { merchantId?: string } = {}): Promise<boolean> {
  const { table, by } = LOCKS[target];
  const rows = opts.merchantId
    ? await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM ${table} WHERE ${by} = $1 AND merchant_id = $2 FOR UPDATE`, key, opts.merchantId)
    : await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM ${table} WHERE ${by} = $1 FOR UPDATE`, key);
  return rows.length > 0;
}
