import "server-only";
// Subscriptions and the ledger side of their periods. A period is *opened* when it starts (its
// accounts and grants: included units, plan credits, balance) and *closed* after its grace
// window (what is left of its allowance expires or rolls over). Every transfer id is derived
// from the subscription and the period, so a period is granted or expired once, however often
// this runs and on however many workers.
import { failpoint } from "@/lib/faults/failpoints";
import { bucketAccountId, merchantAccountId, periodAccountId, walletAccountId, walletAccountsFor } from "@/lib/billing/accounts";
import { rulesFor } from "@/lib/billing/models";
import { periodAt } from "@/lib/billing/periods";
import type { StoredPlan } from "@/lib/db/plans";
import { getPlanOrThrow } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { balanceOf, type LedgerRequest } from "@/lib/ledger";
import { applyLedgerBatch, transferOrThrow } from "../ledger/ledger";
import { notify } from "../webhooks/notifications";
import { assetIn } from "@/lib/billing/terms";

type CustomerRef = { id: string; merchantId: string };

/** Create the customer's wallet accounts for a plan in a period (idempotent). */
export async function ensurePeriodAccounts(tx: Tx, customer: CustomerRef, plan: StoredPlan, periodStart: Date) {
  await tx.ledgerAccount.createMany({
    data: walletAccountsFor(plan.model).map((spec) => {
      const id = walletAccountId(customer.id, spec, periodStart);
      return { id, code: id, asset: assetIn(spec.asset, plan.currency), merchantId: customer.merchantId, customerId: customer.id, bucket: spec.bucket, noOverdraft: spec.noOverdraft };
    }),
    skipDuplicates: true,
  });
}

const monthName = (d: Date) => d.toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

const periodKey = (subscriptionId: string, periodStart: Date) => `${subscriptionId}:${periodStart.toISOString()}`;

/** The grants that open a period, as ledger requests. */
export function periodGrantRequests(args: {
  customer: CustomerRef;
  subscriptionId: string;
  plan: StoredPlan;
  periodStart: Date;
  /** Balance plans: the money came from a paid invoice (cash) rather than as a grant. */
  paidFromCash?: boolean;
  refs?: Record<string, string>;
}): LedgerRequest[] {
  const { customer, plan, periodStart } = args;
  const common = {
    id: `grant:${periodKey(args.subscriptionId, periodStart)}`,
    kind: "grant" as const,
    customerId: customer.id,
    effectiveAt: periodStart,
    refs: { plan: plan.code, period_start: periodStart.toISOString(), ...args.refs },
    reason: `${plan.name} — allowance for the period starting ${monthName(periodStart)}`,
  };
  const m = (name: Parameters<typeof merchantAccountId>[1]) => merchantAccountId(customer.merchantId, name, plan.currency);
  const grant = rulesFor(plan).periodGrant(plan, { paidFromCash: args.paidFromCash ?? false });
  if (!grant) return [];
  return [{
    op: "transfer", ...common, asset: grant.asset, amount: grant.amount,
    debitAccountId: m(grant.from), creditAccountId: bucketAccountId(customer.id, grant.to, periodStart),
  }];
}

/** Open the period starting at `periodStart`: its row, accounts and grants (idempotent). */
async function openPeriod(tx: Tx, customer: CustomerRef, subscriptionId: string, plan: StoredPlan, period: { start: Date; end: Date }, now: Date, renewal = false) {
  await tx.billingPeriod.createMany({
    data: [{ id: newId("per"), subscriptionId, planId: plan.id, periodStart: period.start, periodEnd: period.end }],
    skipDuplicates: true,
  });
  await ensurePeriodAccounts(tx, customer, plan, period.start);
  // A renewed Balance period's money is granted when its renewal invoice is paid (lib/services/cycle/renewals.ts).
  if (renewal && rulesFor(plan).grantsWhenRenewalPaid) return;
  const grants = periodGrantRequests({ customer, subscriptionId, plan, periodStart: period.start });
  const out = await applyLedgerBatch(tx, grants, now);
  out.results.forEach(transferOrThrow);
}

/** Start a subscription: its first period, wallet accounts and opening grants. */
export async function startSubscription(tx: Tx, args: { customer: CustomerRef; plan: StoredPlan; anchorAt: Date; now: Date }) {
  const { customer, plan, anchorAt, now } = args;
  const period = periodAt(anchorAt, plan.intervalMonths, anchorAt);
  const sub = await tx.subscription.create({
    data: { id: newId("sub"), customerId: customer.id, planId: plan.id, status: "active", anchorAt, currentPeriodStart: period.start, currentPeriodEnd: period.end },
  });
  await openPeriod(tx, customer, sub.id, plan, period, now);
  return sub;
}

/**
 * Bring the subscription to the period that contains `at`, opening each period on the way
 * (a pending plan change takes effect at the first new period). Closing the old periods is
 * separate (closePeriodLedger), after their grace window. Returns the periods opened.
 */
export async function rollSubscription(tx: Tx, subscriptionId: string, at: Date) {
  const opened: { start: Date; end: Date }[] = [];
  for (;;) {
    const sub = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: { customer: true } });
    if (sub.currentPeriodEnd.getTime() > at.getTime() || sub.status === "canceled") return opened;
    if (sub.cancelAtPeriodEnd) {
      // Canceled at the end of its period: no new period opens, nothing more is granted or billed.
      await tx.subscription.update({ where: { id: sub.id }, data: { status: "canceled", canceledAt: sub.currentPeriodEnd } });
      await notify(tx, {
        customerId: sub.customerId, type: "subscription.updated", dedupeKey: `subscription.updated:${sub.id}:canceled`,
        title: "Subscription ended", body: "Your subscription was canceled at the end of its period, as you asked. Nothing more will be billed.",
        data: { subscription_id: sub.id, status: "canceled", previous_status: sub.status }, now: sub.currentPeriodEnd,
      });
      return opened;
    }
    const plan = await getPlanOrThrow(tx, sub.pendingPlanId ?? sub.planId);
    const next = periodAt(sub.anchorAt, plan.intervalMonths, sub.currentPeriodEnd);
    await openPeriod(tx, { id: sub.customerId, merchantId: sub.customer.merchantId }, sub.id, plan, next, at, true);
    await tx.subscription.update({
      where: { id: sub.id },
      data: { currentPeriodStart: next.start, currentPeriodEnd: next.end, planId: plan.id, pendingPlanId: null },
    });
    if (plan.id !== sub.planId) {
      // A scheduled plan change took effect with this period.
      await notify(tx, {
        customerId: sub.customerId, type: "subscription.updated", dedupeKey: `subscription.updated:${sub.id}:plan:${next.start.toISOString()}`,
        title: `Now on ${plan.name}`, body: `Your plan changed to ${plan.name} with the period starting ${monthName(next.start)}.`,
        data: { subscription_id: sub.id, status: sub.status, plan: plan.code, previous_plan_id: sub.planId }, now: next.start,
      });
    }
    opened.push(next);
  }
}

/** Ledger requests that close a period: what is left of its allowance expires (or rolls over). */
async function periodExpiryRequests(
  tx: Tx,
  args: { customer: CustomerRef; subscriptionId: string; plan: StoredPlan; periodStart: Date; periodEnd: Date; nextPeriodStart: Date },
): Promise<LedgerRequest[]> {
  const { customer, plan, periodStart } = args;
  const rules = rulesFor(plan);
  const expiry = rules.periodExpiry;
  if (!expiry) return [];
  const fromId = periodAccountId(customer.id, expiry.bucket, periodStart);
  const account = await tx.ledgerAccount.findUnique({ where: { id: fromId } });
  if (!account) return [];
  const left = balanceOf(account).available;
  if (left <= 0n) return [];
  const key = periodKey(args.subscriptionId, periodStart);
  const refs = { plan: plan.code, period_start: periodStart.toISOString() };
  const cap = rules.rolloverCap(plan);
  const keep = cap ? (left < cap ? left : cap) : 0n;
  const requests: LedgerRequest[] = [];
  if (keep > 0n) {
    requests.push({
      op: "transfer", id: `rollover:${key}`, kind: "rollover", asset: account.asset, amount: keep, debitAccountId: fromId,
      creditAccountId: periodAccountId(customer.id, expiry.bucket, args.nextPeriodStart), customerId: customer.id,
      effectiveAt: args.periodEnd, refs, reason: "Unused plan credits rolled over to the next period",
    });
  }
  if (left - keep > 0n) {
    requests.push({
      op: "transfer", id: `expire:${key}`, kind: "expiry", asset: account.asset, amount: left - keep, debitAccountId: fromId,
      creditAccountId: merchantAccountId(customer.merchantId, expiry.to),
      customerId: customer.id, effectiveAt: args.periodEnd, refs,
      reason: expiry.reason,
    });
  }
  return requests;
}

/** The ledger side of closing a period: expiry/rollover, and the period marked closed (once). */
export async function closePeriodLedger(tx: Tx, periodId: string, now: Date): Promise<boolean> {
  const period = await tx.billingPeriod.findUniqueOrThrow({ where: { id: periodId }, include: { subscription: { include: { customer: true } } } });
  // Claim the period: only one closer wins, even with many workers.
  const claimed = await tx.billingPeriod.updateMany({ where: { id: periodId, status: "open" }, data: { status: "closed", closedAt: now } });
  if (claimed.count === 0) return false;
  failpoint("close.mid");
  const sub = period.subscription;
  const plan = await getPlanOrThrow(tx, period.planId);
  const customer = { id: sub.customerId, merchantId: sub.customer.merchantId };
  const next = periodAt(sub.anchorAt, plan.intervalMonths, period.periodEnd);
  if (rulesFor(plan).rolloverCap(plan)) await ensurePeriodAccounts(tx, customer, plan, next.start);
  const requests = await periodExpiryRequests(tx, {
    customer, subscriptionId: sub.id, plan, periodStart: period.periodStart, periodEnd: period.periodEnd, nextPeriodStart: next.start,
  });
  const out = await applyLedgerBatch(tx, requests, now);
  out.results.forEach(transferOrThrow);
  return true;
}
