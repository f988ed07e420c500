// One example per webhook event type Portico sends. Keyed by the sender's own NotificationType, so a
// new type does not compile until it is documented here; the envelope is the one
// lib/services/webhooks/dispatch.ts builds: { id, type, created, data: { customer, title, message, ...data } }.
import type { NotificationType } from "@/lib/services/webhooks";

type Example = { title: string; message: string; data: Record<string, unknown> };

const WEBHOOK_EVENT_EXAMPLES: Record<NotificationType, Example> = {
  "balance.low": {
    title: "Your balance is low",
    message: "Your balance is below the threshold you set.",
    data: { available: "4200", threshold: "5000", asset: "CREDIT" },
  },
  "usage.threshold": {
    title: "You have used 80% of your allowance",
    message: "You have used 80% of this period's credits.",
    data: { percent: 80, used: "80000", granted: "100000", asset: "CREDIT", period_start: "2026-12-01T00:00:00.000Z" },
  },
  "top_up.succeeded": {
    title: "Credits added",
    message: "Your payment succeeded and the credits are in your wallet.",
    data: { payment_id: "pay_…", invoice_id: "inv_…", amount_cents: "2000", kind: "pack", automatic: false },
  },
  "payment.failed": {
    title: "A payment failed",
    message: "Your card was declined.",
    data: { payment_id: "pay_…", code: "card_declined", purpose: "top_up" },
  },
  "invoice.issued": {
    title: "Invoice INV-0001 issued",
    message: "A new invoice is ready.",
    data: { invoice_id: "inv_…", number: "INV-0001", kind: "subscription", status: "open", total_cents: "4900" },
  },
  "subscription.updated": {
    title: "Your plan changed",
    message: "You are now on the Pro plan.",
    data: { change: "upgrade", from_plan: "plan_…", to_plan: "plan_…", effective_at: "2026-12-06T12:00:00.000Z", invoice_number: "INV-0002" },
  },
  "auto_top_up.failed": {
    title: "Automatic top-up failed",
    message: "We could not top up your balance automatically.",
    data: { run_id: "atr_…", payment_id: "pay_…", attempt: 1, code: "card_declined" },
  },
};

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_EXAMPLES) as NotificationType[];

/** The body Portico POSTs for an event of this type (the shape dispatch.ts sends). */
export function examplePayload(type: NotificationType) {
  const e = WEBHOOK_EVENT_EXAMPLES[type];
  return {
    id: "evt_01J…",
    type,
    created: "2026-12-06T12:00:00.000Z",
    data: { customer: { id: "cus_…", external_id: "user_42" }, title: e.title, message: e.message, ...e.data },
  };
}
