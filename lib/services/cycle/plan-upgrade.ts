import "server-only";
// Applying an immediate upgrade once it is paid — or at once when the pro-rated
// difference is under a cent. Called inside the transaction that credits the payment
// (payments.ts applyProviderState), so "charged" and "upgraded" happen together or not at all.
// The subscription row is locked (as changePlan does): two upgrades never interleave.
import { bucketAccountId, merchantAccountId } from "@/lib/billing/accounts";
import { rulesFor } from "@/lib/billing/models";
import { formatMoney } from "@/lib/billing/money";
import { getPlanOrThrow } from "@/lib/db/plans";
import { lockRow } from "@/lib/db/lock-row";
import type { Tx } from "@/lib/db/tx";
import type { AssetCode } from "@/lib/ledger/assets";
import type { LedgerRequest } from "@/lib/ledger";
import type { InvoiceLineInput } from "../invoices/invoices";
import { notify } from "../webhooks/notifications";
import { ensurePeriodAccounts } from "./subscriptions";
import { formatDate } from "@/lib/format/dates";

/** What an upgrade payment pays for (stored in Payment.details.plan_change). */
export type PlanChangeDetails = {
  fromPlanId: string;
  toPlanId: string;
  fromPlanName: string;
  toPlanName: string;
  periodStart: Date;
  periodEnd: Date;
  /** Pro-rated extra allowance for the rest of the period, in the plan's allowance asset. */
  extra: { asset: AssetCode; amount: bigint } | null;
};

export function planChangeToJson(c: PlanChangeDetails) {
  return {
    from_plan_id: c.fromPlanId,
    to_plan_id: c.toPlanId,
    from_plan_name: c.fromPlanName,
    to_plan_name: c.toPlanName,
    period_start: c.periodStart.toISOString(),
    period_end: c.periodEnd.toISOString(),
    extra_asset: c.extra?.asset ?? null,
    extra_amount: c.extra?.amount.toString() ?? null,
  };
}

export function parsePlanChange(json: unknown): PlanChangeDetails {
  const j = json as Record<string, string | null>;
  return {
    fromPlanId: String(j.from_plan_id),
    toPlanId: String(j.to_plan_id),
    fromPlanName: String(j.from_plan_name),
    toPlanName: String(j.to_plan_name),
    periodStart: new Date(String(j.period_start)),
    periodEnd: new Date(String(j.period_end)),
    extra: j.extra_asset && j.extra_amount ? { asset: j.extra_asset as AssetCode, amount: BigInt(j.extra_amount) } : null,
  };
}

const dateText = (d: Date, locale: string) => formatDate(d, locale);

export function planChangeInvoiceLines(c: PlanChangeDetails, amountMicros: bigint, locale: string): InvoiceLineInput[] {
  const extra = c.extra ? `, ${formatMoney({ amount: c.extra.amount, asset: c.extra.asset }, { locale })} added` : "";
  return [{
    description: `Upgrade from ${c.fromPlanName} to ${c.toPlanName}, pro-rated for the rest of the period to ${dateText(c.periodEnd, locale)}${extra}`,
    quantity: 1n,
    unitLabel: "upgrade",
    unitPriceMicros: amountMicros,
    amountMicros,
    refs: { from_plan: c.fromPlanId, to_plan: c.toPlanId, period_start: c.periodStart.toISOString() },
  }];
}

/**
 * Switch the subscription (and its current period) to the new plan and return the ledger grant of
 * the extra allowance. Idempotent: the grant id derives from `key` (the payment id), and a
 * subscription already on the new plan is left alone. When the period the upgrade was priced for
 * is over (a payment that settled late), the new plan still applies, without the extra allowance.
 */
export async function applyUpgradeInTx(
  tx: Tx,
  args: { customerId: string; merchantId: string; key: string; change: PlanChangeDetails; refs: Record<string, string>; now: Date },
): Promise<LedgerRequest[]> {
  const { change, customerId } = args;
  await lockRow(tx, "subscriptionOfCustomer", customerId);
  const sub = await tx.subscription.findUniqueOrThrow({ where: { customerId } });
  if (sub.planId === change.toPlanId) return [];
  const samePeriod = sub.currentPeriodStart.getTime() === change.periodStart.getTime();
  const plan = await getPlanOrThrow(tx, change.toPlanId);
  // A scheduled downgrade or cancel is replaced by the upgrade the customer just paid for.
  await tx.subscription.update({ where: { id: sub.id }, data: { planId: plan.id, pendingPlanId: null } });
  if (!samePeriod) return [];
  // Usage from now on is rated by the period's plan: the new one.
  await tx.billingPeriod.updateMany({ where: { subscriptionId: sub.id, periodStart: change.periodStart }, data: { planId: plan.id } });
  const customer = { id: customerId, merchantId: args.merchantId };
  await ensurePeriodAccounts(tx, customer, plan, change.periodStart);
  if (!change.extra || change.extra.amount <= 0n) return [];
  const m = (n: Parameters<typeof merchantAccountId>[1]) => merchantAccountId(args.merchantId, n, plan.currency);
  const common = {
    op: "transfer" as const,
    id: `grant:upgrade:${args.key}`,
    kind: "grant" as const,
    customerId,
    asset: change.extra.asset,
    amount: change.extra.amount,
    refs: { ...args.refs, plan: plan.code, period_start: change.periodStart.toISOString() },
    reason: `Upgrade to ${plan.name}: extra allowance for the rest of the period`,
  };
  const rules = rulesFor(plan);
  return [{ ...common, debitAccountId: m(rules.upgradeGrantFrom), creditAccountId: bucketAccountId(customerId, rules.grantTo, change.periodStart) }];
}

/** The `subscription.updated` notification of an applied upgrade (once per payment / request). */
export async function notifyUpgraded(
  tx: Tx,
  args: { customerId: string; key: string; change: PlanChangeDetails; paidText: string | null; invoiceNumber: string | null; now: Date },
) {
  const c = args.change;
  await notify(tx, {
    customerId: args.customerId,
    type: "subscription.updated",
    dedupeKey: `subscription.updated:upgrade:${args.key}`,
    title: `Upgraded to ${c.toPlanName}`,
    body:
      `You moved from ${c.fromPlanName} to ${c.toPlanName}; it applies now.` +
      (args.paidText ? ` Paid ${args.paidText} for the rest of this period${args.invoiceNumber ? ` (invoice ${args.invoiceNumber})` : ""}.` : " Nothing was charged for the rest of this period."),
    data: { change: "upgrade", from_plan: c.fromPlanId, to_plan: c.toPlanId, effective_at: args.now.toISOString(), invoice_number: args.invoiceNumber },
    now: args.now,
  });
}
