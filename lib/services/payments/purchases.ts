import "server-only";
// Buying a credit pack (Credits plans) or adding funds (Balance plans), DESIGN §6. The browser
// sends a choice and the key of the form it was rendered with; the server prices it (the pack's
// price or the amount within the plan's limits, the merchant's tax, the total in whole cents),
// creates the payment under a key derived from the customer and that form key — so a double
// click, a refresh or a retry finds the same payment and never charges twice — then charges the
// saved default card with the same key at the provider, and applies the answer.
import { rulesFor } from "@/lib/billing/models";
import { addMonthsClamped } from "@/lib/billing/periods";
import { checkFundsAmount, invoiceTotals } from "@/lib/billing/invoice-math";
import { centsToMicros, divRoundHalfEven, formatMoney } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { lockRow } from "@/lib/db/lock-row";
import type { Payment, PaymentMethod, Prisma } from "@/lib/db/generated/client";
import { getPlanOrThrow, type StoredPlan } from "@/lib/db/plans";
import { transaction, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { activeProvider, gatewayFor, sandboxGateway, type ProviderName } from "@/lib/payments";
import { failpoint } from "@/lib/faults/failpoints";
import { applyProviderState, syncPayment } from "./payments";
import { detailsToJson, parseDetails, type PaymentDetails } from "./payment-details";
import { paymentView, type PaymentView } from "./payment-view";
import { purposeOf } from "./purposes";
import { chosenCard, ensureProviderCustomer, savedCards } from "./payment-methods";
import { formatDate } from "@/lib/format/dates";

export type PurchaseChoice = { kind: "pack"; packCode: string } | { kind: "funds"; amountMicros: bigint };

type PurchaseErrorCode =
  | "invalid_request"
  | "no_subscription"
  | "subscription_inactive"
  | "wrong_plan"
  | "unknown_pack"
  | "amount_not_whole_cents"
  | "amount_below_minimum"
  | "amount_above_maximum"
  | "no_payment_method"
  | "unknown_card"
  | "card_expired"
  | "price_changed"
  | "purchase_pending"
  | "possible_duplicate";

type PurchaseError = { ok: false; code: PurchaseErrorCode; message: string; paymentId?: string };

export type Quote = {
  kind: "pack" | "funds";
  description: string;
  packCode: string | null;
  creditsText: string | null;
  expiresText: string | null;
  subtotalText: string;
  taxText: string;
  totalText: string;
  taxRateBps: number;
  totalCents: string;
  /** The card that will be charged (the chosen one, else the default). */
  card: QuoteCard | null;
  /** Every saved card the customer may choose from, the default first. */
  cards: QuoteCard[];
};

export type QuoteCard = { id: string; brand: string; last4: string; expires: string; isDefault: boolean };

type Context = {
  customer: { id: string; merchantId: string; locale: string; currency: string };
  plan: StoredPlan;
  taxRateBps: number;
  /** The card to charge: the one the customer chose, else the default. */
  card: PaymentMethod | null;
  cards: PaymentMethod[];
};

type Priced = { details: PaymentDetails; totalCents: bigint; quote: Quote };

/** Same key for the same customer and form: the payment's idempotency key. */
function purchaseKey(customerId: string, formKey: string): string {
  return `purchase:${customerId}:${formKey}`;
}

export const FORM_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

async function loadContext(customerId: string, paymentMethodId?: string): Promise<Context | PurchaseError> {
  const c = await db().customer.findUnique({ where: { id: customerId }, include: { subscription: true, merchant: true } });
  if (!c?.subscription) return { ok: false, code: "no_subscription", message: "This account has no plan, so there is nothing to top up." };
  if (c.subscription.status === "canceled" || c.subscription.status === "suspended") {
    return { ok: false, code: "subscription_inactive", message: `Your subscription is ${c.subscription.status}. Reactivate it before buying more.` };
  }
  const plan = await getPlanOrThrow(db(), c.subscription.planId);
  const cards = await savedCards(db(), customerId);
  const card = chosenCard(cards, paymentMethodId);
  if (card === "unknown") return { ok: false, code: "unknown_card", message: "That card is no longer saved on this account. Choose another card." };
  return {
    customer: { id: c.id, merchantId: c.merchantId, locale: c.locale, currency: c.currency },
    plan,
    taxRateBps: c.merchant.taxRateBps,
    card,
    cards,
  };
}

function price(ctx: Context, choice: PurchaseChoice, now: Date, automatic: boolean): Priced | PurchaseError {
  const { plan, customer } = ctx;
  const f = (micros: bigint) => formatMoney({ amount: micros, asset: "USD" }, { locale: customer.locale, currency: customer.currency });
  let details: PaymentDetails;
  let creditsText: string | null = null;
  let expiresText: string | null = null;
  const topUp = rulesFor(plan).topUp; // the choice must be the plan's own top-up product
  if (topUp?.kind !== choice.kind) return { ok: false, code: "wrong_plan", message: `${choice.kind === "pack" ? "Credit packs are for Credits plans" : "Adding funds is for Balance plans"}; ${plan.name} is a ${plan.model} plan.` };
  if (choice.kind === "pack") {
    const pack = plan.packs.find((p) => p.code === choice.packCode);
    if (!pack) return { ok: false, code: "unknown_pack", message: `There is no credit pack "${choice.packCode}" on the ${plan.name} plan.` };
    const expiryMonths = pack.expiryMonths ?? topUp.purchasedExpiryMonths(plan);
    creditsText = formatMoney({ amount: pack.creditsMilli, asset: "CREDIT" }, { locale: customer.locale });
    expiresText = expiryMonths
      ? `Expires on ${formatDate(addMonthsClamped(now, expiryMonths), customer.locale)} (${expiryMonths} months)`
      : "Never expire";
    details = {
      kind: "pack", description: `${creditsText} (${pack.name} pack)`, subtotalMicros: pack.priceMicros, taxMicros: 0n, taxRateBps: ctx.taxRateBps,
      packCode: pack.code, packName: pack.name, creditsMilli: pack.creditsMilli, expiryMonths, automatic,
    };
  } else {
    const limits = topUp.fundsLimits(plan);
    const check = checkFundsAmount(choice.amountMicros, limits);
    if (!check.ok) {
      const message =
        check.code === "amount_not_whole_cents"
          ? "Enter an amount in whole cents."
          : `Enter an amount from ${f(limits.minMicros)} to ${f(limits.maxMicros)}.`;
      return { ok: false, code: check.code, message };
    }
    details = {
      kind: "funds", description: `${f(choice.amountMicros)} of funds`, subtotalMicros: choice.amountMicros, taxMicros: 0n, taxRateBps: ctx.taxRateBps,
      packCode: null, packName: null, creditsMilli: null, expiryMonths: null, automatic,
    };
  }
  const totals = invoiceTotals([{ amountMicros: details.subtotalMicros }], ctx.taxRateBps);
  details = { ...details, taxMicros: totals.taxMicros };
  return {
    details,
    totalCents: totals.totalCents,
    quote: {
      kind: details.kind === "pack" ? "pack" : "funds",
      description: details.description,
      packCode: details.packCode,
      creditsText,
      expiresText,
      subtotalText: f(totals.subtotalMicros),
      taxText: f(totals.taxMicros),
      totalText: formatMoney({ amount: centsToMicros(totals.totalCents), asset: "USD" }, { locale: customer.locale, currency: customer.currency }),
      taxRateBps: ctx.taxRateBps,
      totalCents: totals.totalCents.toString(),
      card: ctx.card ? quoteCard(ctx.card) : null,
      cards: ctx.cards.map(quoteCard),
    },
  };
}

/** The saved cards a charge may use, the default first, as the card chooser shows them. */
export async function payableCards(customerId: string): Promise<QuoteCard[]> {
  return (await savedCards(db(), customerId)).map(quoteCard);
}

function quoteCard(card: PaymentMethod): QuoteCard {
  return { id: card.id, brand: card.brand, last4: card.last4, expires: `${String(card.expMonth).padStart(2, "0")}/${String(card.expYear % 100).padStart(2, "0")}`, isDefault: card.isDefault };
}

/** Why the default card cannot be charged now, if it cannot; `charged` says what would be ("an upgrade is"). */
export function cardProblem(card: PaymentMethod | null, now: Date, charged = "purchases are"): { ok: false; code: "no_payment_method" | "card_expired"; message: string } | null {
  if (!card) return { ok: false, code: "no_payment_method", message: `Add a card on the Billing page first: ${charged} charged to your default card.` };
  if (Date.UTC(card.expYear, card.expMonth, 1) <= now.getTime()) {
    return { ok: false, code: "card_expired", message: `${card.isDefault ? "Your default card" : "That card"} (•••• ${card.last4}) has expired. Add a new card on the Billing page.` };
  }
  return null;
}

/** What a choice costs, priced on the server (the page shows this before the customer confirms). */
export async function quotePurchase(customerId: string, choice: PurchaseChoice, now = new Date(), paymentMethodId?: string): Promise<{ ok: true; quote: Quote } | PurchaseError> {
  const ctx = await loadContext(customerId, paymentMethodId);
  if ("ok" in ctx) return ctx;
  const priced = price(ctx, choice, now, false);
  if ("ok" in priced) return priced;
  return { ok: true, quote: priced.quote };
}

const PENDING_WINDOW_MS = 15 * 60_000;
const REPEAT_WINDOW_MS = 10 * 60_000;
const REDRIVE_AFTER_MS = 15_000;

function sameChoice(a: PaymentDetails, b: PaymentDetails): boolean {
  return a.kind === b.kind && (a.kind === "pack" ? a.packCode === b.packCode : a.subtotalMicros === b.subtotalMicros);
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes <= 1 ? "a moment ago" : `${minutes} minutes ago`;
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
          message: `The same purchase (${priced.details.description}) is already in progress. Finish it before buying again.`,
          paymentId: r.id,
        };
      }
      if (r.status === "succeeded" && !args.allowRepeat && now.getTime() - r.createdAt.getTime() < REPEAT_WINDOW_MS) {
        const inv = r.invoiceId ? await tx.invoice.findUnique({ where: { id: r.invoiceId }, select: { number: true } }) : null;
        return {
          ok: false,
          code: "possible_duplicate",
          message: `You bought ${priced.details.description} ${ago(now.getTime() - r.createdAt.getTime())}${inv?.number ? ` (${inv.number})` : ""}. Buy it again?`,
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
        currency: ctx.customer.currency,
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
  if (!FORM_KEY_PATTERN.test(input.formKey)) return { ok: false, code: "invalid_request", message: "This form has expired. Reload the page and try again." };
  const ctx = await loadContext(input.customerId, input.paymentMethodId);
  if ("ok" in ctx) return ctx;
  const idempotencyKey = purchaseKey(input.customerId, input.formKey);

  // A repeat of a request already made (double click, refresh, retry): its payment, as it stands.
  const priced = price(ctx, input.choice, now, false);
  if ("ok" in priced) return priced;
  const repeat = await db().payment.findUnique({ where: { idempotencyKey } });
  if (repeat) {
    if (!sameChoice(parseDetails(repeat.details), priced.details)) {
      return { ok: false, code: "invalid_request", message: "This form was already used for another purchase. Reload the page and try again." };
    }
    return { ok: true, payment: await paymentView(await resumePayment(repeat, now, opts.faults)) };
  }
  const problem = cardProblem(ctx.card, now);
  if (problem) return problem;
  if (input.expectedTotalCents !== undefined && input.expectedTotalCents !== priced.totalCents) {
    return { ok: false, code: "price_changed", message: `The price changed to ${priced.quote.totalText}. Review it and confirm again.` };
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
    const perCredit = formatMoney({ amount: divRoundHalfEven(p.priceMicros * 1_000n, p.creditsMilli), asset: "USD" }, { locale: ctx.customer.locale, exact: true });
    return [{ code: p.code, name: p.name, creditsText: q.creditsText!, priceText: q.subtotalText, taxText: q.taxText, totalText: q.totalText, expiresText: q.expiresText!, perCreditText: `${perCredit} per credit` }];
  });
}

/** The add-funds limits and tax rate, for display. */
export async function fundsOffer(customerId: string) {
  const ctx = await loadContext(customerId);
  const topUp = "ok" in ctx ? null : rulesFor(ctx.plan).topUp;
  if ("ok" in ctx || topUp?.kind !== "funds") return null;
  const f = (m: bigint) => formatMoney({ amount: m, asset: "USD" }, { locale: ctx.customer.locale, currency: ctx.customer.currency });
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
