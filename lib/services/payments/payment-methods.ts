import "server-only";
// Saved cards: the provider keeps the card; Portico keeps a row per card (brand, last 4, expiry,
// which one is the default) for the pages and for charging. Adding goes through the provider's
// setup (Stripe: a SetupIntent confirmed by the Payment Element; the sandbox: its own form), and
// the setup's result is saved by whichever arrives first — the page returning, or the
// setup_intent.succeeded event.
import { formatMoney } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { lockRow } from "@/lib/db/lock-row";
import type { PaymentMethod } from "@/lib/db/generated/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { transaction, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { gatewayFor, sandboxGateway, type ProviderName } from "@/lib/payments";
import { seedSandboxCard } from "@/lib/payments/sandbox";
import type { SavedCard } from "@/lib/payments/types";
import { formatDate } from "@/lib/format/dates";
import { actionWords } from "@/lib/i18n/action-words";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { say } from "@/lib/i18n/say";

export type CardView = { id: string; brand: string; last4: string; expMonth: number; expYear: number; isDefault: boolean; expired: boolean; provider: string };

type CardResult<T = CardView> = { ok: true; card: T } | { ok: false; code: string; message: string; field?: string };

function cardView(pm: PaymentMethod, now: Date): CardView {
  return {
    id: pm.id,
    brand: pm.brand,
    last4: pm.last4,
    expMonth: pm.expMonth,
    expYear: pm.expYear,
    isDefault: pm.isDefault,
    expired: Date.UTC(pm.expYear, pm.expMonth, 1) <= now.getTime(),
    provider: pm.provider,
  };
}

/** The customer's saved cards, default first. */
export async function listCards(customerId: string, now = new Date()): Promise<CardView[]> {
  const rows = await db().paymentMethod.findMany({ where: { customerId, detachedAt: null }, orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }] });
  return rows.map((r) => cardView(r, now));
}

export async function defaultCard(client: Pick<Tx, "paymentMethod">, customerId: string): Promise<PaymentMethod | null> {
  return client.paymentMethod.findFirst({ where: { customerId, isDefault: true, detachedAt: null } });
}

/** Every saved card of the account, the default first (then the newest). */
export async function savedCards(client: Pick<Tx, "paymentMethod">, customerId: string): Promise<PaymentMethod[]> {
  return client.paymentMethod.findMany({ where: { customerId, detachedAt: null }, orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }] });
}

/**
 * The card a charge uses: the saved card the customer chose (never changing the default), else
 * the default; "unknown" when the chosen one is not a saved card of this account.
 */
export function chosenCard(cards: PaymentMethod[], paymentMethodId: string | undefined): PaymentMethod | null | "unknown" {
  if (paymentMethodId === undefined) return cards.find((c) => c.isDefault) ?? null;
  return cards.find((c) => c.id === paymentMethodId) ?? "unknown";
}

/** The provider's customer object of this account, created on first need. */
export async function ensureProviderCustomer(customerId: string, provider: ProviderName): Promise<string> {
  const found = await db().paymentCustomer.findUnique({ where: { customerId_provider: { customerId, provider } } });
  if (found) return found.providerCustomerId;
  const customer = await db().customer.findUniqueOrThrow({ where: { id: customerId } });
  const providerCustomerId = await gatewayFor(provider).createCustomer({ customerId, email: customer.email, name: customer.name });
  try {
    await db().paymentCustomer.create({ data: { customerId, provider, providerCustomerId } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const row = await db().paymentCustomer.findUniqueOrThrow({ where: { customerId_provider: { customerId, provider } } });
  return row.providerCustomerId;
}

/** Record a card the provider saved for this customer (idempotent); the first card becomes the default. */
async function recordCard(customerId: string, provider: ProviderName, card: SavedCard, now: Date): Promise<PaymentMethod> {
  return transaction(async (tx) => {
    await lockRow(tx, "customer", customerId);
    const existing = await tx.paymentMethod.findUnique({ where: { provider_providerPmId: { provider, providerPmId: card.providerPmId } } });
    if (existing) {
      if (existing.customerId !== customerId) throw new Error(`Card ${card.providerPmId} belongs to another customer`);
      return existing;
    }
    const hasDefault = (await defaultCard(tx, customerId)) !== null;
    return tx.paymentMethod.create({
      data: {
        id: newId("pm"), customerId, provider, providerPmId: card.providerPmId, brand: card.brand, last4: card.last4,
        expMonth: card.expMonth, expYear: card.expYear, isDefault: !hasDefault, createdAt: now,
      },
    });
  });
}

/** The sandbox's card form: save a test card on this customer (as Stripe.js + a SetupIntent would). */
export async function addSandboxCard(
  customerId: string,
  input: { number: string; expMonth: number; expYear: number; cvc: string },
  now = new Date(),
): Promise<CardResult> {
  const sandbox = sandboxGateway();
  const providerCustomerId = await ensureProviderCustomer(customerId, "sandbox");
  const { setupId } = await sandbox.createSetup(providerCustomerId);
  const confirmed = await sandbox.confirmSetup(setupId, input, now);
  if (!confirmed.ok) return { ok: false, code: "invalid_card", message: confirmed.message, field: confirmed.field };
  const saved = await saveSetupCard({ provider: "sandbox", setupId, customerId, now });
  if (!saved) throw new Error(`Sandbox setup ${setupId} did not save a card`);
  return { ok: true, card: saved };
}

/** Stripe: a SetupIntent for the Payment Element in the browser. */
export async function startCardSetup(customerId: string): Promise<{ setupId: string; clientSecret: string }> {
  const providerCustomerId = await ensureProviderCustomer(customerId, "stripe");
  return gatewayFor("stripe").createSetup(providerCustomerId);
}

/**
 * Save the card of a completed setup. With `customerId` (the page returning), the setup must
 * belong to that customer's provider account — an id from the URL is never trusted. Without it
 * (a verified webhook), the provider customer names the account. Returns null while pending.
 */
export async function saveSetupCard(args: { provider: ProviderName; setupId: string; customerId?: string; now: Date }): Promise<CardView | null> {
  const setup = await gatewayFor(args.provider).retrieveSetup(args.setupId);
  if (setup.status !== "succeeded" || !setup.card || !setup.providerCustomerId) return null;
  const owner = await db().paymentCustomer.findUnique({ where: { provider_providerCustomerId: { provider: args.provider, providerCustomerId: setup.providerCustomerId } } });
  if (!owner) return null;
  if (args.customerId && owner.customerId !== args.customerId) return null;
  const pm = await recordCard(owner.customerId, args.provider, setup.card, args.now);
  if (pm.isDefault) await gatewayFor(args.provider).setDefaultCard(setup.providerCustomerId, pm.providerPmId);
  return cardView(pm, args.now);
}

async function activeCardOrNull(customerId: string, paymentMethodId: string) {
  return db().paymentMethod.findFirst({ where: { id: paymentMethodId, customerId, detachedAt: null } });
}

export async function setDefaultCard(customerId: string, paymentMethodId: string, now = new Date()): Promise<CardResult> {
  const pm = await activeCardOrNull(customerId, paymentMethodId);
  if (!pm) return { ok: false, code: "not_found", message: actionWords()("card.notSaved") };
  const providerCustomerId = await ensureProviderCustomer(customerId, pm.provider as ProviderName);
  await gatewayFor(pm.provider).setDefaultCard(providerCustomerId, pm.providerPmId);
  const updated = await transaction(async (tx) => {
    await tx.paymentMethod.updateMany({ where: { customerId, isDefault: true }, data: { isDefault: false } });
    return tx.paymentMethod.update({ where: { id: pm.id }, data: { isDefault: true } });
  });
  return { ok: true, card: cardView(updated, now) };
}

/** Does the subscription still need a card on file? (An active, paid plan renews on it.) */
async function subscriptionNeedingCard(customerId: string) {
  const sub = await db().subscription.findUnique({ where: { customerId }, include: { plan: true } });
  if (!sub || sub.status === "canceled" || sub.plan.priceMicros === 0n) return null;
  return sub;
}

export async function removeCard(customerId: string, paymentMethodId: string, now = new Date()): Promise<CardResult<{ id: string }>> {
  const pm = await activeCardOrNull(customerId, paymentMethodId);
  const t = actionWords();
  if (!pm) return { ok: false, code: "not_found", message: t("card.notSaved") };
  const others = await db().paymentMethod.count({ where: { customerId, detachedAt: null, id: { not: pm.id } } });
  const sub = others === 0 ? await subscriptionNeedingCard(customerId) : null;
  if (sub) {
    return {
      ok: false,
      code: "last_card_required",
      message: t("card.onlyCard", { plan: sub.plan.name, price: formatMoney({ amount: sub.plan.priceMicros, asset: sub.plan.currency }, { locale: displayLocale(null) }), months: sub.plan.intervalMonths }),
    };
  }
  const pending = await db().payment.count({ where: { customerId, paymentMethodId: pm.id, status: { in: ["processing", "requires_action"] } } });
  if (pending > 0) return { ok: false, code: "card_in_use", message: t("card.inUse") };
  await gatewayFor(pm.provider).detachCard(pm.providerPmId);
  await markCardDetached(pm.provider as ProviderName, pm.providerPmId, now);
  return { ok: true, card: { id: pm.id } };
}

/** A card gone at the provider (removed here, or detached elsewhere): stop using it; promote another. */
export async function markCardDetached(provider: ProviderName, providerPmId: string, now: Date) {
  const promoted = await transaction(async (tx) => {
    const pm = await tx.paymentMethod.findUnique({ where: { provider_providerPmId: { provider, providerPmId } } });
    if (!pm || pm.detachedAt) return null;
    await tx.paymentMethod.update({ where: { id: pm.id }, data: { detachedAt: now, isDefault: false } });
    if (!pm.isDefault) return null;
    const next = await tx.paymentMethod.findFirst({ where: { customerId: pm.customerId, detachedAt: null }, orderBy: { createdAt: "desc" } });
    if (!next) return null;
    await tx.paymentMethod.update({ where: { id: next.id }, data: { isDefault: true } });
    return next;
  });
  if (promoted) {
    const pc = await db().paymentCustomer.findUnique({ where: { customerId_provider: { customerId: promoted.customerId, provider } } });
    if (pc) await gatewayFor(provider).setDefaultCard(pc.providerCustomerId, promoted.providerPmId);
  }
}

/** The demo's saved default card (a 4242 test card on the sandbox), inside the seed's transaction. */
export async function seedDemoCard(tx: Tx, customer: { id: string; email: string; name: string }, now: Date) {
  const { providerCustomerId, card } = await seedSandboxCard(tx, { customerId: customer.id, email: customer.email, name: customer.name }, now);
  await tx.paymentCustomer.createMany({ data: [{ customerId: customer.id, provider: "sandbox", providerCustomerId }], skipDuplicates: true });
  await tx.paymentMethod.createMany({
    data: [{ id: `pm_demo_${customer.id.replace(/^cus_/, "")}`, customerId: customer.id, provider: "sandbox", providerPmId: card.providerPmId, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear, isDefault: true, createdAt: now }],
    skipDuplicates: true,
  });
}

/** Which plan the saved card pays for, and when it renews: the top of the Billing page. */
export async function billingSummary(customerId: string) {
  const sub = await db().subscription.findUnique({ where: { customerId }, include: { plan: true, customer: { select: { locale: true, currency: true } } } });
  const card = await defaultCard(db(), customerId);
  if (!sub) return { plan: null, card };
  const locale = displayLocale(sub.customer.locale);
  return {
    plan: {
      name: sub.plan.name,
      priceText: say(locale, "actions")("plan.pricePer", { price: formatMoney({ amount: sub.plan.priceMicros, asset: sub.plan.currency }, { locale }), months: sub.plan.intervalMonths }),
      status: sub.status,
      renewsText: formatDate(sub.currentPeriodEnd, locale),
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    },
    card,
  };
}
