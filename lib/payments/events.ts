// Provider events (Stripe's shape; the sandbox sends the same) mapped to what Portico acts on:
// which payment, setup or card an event concerns. The handler then asks the provider for the
// object's current state, so events may arrive late, twice or out of order.
import type { ProviderEventInput, ProviderName } from "./types";

const idOf = (x: string | { id: string } | null | undefined): string | null => (x == null ? null : typeof x === "string" ? x : x.id);

type EventObject = { id: string; object?: string; payment_intent?: string | { id: string } | null; charge?: string | { id: string } | null; metadata?: Record<string, string> | null; customer?: string | { id: string } | null; payment_method?: string | { id: string } | null };

/** A provider event → what Portico acts on. Unknown types are acknowledged and ignored. */
export function mapProviderEvent(provider: ProviderName, event: { id: string; type: string; created: number; data: { object: unknown } }): ProviderEventInput {
  const o = event.data.object as EventObject;
  const base = { provider, id: event.id, type: event.type, created: new Date(event.created * 1000), payload: event };
  switch (event.type) {
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed":
    case "payment_intent.requires_action":
    case "payment_intent.canceled":
      return { ...base, target: { kind: "payment", providerPaymentId: o.id, paymentId: o.metadata?.portico_payment_id ?? null, chargeId: null } };
    case "charge.refunded":
      return { ...base, target: { kind: "payment", providerPaymentId: idOf(o.payment_intent), paymentId: o.metadata?.portico_payment_id ?? null, chargeId: o.id } };
    case "charge.dispute.created":
      return { ...base, target: { kind: "payment", providerPaymentId: idOf(o.payment_intent), paymentId: null, chargeId: idOf(o.charge) } };
    case "setup_intent.succeeded":
      return { ...base, target: { kind: "setup", setupId: o.id, providerPmId: idOf(o.payment_method), providerCustomerId: idOf(o.customer) } };
    case "payment_method.detached":
      return { ...base, target: { kind: "payment_method_detached", providerPmId: o.id } };
    default:
      return { ...base, target: { kind: "ignored" } };
  }
}
