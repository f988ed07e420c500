import "server-only";
// Starting or changing a customer's plan (POST /api/v1/customers/{id}/subscription; the portal's
// plan page reuses it). The rule:
//   - no subscription yet → it starts now on the plan (first period, wallet, allowance);
//   - a different plan → scheduled for the start of the next period (Subscription.pendingPlanId,
//     applied by rollSubscription when that period opens): the current period keeps the plan it
//     was sold with — its allowance, prices and overage — so nothing is prorated or re-rated;
//   - the current plan while a change is scheduled → the scheduled change is dropped;
//   - a canceled subscription cannot be changed.
import { findPlanByCode } from "@/lib/db/plans";
import { lockRow } from "@/lib/db/lock-row";
import type { Tx } from "@/lib/db/tx";
import { actionWords } from "@/lib/i18n/action-words";
import { ServiceError } from "../shared/errors";
import { startSubscription, rollSubscription } from "./subscriptions";

type PlanChangeResult = "started" | "scheduled" | "unchanged" | "scheduled_change_canceled";

export class PlanChangeError extends Error {
  readonly code = "subscription_canceled";
  constructor(message: string) {
    super(message);
    this.name = "PlanChangeError";
  }
}

export async function changePlan(
  tx: Tx,
  args: { merchantId: string; customerId: string; planCode: string; now: Date },
): Promise<{ result: PlanChangeResult; effectiveAt: Date; message: string }> {
  const plan = await findPlanByCode(tx, args.merchantId, args.planCode);
  if (!plan || !plan.active) throw new ServiceError("plan_not_found", `No plan with code "${args.planCode}".`, "plan");
  const customer = await tx.customer.findFirst({ where: { id: args.customerId, merchantId: args.merchantId } });
  if (!customer) throw new ServiceError("customer_not_found", `No customer "${args.customerId}".`);
  if (plan.currency !== customer.currency) {
    throw new ServiceError("invalid_input", `${plan.code} is billed in ${plan.currency} but ${customer.name} is billed in ${customer.currency}: a customer keeps one currency (create a new customer to bill in another).`, "plan");
  }
  // Lock the subscription row: two changes at once apply one after the other.
  await lockRow(tx, "subscriptionOfCustomer", customer.id);
  // the portal's plan page hears these in its language; the API (no locale scope) in English
  const t = actionWords();
  let sub = await tx.subscription.findUnique({ where: { customerId: customer.id }, include: { plan: true, pendingPlan: true } });
  if (!sub) {
    await startSubscription(tx, { customer, plan, anchorAt: args.now, now: args.now });
    return { result: "started", effectiveAt: args.now, message: t("subscription.started", { customer: customer.name, plan: plan.name }) };
  }
  if (sub.status === "canceled") throw new PlanChangeError(`The subscription of ${customer.name} is canceled; it cannot change plan.`);
  // "The next period" is the one after the period running now.
  if (sub.currentPeriodEnd.getTime() <= args.now.getTime()) {
    await rollSubscription(tx, sub.id, args.now);
    sub = await tx.subscription.findUniqueOrThrow({ where: { id: sub.id }, include: { plan: true, pendingPlan: true } });
  }
  const at = sub.currentPeriodEnd;
  // the same plan code is the same plan, whichever version the subscriber is on (they keep theirs)
  if (plan.id === sub.planId || plan.code === sub.plan.code) {
    if (sub.pendingPlanId) {
      await tx.subscription.update({ where: { id: sub.id }, data: { pendingPlanId: null } });
      return {
        result: "scheduled_change_canceled",
        effectiveAt: args.now,
        message: sub.pendingPlan
          ? t("subscription.stays", { customer: customer.name, plan: plan.name, pending: sub.pendingPlan.name })
          : t("subscription.staysOther", { customer: customer.name, plan: plan.name }),
      };
    }
    return { result: "unchanged", effectiveAt: args.now, message: t("subscription.already", { customer: customer.name, plan: sub.plan.name }) };
  }
  if (sub.pendingPlanId !== plan.id) await tx.subscription.update({ where: { id: sub.id }, data: { pendingPlanId: plan.id } });
  return {
    result: "scheduled",
    effectiveAt: at,
    message: t("subscription.moves", { customer: customer.name, from: sub.plan.name, to: plan.name, date: at.toISOString() }),
  };
}
