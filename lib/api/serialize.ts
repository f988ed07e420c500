// Portico's objects as the merchant API shows them (snake_case, amounts as DESIGN §8's object).
import type { z } from "zod";
import { readAddress } from "@/lib/billing/countries";
import { amountJson, centsToMicros } from "@/lib/billing/money";
import { describeAction, describePolicies, planColumns, usageAsset } from "@/lib/billing/plans";
import type { Hold, WebhookEndpoint } from "@/lib/db/generated/client";
import type { StoredPlan } from "@/lib/db/plans";
import type { Authorization, UsageResult, WalletView } from "@/lib/services/usage";
import { type CustomerWithSubscription, readParties, type Party, type MerchantEvent, type MerchantInvoice, type MerchantPayment } from "@/lib/services/customers";
import { eventPayload } from "@/lib/services/webhooks";
import type * as s from "./schemas";
import { storedLocale } from "@/lib/i18n/locale-scope";

type Amount = z.input<typeof s.amountSchema>;

const amount = (value: bigint, asset: string): Amount => amountJson({ amount: value, asset });
const maybe = (value: bigint | null | undefined, asset: string): Amount | null => (value === null || value === undefined ? null : amount(value, asset));
const iso = (d: Date) => d.toISOString();

export function planJson(p: StoredPlan): z.input<typeof s.planSchema> {
  const asset = usageAsset(p);
  const c = planColumns(p);
  return {
    id: p.id,
    object: "plan",
    code: p.code,
    version: p.version,
    name: p.name,
    model: p.model,
    currency: p.currency,
    active: p.active,
    price: amount(p.priceMicros, p.currency),
    interval_months: p.intervalMonths,
    zero_balance_policy: p.zeroBalancePolicy,
    // planColumns: null for the fields of other models
    included: maybe(c.includedUnits, asset),
    overage_price: maybe(c.overagePriceMicros, p.currency),
    allowance: maybe(c.allowanceMilli, "CREDIT"),
    rollover_cap: maybe(c.rolloverCapMilli, "CREDIT"),
    purchased_credits_expire_after_months: c.purchasedExpiryMonths,
    grant: maybe(c.grantMicros, p.currency),
    top_up_min: maybe(c.topUpMinMicros, p.currency),
    top_up_max: maybe(c.topUpMaxMicros, p.currency),
    actions: p.actions.map((a) => ({
      code: a.code,
      name: a.name,
      unit_label: a.unitLabel,
      unit_cost: amount(a.unitCost, asset),
      description: describeAction(p, a),
    })),
    packs: p.packs.map((k) => ({
      code: k.code,
      name: k.name,
      credits: amount(k.creditsMilli, "CREDIT"),
      price: amount(k.priceMicros, p.currency),
      expires_after_months: k.expiryMonths,
    })),
    policies: describePolicies(p),
  };
}

export function customerJson(c: CustomerWithSubscription): z.input<typeof s.customerSchema> {
  const sub = c.subscription;
  return {
    id: c.id,
    object: "customer",
    external_id: c.externalId,
    name: c.name,
    email: c.email,
    locale: c.locale,
    currency: c.currency,
    created_at: iso(c.createdAt),
    billing_details: { name: c.billingName, address: readAddress(c.billingAddress), tax_id: c.taxId },
    subscription: sub
      ? {
          id: sub.id,
          object: "subscription",
          plan: sub.plan.code,
          plan_version: sub.plan.version,
          status: sub.status,
          current_period_start: iso(sub.currentPeriodStart),
          current_period_end: iso(sub.currentPeriodEnd),
          cancel_at_period_end: sub.cancelAtPeriodEnd,
          pending_plan: sub.pendingPlan?.code ?? null,
          spending_cap: maybe(sub.spendingCapMicros, c.currency),
        }
      : null,
  };
}

/** A hold; its overage part is in `currency` (the customer's plan currency). */
export function holdJson(h: Hold, currency: string): z.input<typeof s.holdSchema> {
  return {
    id: h.id,
    object: "hold",
    customer: h.customerId,
    action: h.action,
    quantity: h.quantity.toString(),
    amount: amount(h.amount, h.asset),
    overage: h.overageMicros > 0n ? amount(h.overageMicros, currency) : null,
    status: h.status,
    expires_at: iso(h.expiresAt),
    created_at: iso(h.createdAt),
    captured_quantity: h.capturedQuantity === null ? null : h.capturedQuantity.toString(),
    captured_amount: maybe(h.capturedAmount, h.asset),
    usage_event: h.status === "captured" ? h.id : null,
    resolved_at: h.resolvedAt ? iso(h.resolvedAt) : null,
  };
}

export function walletJson(w: WalletView, holds: Hold[]): z.input<typeof s.walletSchema> {
  const plan = w.plan;
  const sub = w.subscription;
  const overage = w.overage;
  return {
    object: "wallet",
    customer: w.customer.id,
    plan: plan?.code ?? null,
    model: plan?.model ?? null,
    period: sub ? { start: iso(sub.periodStart), end: iso(sub.periodEnd) } : null,
    usable: w.usable ? { available: amount(w.usable.available, w.usable.asset), held: amount(w.usable.held, w.usable.asset) } : null,
    buckets: w.buckets
      .filter((b) => b.bucket !== "overage")
      .map((b) => ({
        bucket: b.bucket as "included_usage" | "plan_credits" | "purchased_credits" | "balance",
        label: b.label,
        available: amount(b.available, b.asset),
        held: amount(b.held, b.asset),
        posted: amount(b.posted, b.asset),
        expires_at: b.expiresAt ? iso(b.expiresAt) : null,
      })),
    included: w.included
      ? {
          granted: amount(w.included.granted, w.usable?.asset ?? "API_CALL"),
          used: amount(w.included.used, w.usable?.asset ?? "API_CALL"),
          left: amount(w.included.left, w.usable?.asset ?? "API_CALL"),
        }
      : null,
    overage: overage
      ? {
          accrued: amount(overage.accruedMicros, plan?.currency ?? "USD"),
          cap: maybe(overage.capMicros, plan?.currency ?? "USD"),
          cap_left: overage.capMicros === null ? null : amount(overage.capMicros > overage.accruedMicros ? overage.capMicros - overage.accruedMicros : 0n, plan?.currency ?? "USD"),
        }
      : null,
    pending_holds: holds.map((h) => holdJson(h, plan?.currency ?? w.customer.currency)),
  };
}

export function authorizationJson(a: Authorization): z.input<typeof s.authorizationSchema> {
  const asset = a.asset ?? "USD";
  return {
    object: "authorization",
    allowed: a.allowed,
    reason: a.reason,
    message: a.message,
    customer: a.customerId,
    action: a.action,
    quantity: a.quantity.toString(),
    cost: a.asset ? maybe(a.cost, asset) : null,
    overage: a.overageMicros !== null && a.overageMicros > 0n ? amount(a.overageMicros, a.currency) : null,
    available: a.asset ? maybe(a.available, asset) : null,
    remaining: a.asset ? maybe(a.remaining, asset) : null,
    overage_cap_left: maybe(a.overageCapLeftMicros, a.currency),
    hold: a.hold ? holdJson(a.hold, a.hold.currency) : null,
  };
}

export function usageResultJson(index: number, r: UsageResult | { id: string | null; status: "rejected"; reason: string; message: string }): z.input<typeof s.usageResultSchema> {
  if (r.status === "accepted") {
    return {
      index,
      id: r.id,
      status: "accepted",
      customer: r.customerId,
      cost: amount(r.costAmount, r.costAsset),
      overage: r.overageMicros > 0n ? amount(r.overageMicros, r.currency) : null,
      reason: null,
      message: null,
    };
  }
  if (r.status === "duplicate") return { index, id: r.id, status: "duplicate", customer: null, cost: null, overage: null, reason: null, message: "Already recorded: not charged again." };
  return { index, id: r.id, status: "rejected", customer: null, cost: null, overage: null, reason: r.reason as (typeof s.USAGE_REJECT_REASONS)[number], message: r.message };
}


function partyJson(p: Party | null | undefined) {
  return p ? { name: p.name, email: p.email, address: p.address, tax_id: p.taxId } : null;
}

export function invoiceJson(inv: MerchantInvoice): z.input<typeof s.invoiceSchema> {
  const locale = storedLocale(inv.customer.locale);
  const usd = (micros: bigint) => amountJson({ amount: micros, asset: inv.currency }, locale);
  const parties = readParties(inv.parties);
  return {
    id: inv.id,
    object: "invoice",
    number: inv.number ?? "",
    customer: inv.customer.id,
    customer_external_id: inv.customer.externalId,
    kind: inv.kind,
    status: inv.status as (typeof s.INVOICE_STATUSES)[number],
    currency: inv.currency,
    lines: inv.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity.toString(),
      unit_label: l.unitLabel,
      unit_price: l.unitPriceMicros === null ? null : usd(l.unitPriceMicros),
      amount: usd(l.amountMicros),
    })),
    subtotal: usd(inv.subtotalMicros),
    tax_rate_bps: inv.taxRateBps,
    tax: usd(inv.taxMicros),
    total: usd(centsToMicros(inv.totalCents)),
    period_start: inv.periodStart ? iso(inv.periodStart) : null,
    period_end: inv.periodEnd ? iso(inv.periodEnd) : null,
    credits_invoice: inv.originalId,
    seller: partyJson(parties?.seller),
    buyer: partyJson(parties?.buyer),
    issued_at: iso(inv.issuedAt ?? inv.createdAt),
    due_at: inv.dueAt ? iso(inv.dueAt) : null,
    paid_at: inv.paidAt ? iso(inv.paidAt) : null,
    pdf_url: `/api/v1/invoices/${inv.id}/pdf`,
  };
}

export function paymentJson(p: MerchantPayment): z.input<typeof s.paymentSchema> {
  return {
    id: p.id,
    object: "payment",
    customer: p.customer.id,
    invoice: p.invoiceId,
    purpose: p.purpose,
    status: p.status,
    amount: amountJson({ amount: centsToMicros(p.amountCents), asset: p.currency }, storedLocale(p.customer.locale)),
    card: p.card,
    provider: p.provider,
    provider_payment_id: p.providerPaymentId,
    failure_code: p.failureCode,
    failure_message: p.failureMessage,
    created_at: iso(p.createdAt),
  };
}

export function eventJson(n: MerchantEvent): z.input<typeof s.eventSchema> {
  const e = eventPayload(n, n.customer);
  return { id: e.id, object: "event", type: e.type as (typeof s.WEBHOOK_EVENTS)[number], created: e.created, data: e.data };
}

export function webhookEndpointJson(e: WebhookEndpoint): z.input<typeof s.webhookEndpointSchema> {
  return { id: e.id, object: "webhook_endpoint", url: e.url, description: e.description, enabled_events: e.enabledEvents, created_at: e.createdAt.toISOString() };
}
