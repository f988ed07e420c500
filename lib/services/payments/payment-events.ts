import "server-only";
// Provider events (Stripe webhooks, the sandbox's queued events): recorded once by id, then the
// object each names is fetched fresh from the provider and applied (lib/services/payments/payments.ts) — so
// order and repetition do not matter.
import { db } from "@/lib/db/client";
import { gatewayFor } from "@/lib/payments";
import { mapProviderEvent } from "@/lib/payments/events";
import type { ProviderEventInput, ProviderPayment } from "@/lib/payments/types";
import { markCardDetached, saveSetupCard } from "./payment-methods";
import { applyProviderState } from "./payments";

type EventResult = { status: "processed" | "duplicate" | "ignored" | "unknown_payment"; paymentId?: string };

/**
 * Handle a verified provider event once: recorded by id (a replay is a no-op), then the object it
 * names is fetched fresh from the provider and applied — so order and repetition do not matter.
 */
export async function handleProviderEvent(ev: ProviderEventInput, now = new Date()): Promise<EventResult> {
  const inserted = await db().$executeRawUnsafe(
    `INSERT INTO provider_events (id, provider, type, payload) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO NOTHING`,
    ev.id,
    ev.provider,
    ev.type,
    JSON.stringify(ev.payload),
  );
  if (inserted === 0) {
    const seen = await db().providerEvent.findUnique({ where: { id: ev.id } });
    if (seen?.processedAt) return { status: "duplicate" };
  }
  const result = await processEvent(ev, now);
  await db().providerEvent.update({ where: { id: ev.id }, data: { processedAt: new Date() } });
  return result;
}

async function processEvent(ev: ProviderEventInput, now: Date): Promise<EventResult> {
  const t = ev.target;
  const gateway = gatewayFor(ev.provider);
  switch (t.kind) {
    case "payment": {
      let providerPaymentId = t.providerPaymentId;
      if (!providerPaymentId && t.chargeId) providerPaymentId = await gateway.paymentOfCharge(t.chargeId);
      let payment = providerPaymentId ? await db().payment.findUnique({ where: { providerPaymentId } }) : null;
      let state: ProviderPayment | null = null;
      if (!payment && providerPaymentId) {
        // A payment whose provider id was never recorded (a crash after the charge): its metadata names it.
        state = await gateway.retrievePayment(providerPaymentId);
        const id = state.paymentId ?? t.paymentId;
        payment = id ? await db().payment.findFirst({ where: { id, provider: ev.provider } }) : null;
      }
      if (!payment || payment.provider !== ev.provider) return { status: "unknown_payment" };
      if (!state) state = await gateway.retrievePayment(providerPaymentId ?? payment.providerPaymentId!);
      await applyProviderState(payment.id, state, now);
      return { status: "processed", paymentId: payment.id };
    }
    case "setup": {
      const saved = await saveSetupCard({ provider: ev.provider, setupId: t.setupId, now });
      return { status: saved ? "processed" : "ignored" };
    }
    case "payment_method_detached": {
      await markCardDetached(ev.provider, t.providerPmId, now);
      return { status: "processed" };
    }
    case "ignored":
      return { status: "ignored" };
  }
}

/** The sandbox's "webhook": its events arrive through the job queue, to the same handler. */
export async function handleSandboxEventJob(payload: Record<string, unknown>, ctx: { now: Date }): Promise<void> {
  const event = payload.event as { id: string; type: string; created: number; data: { object: unknown } } | undefined;
  if (!event?.id) return;
  await handleProviderEvent(mapProviderEvent("sandbox", event), ctx.now);
}
