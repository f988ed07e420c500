// Usage across months for the partitioning and archive tests: a merchant with a Metered and a
// Balance customer anchored on the 1st of January 2028 (so billing periods are calendar months),
// usage recorded at its own time, and the billing cycle run past each period's end and grace.
import { DEMO_PLANS } from "@/lib/billing/plans";
import { transaction } from "@/lib/db/tx";
import type { PrismaClient } from "@/lib/db/generated/client";
import { ensureAssets, ensureMerchantAccounts, upsertPlan } from "@/lib/services/catalog/catalog";
import { runBillingCycle } from "@/lib/services/cycle/billing-cycle";
import { createCustomer } from "@/lib/services/customers/customers";
import { seedDemoCard } from "@/lib/services/payments/payment-methods";
import { recordUsage } from "@/lib/services/usage/usage";

export const MONTHS_MER = "mer_months";
const ANCHOR = new Date("2028-01-01T00:00:00Z");

export async function seedMonths(): Promise<void> {
  await transaction(async (tx) => {
    await ensureAssets(tx);
    await tx.merchant.create({ data: { id: MONTHS_MER, name: "Months", taxRateBps: 0 } });
    await ensureMerchantAccounts(tx, MONTHS_MER);
    for (const p of DEMO_PLANS) await upsertPlan(tx, MONTHS_MER, p);
    for (const [id, plan] of [["cus_m_met", "api_pro"], ["cus_m_bal", "platform"]] as const) {
      await createCustomer(tx, { id, merchantId: MONTHS_MER, externalId: id, name: id, email: `${id}@m.example`, planCode: plan, anchorAt: ANCHOR, now: ANCHOR });
      await seedDemoCard(tx, { id, email: `${id}@m.example`, name: id }, ANCHOR);
    }
  });
}

/** One event of each customer on day 10 of the month (recorded then), ids `<prefix>-met` / `<prefix>-bal`. */
export async function useInMonth(month: string, prefix: string) {
  const at = new Date(`${month}-10T12:00:00Z`);
  return recordUsage(
    MONTHS_MER,
    [
      { id: `${prefix}-met`, customer: "cus_m_met", action: "api_call", quantity: 100n, timestamp: at },
      { id: `${prefix}-bal`, customer: "cus_m_bal", action: "build_minute", quantity: 10n, timestamp: at },
    ],
    { now: new Date(at.getTime() + 1_000) },
  );
}

/** Close and invoice the periods that end on the 1st of `month` (run past the Metered grace window). */
export async function closeBefore(month: string) {
  await runBillingCycle(new Date(Date.parse(`${month}-01T00:00:00Z`) + 2 * 86_400_000));
}

/** Which table holds each event id's row (the month partition). */
export async function partitionsOf(prisma: PrismaClient): Promise<Record<string, string>> {
  const rows = await prisma.$queryRawUnsafe<{ event_id: string; part: string }[]>(`SELECT event_id, tableoid::regclass::text AS part FROM usage_events ORDER BY event_id`);
  return Object.fromEntries(rows.map((r) => [r.event_id, r.part]));
}
