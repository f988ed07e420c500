import "server-only";
// Automatic top-up (DESIGN §5): "when my credits / balance fall below X, buy pack P / add Y, at
// most Z per month". After usage, the follower checks the customers it touched: an armed setting
// whose usable amount fell below the threshold is disarmed with a conditional UPDATE (one winner
// under any concurrency) and one run is queued with a unique job key — so one crossing charges
// once, and a top-up too small to lift the balance never loops. The run charges off-session;
// a decline is retried a bounded number of times with backoff, a required authentication is not
// (the customer is not there): both notify. Re-armed once the usable amount is back at or above X.
import { rulesFor } from "@/lib/billing/models";
import type { ConsumptionModel } from "@/lib/billing/plans";
import { centsToMicros, formatCents, formatMoney } from "@/lib/billing/money";
import { typedAmountText } from "@/lib/billing/money-input";
import { db } from "@/lib/db/client";
import { assetIn } from "@/lib/billing/terms";
import { assetOrThrow } from "@/lib/ledger/assets";
import { getPlanOrThrow } from "@/lib/db/plans";
import { transaction, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { backoffMs, enqueue, type JobContext, type JobPayload } from "@/lib/jobs/queue";
import { actionWords } from "@/lib/i18n/action-words";
import { decimalsExample, readTypedAmount } from "@/lib/i18n/amount-words";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { messagesLanguage } from "@/lib/i18n/locales";
import { say } from "@/lib/i18n/say";
import { declineMessage } from "@/lib/payments/messages";
import { ACTIVE_RUN_STATUSES, rearmIfAbove, usableNow } from "./auto-top-up-state";
import { notify } from "../webhooks/notifications";
import { parseDetails } from "./payment-details";
import { chargePayment, placeAutoTopUpPayment, priceForAutoTopUp, resumePayment } from "./purchases";
import type { PurchaseChoice } from "./purchase-pricing";
import type { UsageFollower } from "../usage/usage-follower";

export const AUTO_TOP_UP_QUEUE = "auto_top_up.run";
/** Charge attempts per crossing before the run gives up (a required authentication stops at once). */
export const MAX_ATTEMPTS = 3;

type AutoTopUpRunView = { id: string; status: string; attempts: number; message: string | null; createdAt: string; invoiceNumber: string | null; invoiceId: string | null; totalText: string | null };

export type AutoTopUpView = {
  model: ConsumptionModel;
  /** What a top-up buys: one of the plan's credit packs, or funds of an amount. */
  choice: "pack" | "funds";
  enabled: boolean;
  armed: boolean;
  thresholdText: string;
  packCode: string | null;
  amountText: string;
  monthlyCapText: string;
  consecutiveFailures: number;
  chargedThisMonthText: string;
  runs: AutoTopUpRunView[];
};

const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/** Charged by automatic top-ups this calendar month (UTC), tax included, in cents. */
async function chargedThisMonthCents(client: Pick<Tx, "payment">, customerId: string, now: Date): Promise<bigint> {
  const agg = await client.payment.aggregate({
    where: { customerId, purpose: "auto_top_up", status: "succeeded", creditedAt: { gte: monthStart(now) } },
    _sum: { amountCents: true },
  });
  return agg._sum.amountCents ?? 0n;
}

// written the reader's way ("12,5" in German), as the form reads it back
const plainDecimal = (amount: bigint, asset: string) => typedAmountText(amount, asset, displayLocale(null));

export async function getAutoTopUp(customerId: string, now = new Date()): Promise<AutoTopUpView | null> {
  const sub = await db().subscription.findUnique({ where: { customerId } });
  if (!sub) return null;
  const plan = await getPlanOrThrow(db(), sub.planId);
  const topUp = rulesFor(plan).topUp;
  if (!topUp) return null;
  const atu = await db().autoTopUp.findUnique({ where: { customerId } });
  const runs = await db().autoTopUpRun.findMany({ where: { customerId }, orderBy: { createdAt: "desc" }, take: 10 });
  const payments = await db().payment.findMany({ where: { id: { in: runs.flatMap((r) => (r.paymentId ? [r.paymentId] : [])) } } });
  const invoices = await db().invoice.findMany({ where: { id: { in: payments.flatMap((p) => (p.invoiceId ? [p.invoiceId] : [])) } }, select: { id: true, number: true } });
  const asset = assetIn(topUp.thresholdAsset, plan.currency);
  const d = topUp.autoTopUpDefaults(plan);
  const defaults = { threshold: d.threshold, amount: d.amountMicros, cap: d.monthlyCapMicros };
  const locale = displayLocale(null);
  return {
    model: plan.model,
    choice: topUp.kind,
    enabled: atu?.enabled ?? false,
    armed: atu?.armed ?? true,
    thresholdText: plainDecimal(atu?.threshold ?? defaults.threshold, asset),
    packCode: atu?.packCode ?? plan.packs[0]?.code ?? null,
    amountText: plainDecimal(atu?.amountMicros ?? defaults.amount, plan.currency),
    monthlyCapText: plainDecimal(atu?.monthlyCapMicros ?? defaults.cap, plan.currency),
    consecutiveFailures: atu?.consecutiveFailures ?? 0,
    chargedThisMonthText: formatCents(await chargedThisMonthCents(db(), customerId, now), { currency: plan.currency, locale }),
    runs: runs.map((r) => {
      const p = payments.find((x) => x.id === r.paymentId);
      const inv = p?.invoiceId ? invoices.find((i) => i.id === p.invoiceId) : undefined;
      return {
        id: r.id, status: r.status, attempts: r.attempts, message: runWords(r, p, locale), createdAt: r.createdAt.toISOString(),
        invoiceNumber: inv?.number ?? null, invoiceId: inv?.id ?? null, totalText: p ? formatCents(p.amountCents, { currency: p.currency, locale }) : null,
      };
    }),
  };
}

type AutoTopUpInput = { enabled: boolean; threshold: string; packCode?: string | null; amount?: string | null; monthlyCap: string };
type SaveResult = { ok: true } | { ok: false; code: "invalid_input" | "no_plan"; message: string; field?: string };

function parseMoney(text: string | null | undefined, field: string, currency: string): bigint | { ok: false; code: "invalid_input"; message: string; field: string } {
  const t = actionWords();
  const example = t("amount.example", { example: decimalsExample(2, displayLocale(null), "25.50") });
  const v = readTypedAmount(String(text ?? ""), currency, { format: example, decimals: t(assetOrThrow(currency).minorDigits === 0 ? "amount.whole" : "amount.wholeCents") });
  return v.ok ? v.amount : { ok: false, code: "invalid_input", message: v.message, field };
}

/** Save the customer's automatic top-up (validated against the plan; re-armed, failures reset). */
export async function saveAutoTopUp(customerId: string, input: AutoTopUpInput, now = new Date()): Promise<SaveResult> {
  const sub = await db().subscription.findUnique({ where: { customerId } });
  const t = actionWords();
  if (!sub) return { ok: false, code: "no_plan", message: t("plan.none") };
  const plan = await getPlanOrThrow(db(), sub.planId);
  const topUp = rulesFor(plan).topUp;
  if (!topUp) return { ok: false, code: "no_plan", message: t("autoTopUp.noTopUp", { model: plan.model }) };
  const hint = t("autoTopUp.thresholdHint", { model: plan.model, example: decimalsExample(2, displayLocale(null), "10.50") });
  const read = readTypedAmount(input.threshold, assetIn(topUp.thresholdAsset, plan.currency), { format: hint });
  if (!read.ok) return { ok: false, code: "invalid_input", message: read.problem === "empty" ? hint : read.message, field: "threshold" };
  const threshold = read.amount;
  if (threshold <= 0n) return { ok: false, code: "invalid_input", message: t("autoTopUp.thresholdPositive"), field: "threshold" };
  const cap = parseMoney(input.monthlyCap, "monthlyCap", plan.currency);
  if (typeof cap !== "bigint") return cap;
  let choice: PurchaseChoice;
  if (topUp.kind === "pack") {
    const pack = plan.packs.find((p) => p.code === input.packCode);
    if (!pack) return { ok: false, code: "invalid_input", message: t("autoTopUp.choosePack"), field: "packCode" };
    choice = { kind: "pack", packCode: pack.code };
  } else {
    const amount = parseMoney(input.amount, "amount", plan.currency);
    if (typeof amount !== "bigint") return amount;
    choice = { kind: "funds", amountMicros: amount };
  }
  const priced = await priceForAutoTopUp(customerId, choice, now);
  if (!priced.ok && priced.code !== "no_payment_method" && priced.code !== "card_expired") {
    return { ok: false, code: "invalid_input", message: priced.message, field: topUp.kind === "pack" ? "packCode" : "amount" };
  }
  if (input.enabled && !priced.ok) return { ok: false, code: "invalid_input", message: priced.message };
  if (priced.ok && cap < centsToMicros(priced.priced.totalCents)) {
    return { ok: false, code: "invalid_input", message: t("autoTopUp.capTooLow", { total: priced.priced.quote.totalText }), field: "monthlyCap" };
  }
  const data = {
    enabled: input.enabled,
    threshold,
    packCode: choice.kind === "pack" ? choice.packCode : null,
    amountMicros: choice.kind === "funds" ? choice.amountMicros : null,
    monthlyCapMicros: cap,
    armed: true,
    consecutiveFailures: 0,
  };
  await db().autoTopUp.upsert({ where: { customerId }, create: { customerId, ...data }, update: data });
  return { ok: true };
}

/** The usage follower: fire (once per crossing) or re-arm. Cheap when no touched customer has it on. */
export const autoTopUpFollower: UsageFollower = async (tx, touched) => {
  const rows = await tx.$queryRawUnsafe<{ customer_id: string; threshold: bigint; armed: boolean }[]>(
    `SELECT customer_id, threshold, armed FROM auto_top_ups WHERE customer_id = ANY($1::text[]) AND enabled ORDER BY customer_id`,
    touched.customerIds,
  );
  for (const row of rows) {
    const usable = await usableNow(tx, row.customer_id, touched.now);
    if (usable === null) continue;
    if (!row.armed) {
      if (usable >= BigInt(row.threshold)) await rearmIfAbove(tx, row.customer_id, touched.now);
      continue;
    }
    if (usable >= BigInt(row.threshold)) continue;
    const won = await tx.autoTopUp.updateMany({ where: { customerId: row.customer_id, armed: true, enabled: true }, data: { armed: false } });
    if (won.count === 0) continue;
    const runId = newId("atr");
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO auto_top_up_runs (id, customer_id, status, attempts, message, created_at, updated_at)
       VALUES ($1, $2, 'queued', 0, $3, $4, $4) ON CONFLICT DO NOTHING`,
      runId,
      row.customer_id,
      "Balance fell below the threshold",
      touched.now,
    );
    if (inserted > 0) await enqueue(tx, { queue: AUTO_TOP_UP_QUEUE, uniqueKey: `auto-top-up:${runId}:1`, payload: { runId }, maxAttempts: 3 });
  }
};

// A run's sentence is recorded in English (with the webhook's and the email's words); a reader of
// another language gets it worded again from the run and its payment. A sentence whose figures the
// run does not keep (a monthly cap reached, a price that could not be made) stays as recorded.
const en = say("en-US", "payments");
type RunRow = { status: string; attempts: number; message: string | null };
type RunPayment = { currency: string; amountCents: bigint; failureCode: string | null; details: unknown };

/** The run's sentence in the reader's language. */
export function runWords(r: RunRow, p: RunPayment | undefined, locale: string): string | null {
  if (messagesLanguage(locale) === "en" || !r.message) return r.message;
  const t = say(locale, "payments");
  if (r.status === "skipped") return t("autoTopUp.run.turnedOff");
  if (!p) return r.message;
  if (r.status === "succeeded") {
    const d = parseDetails(p.details);
    const what = d.kind === "pack" ? formatMoney({ amount: d.creditsMilli ?? 0n, asset: "CREDIT" }, { locale }) : formatMoney({ amount: d.subtotalMicros, asset: p.currency }, { locale });
    return t("autoTopUp.run.bought", { what, total: formatCents(p.amountCents, { currency: p.currency, locale }) });
  }
  const time = /Retrying at (\d\d:\d\d) UTC/.exec(r.message)?.[1];
  if (r.status === "retrying" && time) return t("autoTopUp.run.retrying", { reason: declineMessage(p.failureCode, locale), time, next: r.attempts + 1, max: MAX_ATTEMPTS });
  if ((r.status === "failed" || r.status === "requires_action") && /Gave up after/.test(r.message)) {
    return t("autoTopUp.run.gaveUp", { reason: declineMessage(r.status === "requires_action" ? "authentication_required" : p.failureCode, locale), count: r.attempts });
  }
  return r.message;
}

async function finishRun(runId: string, data: { status: string; attempts?: number; paymentId?: string | null; message: string }) {
  await db().autoTopUpRun.update({ where: { id: runId }, data });
}

/** The job: one charge attempt of a run (queued again with backoff after a decline). */
export async function runAutoTopUp(payload: JobPayload, ctx: Pick<JobContext, "now">): Promise<void> {
  const runId = String(payload.runId ?? "");
  const now = ctx.now;
  const run = await db().autoTopUpRun.findUnique({ where: { id: runId } });
  if (!run || !(ACTIVE_RUN_STATUSES as readonly string[]).includes(run.status)) return;
  const atu = await db().autoTopUp.findUnique({ where: { customerId: run.customerId } });
  if (!atu?.enabled) return finishRun(run.id, { status: "skipped", message: en("autoTopUp.run.turnedOff") });
  const choice: PurchaseChoice = atu.packCode ? { kind: "pack", packCode: atu.packCode } : { kind: "funds", amountMicros: atu.amountMicros ?? 0n };

  const priced = await priceForAutoTopUp(run.customerId, choice, now);
  if (!priced.ok) return giveUp(run.id, run.customerId, run.attempts, "failed", priced.message, now);
  const charged = await chargedThisMonthCents(db(), run.customerId, now);
  const total = priced.priced.totalCents;
  if (centsToMicros(charged + total) > atu.monthlyCapMicros) {
    return giveUp(
      run.id, run.customerId, run.attempts, "capped",
      `Monthly cap of ${formatMoney({ amount: atu.monthlyCapMicros, asset: priced.ctx.plan.currency })} reached: ${formatCents(charged, { currency: priced.ctx.plan.currency })} charged this month, this top-up is ${formatCents(total, { currency: priced.ctx.plan.currency })}.`,
      now,
    );
  }

  const attempt = run.attempts + 1;
  await db().autoTopUpRun.update({ where: { id: run.id }, data: { status: "charging" } });
  const placed = await placeAutoTopUpPayment({ customerId: run.customerId, choice, idempotencyKey: `auto-top-up:${run.id}:${attempt}`, now });
  if (!placed.ok) return giveUp(run.id, run.customerId, run.attempts, "failed", placed.message, now);
  const payment = placed.created ? await chargePayment(placed.payment.id, { offSession: true, now }) : await resumePayment(placed.payment, now);
  const d = parseDetails(payment.details);

  if (payment.status === "succeeded") {
    await finishRun(run.id, { status: "succeeded", attempts: attempt, paymentId: payment.id, message: `Bought ${d.description} for ${formatCents(payment.amountCents)}.` });
    await transaction(async (tx) => {
      await tx.autoTopUp.update({ where: { customerId: run.customerId }, data: { consecutiveFailures: 0 } });
      await rearmIfAbove(tx, run.customerId, now);
    });
    return;
  }
  if (payment.status === "processing") {
    // The provider has not answered yet: look again in a minute (same key, so no second charge).
    await enqueue(db(), { queue: AUTO_TOP_UP_QUEUE, uniqueKey: `auto-top-up:${run.id}:${attempt}:check:${now.getTime()}`, payload: { runId: run.id }, runAt: new Date(now.getTime() + 60_000) });
    await db().autoTopUpRun.update({ where: { id: run.id }, data: { paymentId: payment.id } });
    return;
  }
  // Declined, or the bank wants the card holder to authenticate (impossible off-session).
  const needsAuth = payment.status === "requires_action" || payment.failureCode === "authentication_required";
  const reason = declineMessage(needsAuth ? "authentication_required" : payment.failureCode, "en-US");
  await db().autoTopUp.update({ where: { customerId: run.customerId }, data: { consecutiveFailures: { increment: 1 } } });
  if (needsAuth || attempt >= MAX_ATTEMPTS) {
    return giveUp(run.id, run.customerId, attempt, needsAuth ? "requires_action" : "failed", en("autoTopUp.run.gaveUp", { reason, count: attempt }), now, payment.id);
  }
  const retryAt = new Date(now.getTime() + backoffMs(attempt));
  await transaction(async (tx) => {
    await tx.autoTopUpRun.update({ where: { id: run.id }, data: { status: "retrying", attempts: attempt, paymentId: payment.id, message: en("autoTopUp.run.retrying", { reason, time: retryAt.toISOString().slice(11, 16), next: attempt + 1, max: MAX_ATTEMPTS }) } });
    await notify(tx, {
      customerId: run.customerId, type: "auto_top_up.failed", dedupeKey: `auto_top_up.failed:${run.id}:${attempt}`,
      title: "Automatic top-up failed", body: `${reason} We will try again (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`,
      data: { run_id: run.id, payment_id: payment.id, attempt, code: payment.failureCode },
    });
    await enqueue(tx, { queue: AUTO_TOP_UP_QUEUE, uniqueKey: `auto-top-up:${run.id}:${attempt + 1}`, payload: { runId: run.id }, runAt: retryAt, maxAttempts: 3 });
  });
}

/** A run that stops for good: recorded in the history, the customer notified. */
async function giveUp(runId: string, customerId: string, attempts: number, status: "failed" | "capped" | "requires_action", message: string, now: Date, paymentId?: string) {
  await transaction(async (tx) => {
    await tx.autoTopUpRun.update({ where: { id: runId }, data: { status, attempts, message, ...(paymentId ? { paymentId } : {}) } });
    await notify(tx, {
      customerId, type: "auto_top_up.failed", dedupeKey: `auto_top_up.failed:${runId}:final`,
      title: status === "capped" ? "Automatic top-up paused: monthly cap reached" : "Automatic top-up stopped",
      body: `${message} Buy more from the portal to keep going.`,
      data: { run_id: runId, status, payment_id: paymentId ?? null, at: now.toISOString() },
    });
  });
}
