import "server-only";
// What every Plan-page read and change starts from: the account's subscription, plan and tax rate,
// and the refusals they share.
import { dunningRuleWords } from "@/lib/billing/renewal";
import { rulesFor } from "@/lib/billing/models";
import type { PlanDef } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { getPlanOrThrow, type StoredPlan } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import { formatDate } from "@/lib/format/dates";
import { actionWords } from "@/lib/i18n/action-words";
import { displayLocale } from "@/lib/i18n/locale-scope";

type PlanErrorCode =
  | "invalid_request"
  | "no_subscription"
  | "subscription_canceled"
  | "cancel_scheduled"
  | "payment_overdue"
  | "unknown_plan"
  | "same_plan"
  | "period_over"
  | "no_payment_method"
  | "card_expired"
  | "price_changed"
  | "change_pending"
  | "card_declined";

export type PlanError = { ok: false; code: PlanErrorCode; message: string; paymentId?: string };

export type Ctx = {
  customer: { id: string; merchantId: string; name: string; locale: string; currency: string };
  sub: NonNullable<Awaited<ReturnType<typeof loadSub>>>;
  plan: StoredPlan;
  taxRateBps: number;
};

async function loadSub(client: Tx, customerId: string) {
  return client.subscription.findUnique({ where: { customerId }, include: { pendingPlan: true } });
}

export async function loadCtx(customerId: string, client: Tx = db()): Promise<Ctx | PlanError> {
  const customer = await client.customer.findUnique({ where: { id: customerId }, include: { merchant: true } });
  const sub = customer ? await loadSub(client, customerId) : null;
  if (!customer || !sub) return { ok: false, code: "no_subscription", message: actionWords()("plan.none") };
  return {
    customer: { id: customer.id, merchantId: customer.merchantId, name: customer.name, locale: displayLocale(customer.locale), currency: customer.currency },
    sub,
    plan: await getPlanOrThrow(client, sub.planId),
    taxRateBps: customer.merchant.taxRateBps,
  };
}

export async function dunningText(planId: string, locale = "en-US"): Promise<string | null> {
  const row = await db().plan.findUnique({ where: { id: planId }, select: { dunningRule: true, dunningRetryDays: true } });
  return row ? dunningRuleWords(row.dunningRule, row.dunningRetryDays, locale) : null;
}

export const dateOf = (locale: string) => (d: Date) => formatDate(d, locale);

export function keepsText(plan: PlanDef): string {
  return rulesFor(plan).keepsWords;
}
