import "server-only";
// Buying a credit pack (Credits plans) or adding funds (Balance plans), DESIGN §6. The browser
// sends a choice and the key of the form it was rendered with; the server prices it (the pack's
// price or the amount within the plan's limits, the merchant's tax, the total in whole cents),
// creates the payment under a key derived from the customer and that form key — so a double
// click, a refresh or a retry finds the same payment and never charges twice — then charges the
// saved default card with the same key at the provider, and applies the answer.
import { rulesFor } from "@/lib/billing/models";
import { divRoundHalfEven, formatMoney } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { lockRow } from "@/lib/db/lock-row";
import type { Payment, Prisma } from "@/lib/db/generated/client";
import { transaction, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { activeProvider, gatewayFor, sandboxGateway, type ProviderName } from "@/lib/payments";
import { failpoint } from "@/lib/faults/failpoints";
import { actionWords } from "@/lib/i18n/action-words";
import { applyProviderState, syncPayment } from "./payments";
import { detailsToJson, parseDetails, type PaymentDetails } from "./payment-details";
import { paymentView, type PaymentView } from "./payment-view";
import { purposeOf } from "./purposes";
import { ensureProviderCustomer } from "./payment-methods";

import { cardProblem, FORM_KEY_PATTERN, loadContext, price, purchaseKey, type Context, type Priced, type PurchaseChoice, type PurchaseError } from "./purchase-pricing";

const PENDING_WINDOW_MS = 15 * 60_000;
const REPEAT_WINDOW_MS = 10 * 60_000;
const REDRIVE_AFTER_MS = 15_000;

function sameChoice(a: PaymentDetails, b: PaymentDetails): boolean {
  return a.kind === b.kind && (a.kind === "pack" ? a.packCode === b.packCode : a.subtotalMicros === b.subtotalMicros);
}

type Placed = { payment: Payment; created: boolean } | PurchaseError;

/**
 * Create the payment (or find the one this key already made). The customer row is locked, so two
 * tabs submitting at once are seen one after the other: the second finds the first pending.
 */
async function placePayment(args: {
  ctx: Context;
  priced: Priced;
  idempotencyKey: string;
  purpose: Payment["purpose"];
  provider: ProviderName;
  allowRepeat: boolean;
  now: Date;
}): Promise<Placed> {
  const { ctx, priced, now } = args;
  return transaction(async (tx: Tx) => {
    await lockRow(tx, "customer", ctx.customer.id);
    const existing = await tx.payment.findUnique({ where: { idempotencyKey: args.idempotencyKey } });
    if (existing) {
      if (existing.customerId !== ctx.customer.id) throw new Error("Idempotency key of another customer");
      return { payment: existing, created: false };
    }
    const recent = await tx.payment.findMany({
      where: { customerId: ctx.customer.id, purpose: args.purpose, createdAt: { gte: new Date(now.getTime() - PENDING_WINDOW_MS) } },
      orderBy: { createdAt: "desc" },
    });
    for (const r of recent) {
      if (!sameChoice(parseDetails(r.details), priced.details)) continue;
      if (r.status === "processing" || r.status === "requires_action") {
        return {
          ok: false,
          code: "purchase_pending",
          message: actionWords()("purchase.pending", { description: priced.quote.description }),
          paymentId: r.id,
        };
      }
      if (r.status === "succeeded" && !args.allowRepeat && now.getTime() - r.createdAt.getTime() < REPEAT_WINDOW_MS) {
        const inv = r.invoiceId ? await tx.invoice.findUnique({ where: { id: r.invoiceId }, select: { number: true } }) : null;
        return {
          ok: false,
          code: "possible_duplicate",
          // "a moment ago" up to a minute and a half, then "N minutes ago"
          message: actionWords()("purchase.duplicate", {
            description: priced.quote.description,
            minutes: Math.max(1, Math.round((now.getTime() - r.createdAt.getTime()) / 60_000)),
            invoice: inv?.number || "none",
          }),
          paymentId: r.id,
        };
      }
    }
    const payment = await tx.payment.create({
      data: {
        id: newId("pay"),
        merchantId: ctx.customer.merchantId,
        customerId: ctx.customer.id,
        idempotencyKey: args.idempotencyKey,
        provider: args.provider,
        paymentMethodId: ctx.card!.id,
        purpose: args.purpose,
        details: detailsToJson(priced.details) as Prisma.InputJsonValue,
        amountCents: priced.totalCents,
        currency: ctx.plan.currency,
        status: "processing",
        createdAt: now,
      },
    });
    return { payment, created: true };
  });
}

type Faults = { afterCharge?: () => void | Promise<void> };

/** Charge a placed payment at its provider (same key: a repeat returns the same charge) and apply the answer. */
export async function chargePayment(paymentId: string, opts: { offSession: boolean; now?: Date; faults?: Faults }): Promise<Payment> {
  const now = opts.now ?? new Date();
  const p = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
  const card = p.paymentMethodId ? await db().paymentMethod.findUnique({ where: { id: p.paymentMethodId } }) : null;
  if (!card) throw new Error(`Payment ${p.id} has no card`);
  const provider = p.provider as ProviderName;
  const providerCustomerId = await ensureProviderCustomer(p.customerId, provider);
  const d = parseDetails(p.details);
  const renewal = p.purpose === "subscription"; // a period close's invoice, charged by the billing job
  failpoint(renewal ? "close.before_charge" : "purchase.before_charge");
  const state = await gatewayFor(provider).charge({
    idempotencyKey: p.idempotencyKey,
    providerCustomerId,
    providerPmId: card.providerPmId,
    amountCents: p.amountCents,
    currency: p.currency,
    description: d.description,
    offSession: opts.offSession,
    paymentId: p.id,
    customerId: p.customerId,
  });
  failpoint(renewal ? "close.after_charge" : "purchase.after_charge");
  await opts.faults?.afterCharge?.();
  return applyProviderState(p.id, state, now);
}

type StartPurchase = {
  customerId: string;
  choice: PurchaseChoice;
  formKey: string;
  /** The total the customer confirmed; a different server price refuses (the page re-quotes). */
  expectedTotalCents?: bigint;
  /** The customer confirmed buying the same thing again within minutes. */
  allowRepeat?: boolean;
  /** One of the account's saved cards, chosen at review (default: the default card, which stays the default). */
  paymentMethodId?: string;
};

/** Buy a pack or add funds, as the customer in the portal. */
export async function startPurchase(input: StartPurchase, opts: { now?: Date; faults?: Faults } = {}): Promise<{ ok: true; payment: PaymentView } | PurchaseError> {
  const now = opts.now ?? new Date();
  const t = actionWords();
  if (!FORM_KEY_PATTERN.test(input.formKey)) return { ok: false, code: "invalid_request", message: t("form.expired") };
  const ctx = await loadContext(input.customerId, input.paymentMethodId);
  if ("ok" in ctx) return ctx;
  const idempotencyKey = purchaseKey(input.customerId, input.formKey);

  // A repeat of a request already made (double click, refresh, retry): its payment, as it stands.
  const priced = price(ctx, input.choice, now, false);
  if ("ok" in priced) return priced;
  const repeat = await db().payment.findUnique({ where: { idempotencyKey } });
  if (repeat) {
    if (!sameChoice(parseDetails(repeat.details), priced.details)) {
      return { ok: false, code: "invalid_request", message: t("purchase.formUsed") };
    }
    return { ok: true, payment: await paymentView(await resumePayment(repeat, now, opts.faults)) };
  }
  const problem = cardProblem(ctx.card, now);
  if (problem) return problem;
  if (input.expectedTotalCents !== undefined && input.expectedTotalCents !== priced.totalCents) {
    return { ok: false, code: "price_changed", message: t("purchase.priceChanged", { total: priced.quote.totalText }) };
  }
  const placed = await placePayment({
    ctx, priced, idempotencyKey, now, provider: activeProvider(), allowRepeat: input.allowRepeat === true,
    purpose: priced.details.kind === "pack" ? "credit_pack" : "top_up",
  });
  if ("ok" in placed) return placed;
  const payment = placed.created ? await chargePayment(placed.payment.id, { offSession: false, now, faults: opts.faults }) : await resumePayment(placed.payment, now, opts.faults);
  failpoint("purchase.after_credit");
  return { ok: true, payment: await paymentView(payment) };
}

/** A payment found again by its key: still charging long after it began means the first request died. */
export async function resumePayment(p: Payment, now: Date, faults?: Faults): Promise<Payment> {
  if (p.status !== "processing") return p;
  if (p.providerPaymentId) return syncPayment(p.id, now);
  if (now.getTime() - p.updatedAt.getTime() < REDRIVE_AFTER_MS) return p;
  return chargePayment(p.id, { offSession: parseDetails(p.details).automatic, now, faults });
}

/** Price a choice for an automatic top-up (the same rules; no expected total, no duplicate window). */
export async function priceForAutoTopUp(customerId: string, choice: PurchaseChoice, now: Date) {
  const ctx = await loadContext(customerId);
  if ("ok" in ctx) return ctx;
  const priced = price(ctx, choice, now, true);
  if ("ok" in priced) return priced;
  const problem = cardProblem(ctx.card, now);
  if (problem) return problem;
  return { ok: true as const, ctx, priced };
}

/** Place an automatic top-up's payment under its own key (one per run and attempt). */
export async function placeAutoTopUpPayment(args: { customerId: string; choice: PurchaseChoice; idempotencyKey: string; now: Date }) {
  const r = await priceForAutoTopUp(args.customerId, args.choice, args.now);
  if (!r.ok) return r;
  const existing = await db().payment.findUnique({ where: { idempotencyKey: args.idempotencyKey } });
  if (existing) return { ok: true as const, payment: existing, created: false, totalCents: existing.amountCents };
  const placed = await placePayment({ ctx: r.ctx, priced: r.priced, idempotencyKey: args.idempotencyKey, now: args.now, provider: activeProvider(), allowRepeat: true, purpose: "auto_top_up" });
  if ("ok" in placed) return placed;
  return { ok: true as const, payment: placed.payment, created: placed.created, totalCents: placed.payment.amountCents };
}

/** The customer's answer to the sandbox's 3-D Secure challenge, then the payment as it stands. */
export async function answerSandboxChallenge(customerId: string, paymentId: string, passed: boolean, now = new Date()): Promise<PaymentView | null> {
  const p = await db().payment.findFirst({ where: { id: paymentId, customerId, provider: "sandbox" } });
  if (!p) return null;
  if (p.status === "requires_action" && p.providerPaymentId) {
    const state = await sandboxGateway().authenticate(p.providerPaymentId, passed, now);
    return paymentView(await applyProviderState(p.id, state, now));
  }
  return paymentView(p);
}

/** After Stripe.js handled the authentication in the browser: ask Stripe and apply. */
export async function refreshPayment(customerId: string, paymentId: string, now = new Date()): Promise<PaymentView | null> {
  const p = await db().payment.findFirst({ where: { id: paymentId, customerId } });
  if (!p) return null;
  const settled = p.status === "processing" || p.status === "requires_action" ? await syncPayment(p.id, now) : p;
  return paymentView(settled);
}

/** The customer's purchases still waiting for something (shown on the pages, so a refresh loses nothing). */
export async function pendingPurchases(customerId: string, now = new Date()): Promise<PaymentView[]> {
  const rows = await db().payment.findMany({
    where: { customerId, status: { in: ["processing", "requires_action"] }, createdAt: { gte: new Date(now.getTime() - 24 * 3_600_000) } },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
  return Promise.all(rows.map((r) => paymentView(r)));
}

type PackOfferView = { code: string; name: string; creditsText: string; priceText: string; taxText: string; totalText: string; expiresText: string; perCreditText: string };

/** The plan's packs, priced for display (the purchase is priced again when confirmed). */
export async function packOffers(customerId: string, now = new Date()): Promise<PackOfferView[]> {
  const ctx = await loadContext(customerId);
  if ("ok" in ctx || rulesFor(ctx.plan).topUp?.kind !== "pack") return [];
  return ctx.plan.packs.flatMap((p) => {
    const priced = price(ctx, { kind: "pack", packCode: p.code }, now, false);
    if ("ok" in priced) return [];
    const q = priced.quote;
    const perCredit = formatMoney({ amount: divRoundHalfEven(p.priceMicros * 1_000n, p.creditsMilli), asset: ctx.plan.currency }, { locale: ctx.customer.locale, exact: true });
    return [{ code: p.code, name: p.name, creditsText: q.creditsText!, priceText: q.subtotalText, taxText: q.taxText, totalText: q.totalText, expiresText: q.expiresText!, perCreditText: actionWords()("purchase.perCredit", { price: perCredit }) }];
  });
}

/** The add-funds limits and tax rate, for display. */
export async function fundsOffer(customerId: string) {
  const ctx = await loadContext(customerId);
  const topUp = "ok" in ctx ? null : rulesFor(ctx.plan).topUp;
  if ("ok" in ctx || topUp?.kind !== "funds") return null;
  const f = (m: bigint) => formatMoney({ amount: m, asset: ctx.plan.currency }, { locale: ctx.customer.locale });
  return { minText: f(topUp.fundsLimits(ctx.plan).minMicros), maxText: f(topUp.fundsLimits(ctx.plan).maxMicros), taxRateBps: ctx.taxRateBps, card: ctx.card };
}

/** What the sandbox's 3-D Secure page shows, or null when the payment is not this customer's. */
export async function challengeFor(customerId: string, paymentId: string) {
  const p = await db().payment.findFirst({ where: { id: paymentId, customerId } });
  if (!p) return null;
  const merchant = await db().merchant.findUniqueOrThrow({ where: { id: p.merchantId }, select: { name: true } });
  const back = purposeOf(parseDetails(p.details)).back(p);
  return { payment: await paymentView(p), merchantName: merchant.name, back, open: p.status === "requires_action" && p.provider === "sandbox" };
}
