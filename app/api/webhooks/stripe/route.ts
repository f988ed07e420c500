// Stripe's webhooks: verified on the raw body (signature and timestamp within the tolerance),
// recorded by event id (a replay is a no-op), then the object they name is fetched fresh from
// Stripe and applied through the same path as the portal's own flow. A processing error answers
// 500 so Stripe delivers the event again.
import { NextResponse } from "next/server";
import { stripeGatewayOrNull } from "@/lib/payments";
import { WebhookSignatureError } from "@/lib/payments/stripe";
import { handleProviderEvent } from "@/lib/services/payments";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const stripe = stripeGatewayOrNull();
  if (!stripe) return NextResponse.json({ error: { message: "Stripe is not configured on this server." } }, { status: 404 });
  const raw = await req.text();
  let event;
  try {
    event = stripe.parseWebhook(raw, req.headers.get("stripe-signature"));
  } catch (e) {
    if (e instanceof WebhookSignatureError) return NextResponse.json({ error: { message: e.message } }, { status: 400 });
    throw e;
  }
  try {
    const result = await handleProviderEvent(event);
    return NextResponse.json({ received: true, ...result });
  } catch (e) {
    console.error(`[webhooks/stripe] ${event.type} ${event.id} failed:`, e);
    return NextResponse.json({ error: { message: "The event could not be processed; it will be retried." } }, { status: 500 });
  }
}
