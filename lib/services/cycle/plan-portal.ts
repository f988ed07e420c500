import "server-only";
// The portal's Plan page: the merchant's plans in plain words, a preview of a
// change (what changes, what it costs now and from the next renewal), and the changes themselves:
//   • an upgrade within the same consumption model applies now; the pro-rated difference (plus
//     tax) is charged to the saved card through the payments service under a key derived from the
//     customer's form — a double submit charges once — and the plan switches in the transaction
//     that credits the payment (payments.ts → plan-upgrade.ts); a decline changes nothing;
//   • a downgrade, a same-price plan or another consumption model is scheduled for the period end
//     (changePlan), and can be undone until then;
//   • cancel at period end, and resume before it ends.
// Every change locks the subscription row and notifies `subscription.updated` once.
import { chargeNow, daysLeft, describePlanChange, previewPlanChange, type ChangePreview } from "@/lib/billing/proration";
import { formatCents, formatMoney } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { lockRow } from "@/lib/db/lock-row";
import type { Prisma } from "@/lib/db/generated/client";
import { findPlanByCode, type StoredPlan } from "@/lib/db/plans";
import { transaction } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { actionWords } from "@/lib/i18n/action-words";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { say } from "@/lib/i18n/say";
import { activeProvider } from "@/lib/payments";
import { notify } from "../webhooks/notifications";
import { defaultCard } from "../payments/payment-methods";
import { detailsToJson, parseDetails, type PaymentDetails } from "../payments/payment-details";
import { paymentView, type PaymentView } from "../payments/payment-view";
import { changePlan } from "./plan-change";
import { applyUpgradeInTx, notifyUpgraded, type PlanChangeDetails } from "./plan-upgrade";
import { applyLedgerBatch, transferOrThrow } from "../ledger/ledger";
import { chargePayment, resumePayment } from "../payments/purchases";
import { cardProblem, FORM_KEY_PATTERN } from "../payments/purchase-pricing";
import { getWallet } from "../usage/wallet";

export type PreviewView = {
  planCode: string;
  planName: string;
  kind: "now" | "period_end";
  effectiveText: string;
  changes: string[];
  /** What is charged now (null when nothing is). */
  now: { subtotalText: string; taxText: string; totalText: string; totalCents: string; daysLeft: number } | null;
  nextRenewalText: string;
  card: { brand: string; last4: string } | null;
};


import { dateOf, keepsText, loadCtx, type Ctx, type PlanError } from "./plan-context";

/** Notifications are recorded in English: they are also the merchant's webhook events. */
const ENGLISH = DEFAULT_LOCALE;

type Priced = { ctx: Ctx; to: StoredPlan; preview: Exclude<ChangePreview, { kind: "refused" }>; view: PreviewView };

async function priceChange(customerId: string, planCode: string, now: Date): Promise<Priced | PlanError> {
  const ctx = await loadCtx(customerId);
  if ("ok" in ctx) return ctx;
  const { sub, plan, customer } = ctx;
  const t = actionWords();
  if (sub.status === "canceled") return { ok: false, code: "subscription_canceled", message: t("plan.ended") };
  if (sub.cancelAtPeriodEnd) return { ok: false, code: "cancel_scheduled", message: t("plan.cancelScheduled", { date: dateOf(customer.locale)(sub.currentPeriodEnd) }) };
  const to = await findPlanByCode(db(), customer.merchantId, planCode);
  if (!to || !to.active || to.currency !== customer.currency) return { ok: false, code: "unknown_plan", message: t("plan.notOffered") };
  // a newer version of the same plan is not a plan change: the customer keeps the terms they have
  if (to.id === plan.id || to.code === plan.code) return { ok: false, code: "same_plan", message: t("plan.already", { plan: plan.name }) };
  const preview = previewPlanChange({ from: plan, to, periodStart: sub.currentPeriodStart, periodEnd: sub.currentPeriodEnd, at: now });
  if (preview.kind === "refused") return { ok: false, code: "period_over", message: t("plan.renewing") };
  // An upgrade charges the card now: not while the last invoice is unpaid (a scheduled change is fine).
  if (preview.kind === "now" && (sub.status === "past_due" || sub.status === "suspended")) {
    return { ok: false, code: "payment_overdue", message: t("plan.overdue") };
  }
  const wallet = await getWallet(customerId, { now });
  const held = {
    purchasedCredits: wallet?.buckets.filter((b) => b.bucket === "purchased_credits").reduce((s, b) => s + b.available, 0n),
    balanceMicros: wallet?.buckets.find((b) => b.bucket === "balance")?.available,
  };
  const card = await defaultCard(db(), customerId);
  const locale = customer.locale;
  const date = dateOf(locale);
  const money = (m: bigint) => formatMoney({ amount: m, asset: customer.currency }, { locale });
  const charge = chargeNow(preview, ctx.taxRateBps, customer.currency);
  const view: PreviewView = {
    planCode: to.code,
    planName: to.name,
    kind: preview.kind,
    effectiveText: preview.kind === "now" ? t("plan.appliesNow") : t("plan.appliesOn", { date: date(preview.effectiveAt) }),
    changes: describePlanChange({ from: plan, to, preview, held, locale }),
    now: charge
      ? {
          subtotalText: money(charge.subtotalMicros),
          taxText: money(charge.taxMicros),
          totalText: formatCents(charge.totalCents, { locale, currency: customer.currency }),
          totalCents: charge.totalCents.toString(),
          daysLeft: daysLeft(now, sub.currentPeriodEnd),
        }
      : null,
    nextRenewalText: t("plan.nextRenewal", { date: date(sub.currentPeriodEnd), price: money(to.priceMicros), months: to.intervalMonths }),
    card: card ? { brand: card.brand, last4: card.last4 } : null,
  };
  return { ctx, to, preview, view };
}

/** What choosing `planCode` would change and cost (priced on the server; nothing is written). */
export async function previewChange(customerId: string, planCode: string, now = new Date()): Promise<{ ok: true; preview: PreviewView } | PlanError> {
  const priced = await priceChange(customerId, planCode, now);
  return "ok" in priced ? priced : { ok: true, preview: priced.view };
}

type ChangeResult =
  | { ok: true; result: "upgraded" | "scheduled" | "unchanged"; message: string; payment: PaymentView | null }
  | PlanError;

function planChangeKey(customerId: string, formKey: string) {
  return `plan_change:${customerId}:${formKey}`;
}

/** Choose a plan: upgrade now (charged), or schedule the change for the period end. */
export async function applyChange(
  input: { customerId: string; planCode: string; formKey: string; expectedTotalCents?: bigint },
  now = new Date(),
): Promise<ChangeResult> {
  const t = actionWords();
  if (!FORM_KEY_PATTERN.test(input.formKey)) return { ok: false, code: "invalid_request", message: t("form.expired") };
  const key = planChangeKey(input.customerId, input.formKey);
  // A repeat of a request already made (double click, refresh): its payment, as it stands.
  const repeat = await db().payment.findUnique({ where: { idempotencyKey: key } });
  if (repeat) {
    if (repeat.customerId !== input.customerId) throw new Error("Idempotency key of another customer");
    const asked = await findPlanByCode(db(), repeat.merchantId, input.planCode);
    if (parseDetails(repeat.details).planChange?.toPlanId !== asked?.id) {
      return { ok: false, code: "invalid_request", message: t("plan.formUsed") };
    }
    const settled = await resumePayment(repeat, now);
    return settledOutcome(settled, await paymentView(settled));
  }
  const priced = await priceChange(input.customerId, input.planCode, now);
  if ("ok" in priced) {
    // The same form submitted again after the upgrade it made: nothing more to do.
    if (priced.code === "same_plan") return { ok: true, result: "unchanged", message: priced.message, payment: null };
    return priced;
  }
  const { ctx, to, preview, view } = priced;

  if (preview.kind === "period_end") {
    return transaction(async (tx) => {
      const r = await changePlan(tx, { merchantId: ctx.customer.merchantId, customerId: ctx.customer.id, planCode: to.code, now });
      if (r.result !== "scheduled") return { ok: true as const, result: "unchanged" as const, message: r.message, payment: null };
      await notify(tx, {
        customerId: ctx.customer.id,
        type: "subscription.updated",
        dedupeKey: `subscription.updated:schedule:${input.formKey}`,
        // recorded in English (the merchant's webhook); the portal words it in the reader's language
        title: `Plan change to ${to.name} scheduled`,
        body: `You move from ${ctx.plan.name} to ${to.name} on ${dateOf(ENGLISH)(r.effectiveAt)}. Until then nothing changes. You can undo this on the Plan page.`,
        data: { change: "scheduled", from_plan: ctx.plan.code, to_plan: to.code, effective_at: r.effectiveAt.toISOString() },
        now,
      });
      return { ok: true as const, result: "scheduled" as const, message: t("plan.scheduled", { to: to.name, date: dateOf(ctx.customer.locale)(r.effectiveAt), from: ctx.plan.name }), payment: null };
    });
  }

  const charge = chargeNow(preview, ctx.taxRateBps, ctx.customer.currency)!;
  if (input.expectedTotalCents !== undefined && input.expectedTotalCents !== charge.totalCents) {
    return { ok: false, code: "price_changed", message: t("plan.priceChanged", { total: view.now?.totalText ?? "" }) };
  }
  const change: PlanChangeDetails = {
    fromPlanId: ctx.plan.id,
    toPlanId: to.id,
    fromPlanName: ctx.plan.name,
    toPlanName: to.name,
    periodStart: ctx.sub.currentPeriodStart,
    periodEnd: ctx.sub.currentPeriodEnd,
    extra: preview.extraAllowance,
  };

  if (charge.totalCents === 0n) {
    // Under a cent for the rest of the period: applied at once, nothing to charge.
    await transaction(async (tx) => {
      const requests = await applyUpgradeInTx(tx, { customerId: ctx.customer.id, merchantId: ctx.customer.merchantId, key: `free:${input.formKey}`, change, refs: {}, now });
      (await applyLedgerBatch(tx, requests, now)).results.forEach(transferOrThrow);
      await notifyUpgraded(tx, { customerId: ctx.customer.id, key: `free:${input.formKey}`, change, paidText: null, invoiceNumber: null, now });
    });
    return { ok: true, result: "upgraded", message: t("plan.upgradedFree", { plan: to.name }), payment: null };
  }

  const card = await defaultCard(db(), ctx.customer.id);
  const problem = cardProblem(card, now, "upgrade");
  if (problem) return problem;

  const details: PaymentDetails = {
    kind: "plan_change",
    description: `Upgrade from ${ctx.plan.name} to ${to.name} for the rest of the period`,
    subtotalMicros: charge.subtotalMicros,
    taxMicros: charge.taxMicros,
    taxRateBps: ctx.taxRateBps,
    packCode: null,
    packName: null,
    creditsMilli: null,
    expiryMonths: null,
    automatic: false,
    planChange: change,
  };
  // Place the payment with the subscription locked: two tabs (two form keys) submitting at once
  // are seen one after the other — the second finds the first still charging.
  const placed = await transaction(async (tx): Promise<{ id: string; created: boolean } | PlanError> => {
    await lockRow(tx, "subscriptionOfCustomer", ctx.customer.id);
    const existing = await tx.payment.findUnique({ where: { idempotencyKey: key } });
    if (existing) return { id: existing.id, created: false };
    const sub = await tx.subscription.findUniqueOrThrow({ where: { customerId: ctx.customer.id } });
    if (sub.planId !== ctx.plan.id) return { ok: false, code: "same_plan", message: t("plan.justChanged") };
    const inFlight = await tx.payment.findFirst({
      where: {
        customerId: ctx.customer.id,
        purpose: "subscription",
        details: { path: ["kind"], equals: "plan_change" },
        status: { in: ["processing", "requires_action"] },
        createdAt: { gte: new Date(now.getTime() - 15 * 60_000) },
      },
    });
    if (inFlight) return { ok: false, code: "change_pending", message: t("plan.changePending"), paymentId: inFlight.id };
    const payment = await tx.payment.create({
      data: {
        id: newId("pay"),
        merchantId: ctx.customer.merchantId,
        customerId: ctx.customer.id,
        idempotencyKey: key,
        provider: activeProvider(),
        paymentMethodId: card!.id,
        purpose: "subscription",
        details: detailsToJson(details) as Prisma.InputJsonValue,
        amountCents: charge.totalCents,
        currency: ctx.customer.currency,
        status: "processing",
        createdAt: now,
      },
    });
    return { id: payment.id, created: true };
  });
  if ("ok" in placed) return placed;
  const paid = placed.created
    ? await chargePayment(placed.id, { offSession: false, now })
    : await resumePayment(await db().payment.findUniqueOrThrow({ where: { id: placed.id } }), now);
  return settledOutcome(paid, await paymentView(paid));
}

function settledOutcome(paid: { id: string; status: string }, payment: PaymentView): ChangeResult {
  if (paid.status === "failed" || paid.status === "canceled") {
    return { ok: false, code: "card_declined", message: actionWords()("plan.notChanged", { reason: payment.message }), paymentId: paid.id };
  }
  return { ok: true, result: paid.status === "succeeded" ? "upgraded" : "unchanged", message: payment.message, payment };
}

/** Keep the current plan: drop a change scheduled for the period end. */
export async function keepCurrentPlan(customerId: string, formKey: string, now = new Date()): Promise<ChangeResult> {
  return transaction(async (tx) => {
    const ctx = await loadCtx(customerId, tx);
    if ("ok" in ctx) return ctx;
    const r = await changePlan(tx, { merchantId: ctx.customer.merchantId, customerId, planCode: ctx.plan.code, now });
    const t = actionWords();
    if (r.result !== "scheduled_change_canceled") return { ok: true as const, result: "unchanged" as const, message: t("plan.stay", { plan: ctx.plan.name }), payment: null };
    await notify(tx, {
      customerId,
      type: "subscription.updated",
      dedupeKey: `subscription.updated:keep:${formKey}`,
      title: `Staying on ${ctx.plan.name}`,
      body: `The change to ${ctx.sub.pendingPlan?.name ?? "another plan"} is canceled; you stay on ${ctx.plan.name}.`,
      data: { change: "scheduled_change_canceled", plan: ctx.plan.code },
      now,
    });
    const pending = ctx.sub.pendingPlan?.name;
    const message = pending ? t("plan.stayDropped", { plan: ctx.plan.name, pending }) : t("plan.stayDroppedOther", { plan: ctx.plan.name });
    return { ok: true as const, result: "scheduled" as const, message, payment: null };
  });
}

type CancelResult = { ok: true; changed: boolean; message: string } | PlanError;

/** Cancel at the end of the period (a scheduled plan change is dropped with it). */
export async function cancelAtPeriodEnd(customerId: string, formKey: string, now = new Date()): Promise<CancelResult> {
  return transaction(async (tx) => {
    await lockRow(tx, "subscriptionOfCustomer", customerId);
    const ctx = await loadCtx(customerId, tx);
    if ("ok" in ctx) return ctx;
    const { sub, plan, customer } = ctx;
    const t = actionWords();
    // the answer in the portal's language; the notification in English (the merchant's webhook)
    const ends = (words: typeof t, locale: string) => {
      const end = dateOf(locale)(sub.currentPeriodEnd);
      return words("plan.ends", { plan: plan.name, end, model: plan.model, keeps: keepsText(plan) });
    };
    const message = ends(t, customer.locale);
    if (sub.status === "canceled") return { ok: false as const, code: "subscription_canceled" as const, message: t("plan.alreadyEnded") };
    if (sub.currentPeriodEnd.getTime() <= now.getTime()) return { ok: false as const, code: "period_over" as const, message: t("plan.renewing") };
    if (sub.cancelAtPeriodEnd) return { ok: true as const, changed: false, message };
    await tx.subscription.update({ where: { id: sub.id }, data: { cancelAtPeriodEnd: true, pendingPlanId: null } });
    await notify(tx, {
      customerId,
      type: "subscription.updated",
      dedupeKey: `subscription.updated:cancel:${formKey}`,
      title: "Plan set to end",
      body: ends(say(ENGLISH, "actions"), ENGLISH),
      data: { change: "cancel_at_period_end", plan: plan.code, ends_at: sub.currentPeriodEnd.toISOString() },
      now,
    });
    return { ok: true as const, changed: true, message };
  });
}

/** Resume a subscription set to end, before it ends. */
export async function resumeSubscription(customerId: string, formKey: string, now = new Date()): Promise<CancelResult> {
  return transaction(async (tx) => {
    await lockRow(tx, "subscriptionOfCustomer", customerId);
    const ctx = await loadCtx(customerId, tx);
    if ("ok" in ctx) return ctx;
    const { sub, plan, customer } = ctx;
    const t = actionWords();
    if (sub.status === "canceled" || sub.currentPeriodEnd.getTime() <= now.getTime()) {
      return { ok: false as const, code: "subscription_canceled" as const, message: t("plan.cannotResume") };
    }
    const continues = (words: typeof t, locale: string) => words("plan.continues", { plan: plan.name, date: dateOf(locale)(sub.currentPeriodEnd) });
    const message = continues(t, customer.locale);
    if (!sub.cancelAtPeriodEnd) return { ok: true as const, changed: false, message };
    await tx.subscription.update({ where: { id: sub.id }, data: { cancelAtPeriodEnd: false } });
    await notify(tx, {
      customerId,
      type: "subscription.updated",
      dedupeKey: `subscription.updated:resume:${formKey}`,
      title: "Plan resumed",
      body: continues(say(ENGLISH, "actions"), ENGLISH),
      data: { change: "resumed", plan: plan.code, renews_at: sub.currentPeriodEnd.toISOString() },
      now,
    });
    return { ok: true as const, changed: true, message };
  });
}
