import "server-only";
// The notifications the portal shows (banners; Settings → Recent alerts) in the reader's language.
// A notification is recorded once, in English: its title and body are also the merchant's webhook
// event and what GET /api/v1/events lists. The portal words it again when it reads it — from what
// the row keeps (its type, dedupe key and data), the account's current period and plan, and an
// automatic top-up's run — with the `notices` messages. A row whose words cannot be rebuilt (the
// figures of its sentence were not kept, or an older row without them) keeps its recorded English;
// an English reader always gets the recorded text.
import { formatMoney } from "@/lib/billing/money";
import { rulesFor } from "@/lib/billing/models";
import type { ConsumptionModel } from "@/lib/billing/terms";
import { db } from "@/lib/db/client";
import { formatDate } from "@/lib/format/dates";
import { messagesLanguage } from "@/lib/i18n/locales";
import { say } from "@/lib/i18n/say";
import { declineMessage } from "@/lib/payments/messages";
import { MAX_ATTEMPTS } from "../payments/auto-top-up";

type Notice = { type: string; dedupeKey: string; title: string; body: string; data: unknown };

/** What a sentence needs that its row does not keep: the current period and plan, top-up runs. */
type NoticeFacts = {
  period: { start: string; end: Date; model: ConsumptionModel; currency: string; overagePriceMicros: bigint | null; billsOverage: boolean; capMicros: bigint | null } | null;
  runs: Map<string, { attempts: number; failureCode: string | null }>;
};

/** Title and body in `locale`; null where the row does not keep what the sentence needs. */
type Words = { title: string | null; body: string | null };

const integer = (v: unknown): bigint | null => (typeof v === "string" && /^-?\d{1,30}$/.test(v) ? BigInt(v) : null);

/** The plan name a recorded English title names ("Upgraded to Pro" → "Pro"): the name as it was. */
const named = (title: string, pattern: RegExp) => pattern.exec(title)?.[1] ?? null;

export function noticeWords(n: Notice, locale: string, facts: NoticeFacts): Words {
  try {
    return words(n, locale, facts);
  } catch {
    return { title: null, body: null }; // an asset or a value this version no longer knows
  }
}

function words(n: Notice, locale: string, facts: NoticeFacts): Words {
  const t = say(locale, "notices");
  const d = (n.data ?? {}) as Record<string, unknown>;
  const money = (amount: bigint, asset: string, exact = false) => formatMoney({ amount, asset }, { locale, exact });
  const decline = (code: unknown) => declineMessage(code, locale);
  const p = facts.period;
  // usage alerts are of one period (their keys end with its start): its end and plan are the current ones
  const current = p && typeof d.period_start === "string" && d.period_start === p.start ? p : null;
  const renews = current ? formatDate(current.end, locale) : null;

  switch (n.type) {
    case "usage.threshold": {
      if (n.dedupeKey.startsWith("usage.overage:")) {
        const price = current?.overagePriceMicros ?? null;
        const cap = current?.capMicros ?? null;
        return {
          title: t("usage.overageTitle"),
          body: current && price !== null ? t("usage.overageBody", { price: money(price, current.currency, true), hasCap: cap === null ? "no" : "yes", cap: cap === null ? "" : money(cap, current.currency) }) : null,
        };
      }
      if (n.dedupeKey.startsWith("usage.cap:")) {
        const cap = integer(d.cap_micros);
        return { title: t("usage.capTitle"), body: current && renews && cap !== null ? t("usage.capBody", { cap: money(cap, current.currency), renews }) : null };
      }
      const percent = typeof d.percent === "number" ? d.percent : null;
      const model: ConsumptionModel | null = d.asset === "API_CALL" ? "metered" : d.asset === "CREDIT" ? "credits" : null;
      if (percent === null || !model) return { title: null, body: null };
      const title = t("usage.usedTitle", { full: percent >= 100 ? "yes" : "no", percent, model });
      const [used, granted] = [integer(d.used), integer(d.granted)];
      if (!current || !renews || used === null || granted === null) return { title, body: null };
      const billsOverage = current.billsOverage && current.overagePriceMicros !== null;
      // past the allowance: billed as overage, refused (a model that counts overage, not billing it), or purchased credits next
      const tail = percent < 100 ? "resets" : billsOverage ? "overage" : rulesFor(model).tracksOverage ? "refused" : "purchased";
      const price = billsOverage ? money(current.overagePriceMicros!, current.currency, true) : "";
      const asset = d.asset as string;
      return { title, body: t("usage.usedBody", { used: money(used > granted ? granted : used, asset), granted: money(granted, asset), tail, renews, price }) };
    }
    case "balance.low": {
      const [available, threshold] = [integer(d.available), integer(d.threshold)];
      if (typeof d.asset !== "string" || available === null || threshold === null) return { title: null, body: null };
      const model = d.asset === "CREDIT" ? "credits" : "balance";
      return { title: t("lowBalance.title", { model, available: money(available, d.asset) }), body: t("lowBalance.body", { model, threshold: money(threshold, d.asset) }) };
    }
    case "payment.failed":
      if (d.purpose === "subscription") return { title: t("payment.subscriptionFailedTitle"), body: null };
      // a payment taken back after it succeeded: its sentence names what was removed, not kept here
      if ("credit_note_id" in d) return { title: t("payment.failedTitle"), body: null };
      return { title: t("payment.failedTitle"), body: decline(d.code) };
    case "auto_top_up.failed": {
      if (!n.dedupeKey.endsWith(":final")) {
        const attempt = typeof d.attempt === "number" ? d.attempt : null;
        return { title: t("autoTopUp.failedTitle"), body: attempt === null ? null : t("autoTopUp.retryBody", { reason: decline(d.code), next: attempt + 1, max: MAX_ATTEMPTS }) };
      }
      const title = t(d.status === "capped" ? "autoTopUp.cappedTitle" : "autoTopUp.stoppedTitle");
      // a decline after its attempts (its payment and run are kept); a cap or a refusal named figures that were not
      const run = typeof d.run_id === "string" && typeof d.payment_id === "string" ? facts.runs.get(d.run_id) : undefined;
      if (!run || (d.status !== "failed" && d.status !== "requires_action")) return { title, body: null };
      const reason = decline(d.status === "requires_action" ? "authentication_required" : run.failureCode);
      return { title, body: t("autoTopUp.gaveUpBody", { reason, attempts: run.attempts }) };
    }
    case "top_up.succeeded":
      return { title: t(d.kind === "pack" ? "topUp.creditsAdded" : "topUp.fundsAdded"), body: null };
    case "invoice.issued":
      return { title: typeof d.number === "string" ? t("invoice.title", { kind: d.kind === "credit_note" ? "credit_note" : "invoice", number: d.number }) : null, body: null };
    case "subscription.updated":
      return { title: subscriptionTitle(n, d, t), body: null };
    default:
      return { title: null, body: null };
  }
}

function subscriptionTitle(n: Notice, d: Record<string, unknown>, t: ReturnType<typeof say>): string | null {
  const plan = (pattern: RegExp, key: string) => {
    const name = named(n.title, pattern);
    return name === null ? null : t(key, { plan: name });
  };
  switch (d.change) {
    case "scheduled": return plan(/^Plan change to (.+) scheduled$/, "subscription.scheduled");
    case "scheduled_change_canceled": return plan(/^Staying on (.+)$/, "subscription.staying");
    case "cancel_at_period_end": return t("subscription.setToEnd");
    case "resumed": return t("subscription.resumed");
    case "upgrade": return plan(/^Upgraded to (.+)$/, "subscription.upgraded");
  }
  if (n.dedupeKey.endsWith(":canceled")) return t("subscription.ended");
  if ("previous_plan_id" in d) return plan(/^Now on (.+)$/, "subscription.nowOn");
  return typeof d.status === "string" ? t("subscription.status", { status: d.status }) : null;
}

/** What the rows' sentences need beyond the rows: one read of the subscription, one of any top-up runs. */
export async function noticeFacts(customerId: string, rows: Notice[]): Promise<NoticeFacts> {
  const sub = await db().subscription.findUnique({
    where: { customerId },
    select: { currentPeriodStart: true, currentPeriodEnd: true, spendingCapMicros: true, plan: { select: { model: true, currency: true, zeroBalancePolicy: true, overagePriceMicros: true } } },
  });
  const runIds = rows.flatMap((r) => {
    const d = (r.data ?? {}) as Record<string, unknown>;
    return r.type === "auto_top_up.failed" && typeof d.run_id === "string" && typeof d.payment_id === "string" ? [d.run_id] : [];
  });
  const runs = new Map<string, { attempts: number; failureCode: string | null }>();
  if (runIds.length > 0) {
    const found = await db().autoTopUpRun.findMany({ where: { id: { in: runIds }, customerId }, select: { id: true, attempts: true, paymentId: true } });
    const payments = await db().payment.findMany({ where: { id: { in: found.flatMap((r) => (r.paymentId ? [r.paymentId] : [])) }, customerId }, select: { id: true, failureCode: true } });
    for (const r of found) runs.set(r.id, { attempts: r.attempts, failureCode: payments.find((p) => p.id === r.paymentId)?.failureCode ?? null });
  }
  const period = sub
    ? {
        start: sub.currentPeriodStart.toISOString(),
        end: sub.currentPeriodEnd,
        model: sub.plan.model,
        currency: sub.plan.currency,
        overagePriceMicros: sub.plan.overagePriceMicros,
        billsOverage: rulesFor(sub.plan.model).tracksOverage && sub.plan.zeroBalancePolicy === "overage",
        capMicros: sub.spendingCapMicros,
      }
    : null;
  return { period, runs };
}

/** Each row's words for a reader of `locale` (nulls for an English reader: the recorded text is theirs). */
export async function readersWords(customerId: string, rows: Notice[], locale: string): Promise<Words[]> {
  if (rows.length === 0 || messagesLanguage(locale) === "en") return rows.map(() => ({ title: null, body: null }));
  const facts = await noticeFacts(customerId, rows);
  return rows.map((r) => noticeWords(r, locale, facts));
}
