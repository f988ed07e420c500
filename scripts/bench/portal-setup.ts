// The portal bench's data: the demo, ~1,000,000 ledger transfers for the measured customer (bulk
// SQL that keeps every account total consistent; ledger:check runs after), and the signed-in users
// of that account, one next-auth session cookie each.
import { encode } from "next-auth/jwt";
import { periodAccountId, merchantAccountId } from "@/lib/billing/accounts";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { addMember } from "@/lib/services/customers";
import { DEMO_MERCHANT_ID, seedDemo } from "@/lib/services/catalog";
import { fmt } from "./support";

export const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 1_000_000);
export const CUSTOMER = "cus_demo_pixel";
export const SECRET = "bench-secret-not-for-production-0123456789";

/** Seeds the demo and adds TRANSFERS transfers to CUSTOMER; returns how many the customer has. */
export async function seedHistory(db: DbHandle, log: (s: string) => void): Promise<string> {
  await seedDemo({ client: db.prisma });
  const sub = await db.prisma.subscription.findUniqueOrThrow({ where: { customerId: CUSTOMER } });
  const wallet = periodAccountId(CUSTOMER, "plan_credits", sub.currentPeriodStart);

  log(`adding ${fmt(TRANSFERS)} ledger transfers to ${CUSTOMER}…`);
  const fillStarted = Date.now();
  const half = Math.floor(TRANSFERS / 2);
  await db.raw.exec("BEGIN");
  // Half credit the wallet (adjustments), half spend it (usage): its balance is unchanged and
  // every account total stays the sum of its transfers. Spread over the past year.
  await db.raw.query(
    `INSERT INTO ledger_transfers (id, debit_account_id, credit_account_id, asset, amount, kind, phase, customer_id, refs, reason, effective_at)
     SELECT 'bench-' || g,
            CASE WHEN g % 2 = 0 THEN $2 ELSE $1 END, CASE WHEN g % 2 = 0 THEN $1 ELSE $3 END,
            'CREDIT', 1000, (CASE WHEN g % 2 = 0 THEN 'adjustment' ELSE 'usage' END)::"TransferKind", 'single', $4,
            CASE WHEN g % 2 = 0 THEN '{}'::jsonb ELSE '{"action":"image_generation","quantity":"1","events":1}'::jsonb END,
            CASE WHEN g % 2 = 0 THEN 'Bench credit' END,
            now() - make_interval(secs => ($5 - g) * 30)
       FROM generate_series(1, $5) g`,
    [wallet, merchantAccountId(DEMO_MERCHANT_ID, "credits_issued"), merchantAccountId(DEMO_MERCHANT_ID, "credits_used"), CUSTOMER, half * 2],
  );
  await db.raw.query(`UPDATE ledger_accounts SET posted_credits = posted_credits + $2::bigint * 1000, posted_debits = posted_debits + $2::bigint * 1000 WHERE id = $1`, [wallet, half]);
  await db.raw.query(`UPDATE ledger_accounts SET posted_debits = posted_debits + $2::bigint * 1000 WHERE id = $1`, [merchantAccountId(DEMO_MERCHANT_ID, "credits_issued"), half]);
  await db.raw.query(`UPDATE ledger_accounts SET posted_credits = posted_credits + $2::bigint * 1000 WHERE id = $1`, [merchantAccountId(DEMO_MERCHANT_ID, "credits_used"), half]);
  await db.raw.exec("COMMIT");
  await db.raw.exec("VACUUM ANALYZE");
  const [{ n: customerRows }] = (await db.raw.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_transfers WHERE customer_id = $1`, [CUSTOMER])) as [{ n: string }];
  log(`  ${fmt(Number(customerRows))} transfers for the customer (${((Date.now() - fillStarted) / 1000).toFixed(0)} s)`);
  return customerRows;
}

/** `users` members of the measured account, each with their own session cookie. */
export async function signInUsers(users: number): Promise<string[]> {
  const cookies: string[] = [];
  await transaction(async (tx) => {
    for (let i = 0; i < users; i++) {
      const { user } = await addMember(tx, { customerId: CUSTOMER, email: `bench-user-${i}@bench.example`, role: i % 5 === 0 ? "owner" : "viewer" });
      const token = await encode({ token: { sub: user.id, email: user.email, customerId: CUSTOMER }, secret: SECRET });
      cookies.push(`next-auth.session-token=${token}`);
    }
  });
  return cookies;
}
