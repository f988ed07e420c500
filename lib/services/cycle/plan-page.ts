import "server-only";
// The portal's Plan page as it reads: the merchant's current plans in plain words, the account's
// own (grandfathered terms included), what a change would keep, and the pending change.
import { daysLeft, describeAllowance, prorationRule } from "@/lib/billing/proration";
import { formatMoney } from "@/lib/billing/money";
import { rulesFor } from "@/lib/billing/models";
import { describeAction, describePolicies } from "@/lib/billing/plans";
import { billingWords } from "@/lib/billing/words";
import { db } from "@/lib/db/client";
import { findPlanByCode, listPlans, type StoredPlan } from "@/lib/db/plans";
import { defaultCard } from "../payments/payment-methods";

import { dateOf, dunningText, keepsText, loadCtx } from "./plan-context";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { say } from "@/lib/i18n/say";

type PlanOption = {
  code: string;
  name: string;
  modelLabel: string;
  priceText: string;
  allowanceText: string;
  policies: string[];
  actions: string[];
  current: boolean;
  pending: boolean;
};

export type PlanPage = {
  current: {
    name: string;
    code: string;
    status: string;
    periodEndText: string;
    daysLeft: number;
    cancelAtPeriodEnd: boolean;
    canceled: boolean;
    pendingPlan: { code: string; name: string } | null;
    keepsText: string;
    /** On an older version of the plan: the terms they keep, next to what new subscribers pay. */
    grandfatheredText: string | null;
  } | null;
  card: { brand: string; last4: string } | null;
  plans: PlanOption[];
  rule: string[];
  /** What happens when a renewal payment fails, for the current plan (DESIGN §7). */
  dunningText: string | null;
};

function grandfathered(own: StoredPlan, latest: StoredPlan | null, f: (m: bigint) => string, locale: string): string | null {
  if (!latest || latest.id === own.id) return null;
  const t = billingWords(locale);
  if (own.priceMicros === latest.priceMicros) return t("grandfathered.terms", { plan: own.name });
  return t("grandfathered.termsPrice", { plan: own.name, price: f(own.priceMicros), newPrice: f(latest.priceMicros) });
}

/** Everything the Plan page shows. */
export async function getPlanPage(customerId: string, now = new Date()): Promise<PlanPage> {
  const ctx = await loadCtx(customerId);
  const customer = await db().customer.findUniqueOrThrow({ where: { id: customerId } });
  const locale = displayLocale(customer.locale);
  const card = await defaultCard(db(), customerId);
  // The plans offered, and the customer's own in place of its code's current version: a subscriber
  // on an older version keeps those terms and sees them (grandfathered), not the new ones.
  const own = "ok" in ctx ? null : ctx.plan;
  const plans = (await listPlans(db(), customer.merchantId))
    .map((p) => (own && p.code === own.code ? own : p))
    // A customer is billed in one currency: only plans in it are offered.
    .filter((p) => (p.active && p.currency === customer.currency) || p.id === own?.id);
  if (own && !plans.some((p) => p.id === own.id)) plans.push(own);
  const latest = own && !own.current ? await findPlanByCode(db(), customer.merchantId, own.code) : null;
  const f = (m: bigint) => formatMoney({ amount: m, asset: customer.currency }, { locale });
  const words = say(locale, "actions");
  const options: PlanOption[] = plans.map((p) => ({
    code: p.code,
    name: p.name,
    modelLabel: rulesFor(p).label,
    priceText: words("plan.pricePer", { price: f(p.priceMicros), months: p.intervalMonths }),
    allowanceText: describeAllowance(p, locale),
    policies: describePolicies(p, locale),
    actions: p.actions.map((a) => describeAction(p, a, locale)),
    current: !("ok" in ctx) && p.id === ctx.plan.id,
    pending: !("ok" in ctx) && p.id === ctx.sub.pendingPlanId,
  }));
  const date = dateOf(locale);
  return {
    current:
      "ok" in ctx
        ? null
        : {
            name: ctx.plan.name,
            code: ctx.plan.code,
            status: ctx.sub.status,
            periodEndText: date(ctx.sub.currentPeriodEnd),
            daysLeft: daysLeft(now, ctx.sub.currentPeriodEnd),
            cancelAtPeriodEnd: ctx.sub.cancelAtPeriodEnd,
            canceled: ctx.sub.status === "canceled",
            pendingPlan: ctx.sub.pendingPlan ? { code: ctx.sub.pendingPlan.code, name: ctx.sub.pendingPlan.name } : null,
            keepsText: keepsText(ctx.plan),
            grandfatheredText: grandfathered(ctx.plan, latest, f, locale),
          },
    card: card ? { brand: card.brand, last4: card.last4 } : null,
    plans: options,
    rule: prorationRule(locale),
    dunningText: "ok" in ctx ? null : await dunningText(ctx.plan.id, locale),
  };
}

