import "server-only";
// Pricing a purchase on the server: the account's context (plan, tax rate, the card chosen or the
// default), a choice priced into what the payment will store (the pack's price or an amount
// within the plan's limits, tax, the total in whole cents) and the quote the review shows.
import { rulesFor } from "@/lib/billing/models";
import { addMonthsClamped } from "@/lib/billing/periods";
import { checkFundsAmount, invoiceTotals } from "@/lib/billing/invoice-math";
import { centsToMicros, formatMoney, parseDecimal } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { assetOrThrow } from "@/lib/ledger/assets";
import type { PaymentMethod } from "@/lib/db/generated/client";
import { getPlanOrThrow, type StoredPlan } from "@/lib/db/plans";
import type { PaymentDetails } from "./payment-details";
import { chosenCard, savedCards } from "./payment-methods";
import { formatDate } from "@/lib/format/dates";
import { actionWords } from "@/lib/i18n/action-words";
import { displayLocale } from "@/lib/i18n/locale-scope";

/**
 * What the customer buys: a pack, or funds — in ledger units of the plan's currency (automatic
 * top-ups), or as the plain decimal the customer typed ("1235", "25.50"), read in the plan's currency.
 */
export type PurchaseChoice = { kind: "pack"; packCode: string } | { kind: "funds"; amountMicros: bigint } | { kind: "funds"; amount: string };

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

export type PurchaseError = { ok: false; code: PurchaseErrorCode; message: string; paymentId?: string };

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

export type Context = {
  customer: { id: string; merchantId: string; locale: string; currency: string };
  plan: StoredPlan;
  taxRateBps: number;
  /** The card to charge: the one the customer chose, else the default. */
  card: PaymentMethod | null;
  cards: PaymentMethod[];
};

export type Priced = { details: PaymentDetails; totalCents: bigint; quote: Quote };

/** Same key for the same customer and form: the payment's idempotency key. */
export function purchaseKey(customerId: string, formKey: string): string {
  return `purchase:${customerId}:${formKey}`;
}

export const FORM_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export async function loadContext(customerId: string, paymentMethodId?: string): Promise<Context | PurchaseError> {
  const c = await db().customer.findUnique({ where: { id: customerId }, include: { subscription: true, merchant: true } });
  const t = actionWords();
  if (!c?.subscription) return { ok: false, code: "no_subscription", message: t("purchase.noPlan") };
  if (c.subscription.status === "canceled" || c.subscription.status === "suspended") {
    return { ok: false, code: "subscription_inactive", message: t("purchase.inactive", { status: c.subscription.status }) };
  }
  const plan = await getPlanOrThrow(db(), c.subscription.planId);
  const cards = await savedCards(db(), customerId);
  const card = chosenCard(cards, paymentMethodId);
  if (card === "unknown") return { ok: false, code: "unknown_card", message: t("card.noLongerSaved") };
  return {
    customer: { id: c.id, merchantId: c.merchantId, locale: displayLocale(c.locale), currency: c.currency },
    plan,
    taxRateBps: c.merchant.taxRateBps,
    card,
    cards,
  };
}

export function price(ctx: Context, choice: PurchaseChoice, now: Date, automatic: boolean): Priced | PurchaseError {
  const { plan, customer } = ctx;
  const f = (micros: bigint) => formatMoney({ amount: micros, asset: plan.currency }, { locale: customer.locale });
  const t = actionWords();
  let description: string; // what the review shows (the payment's stored description is not translated)
  let details: PaymentDetails;
  let creditsText: string | null = null;
  let expiresText: string | null = null;
  const topUp = rulesFor(plan).topUp; // the choice must be the plan's own top-up product
  if (topUp?.kind !== choice.kind) return { ok: false, code: "wrong_plan", message: t("purchase.wrongPlan", { kind: choice.kind, plan: plan.name, model: plan.model }) };
  if (choice.kind === "pack") {
    const pack = plan.packs.find((p) => p.code === choice.packCode);
    if (!pack) return { ok: false, code: "unknown_pack", message: t("purchase.unknownPack", { code: choice.packCode, plan: plan.name }) };
    const expiryMonths = pack.expiryMonths ?? topUp.purchasedExpiryMonths(plan);
    creditsText = formatMoney({ amount: pack.creditsMilli, asset: "CREDIT" }, { locale: customer.locale });
    expiresText = expiryMonths
      ? t("purchase.expiresOn", { date: formatDate(addMonthsClamped(now, expiryMonths), customer.locale), months: expiryMonths })
      : t("purchase.neverExpire");
    description = t("purchase.packDescription", { credits: creditsText, pack: pack.name });
    details = {
      kind: "pack", description: `${creditsText} (${pack.name} pack)`, subtotalMicros: pack.priceMicros, taxMicros: 0n, taxRateBps: ctx.taxRateBps,
      packCode: pack.code, packName: pack.name, creditsMilli: pack.creditsMilli, expiryMonths, automatic,
    };
  } else {
    const limits = topUp.fundsLimits(plan);
    const noMinor = assetOrThrow(plan.currency).minorDigits === 0;
    let amountMicros: bigint;
    try {
      amountMicros = "amount" in choice ? parseDecimal(choice.amount, plan.currency) : choice.amountMicros;
    } catch {
      return { ok: false, code: "amount_not_whole_cents", message: t(noMinor ? "amount.wholeExample" : "amount.example") };
    }
    const check = checkFundsAmount(amountMicros, limits);
    if (!check.ok) {
      const message =
        check.code === "amount_not_whole_cents"
          ? t(noMinor ? "amount.whole" : "amount.inWholeCents")
          : t("amount.range", { min: f(limits.minMicros), max: f(limits.maxMicros) });
      return { ok: false, code: check.code, message };
    }
    details = {
      kind: "funds", description: `${f(amountMicros)} of funds`, subtotalMicros: amountMicros, taxMicros: 0n, taxRateBps: ctx.taxRateBps,
      packCode: null, packName: null, creditsMilli: null, expiryMonths: null, automatic,
    };
    description = t("purchase.fundsDescription", { amount: f(amountMicros) });
  }
  const totals = invoiceTotals([{ amountMicros: details.subtotalMicros }], ctx.taxRateBps, plan.currency);
  details = { ...details, taxMicros: totals.taxMicros };
  return {
    details,
    totalCents: totals.totalCents,
    quote: {
      kind: details.kind === "pack" ? "pack" : "funds",
      description,
      packCode: details.packCode,
      creditsText,
      expiresText,
      subtotalText: f(totals.subtotalMicros),
      taxText: f(totals.taxMicros),
      totalText: formatMoney({ amount: centsToMicros(totals.totalCents), asset: plan.currency }, { locale: customer.locale }),
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

/** Why the default card cannot be charged now, if it cannot; `charged` says what would be (an upgrade). */
export function cardProblem(card: PaymentMethod | null, now: Date, charged: "purchase" | "upgrade" | "invoice" = "purchase"): { ok: false; code: "no_payment_method" | "card_expired"; message: string } | null {
  const t = actionWords();
  if (!card) return { ok: false, code: "no_payment_method", message: t("card.addFirst", { charge: charged }) };
  if (Date.UTC(card.expYear, card.expMonth, 1) <= now.getTime()) {
    return { ok: false, code: "card_expired", message: t("card.expired", { which: card.isDefault ? "default" : "chosen", last4: card.last4 }) };
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

