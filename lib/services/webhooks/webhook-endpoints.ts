import "server-only";
// The merchant's webhook endpoints (DESIGN §8): created, listed and deleted through the API. Each
// has its own signing secret, returned once at creation and kept to sign deliveries; each may
// subscribe to some event types (none = all). Deleting stops future deliveries (and retries).
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { WebhookEndpoint } from "@/lib/db/generated/client";
import { newId } from "@/lib/ids";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, sign } from "@/lib/webhooks/signature";
import { ServiceError } from "../shared/errors";
import type { NotificationType } from "./notifications";

export const WEBHOOK_EVENT_TYPES = [
  "balance.low",
  "usage.threshold",
  "top_up.succeeded",
  "payment.failed",
  "invoice.issued",
  "subscription.updated",
] as const satisfies readonly NotificationType[];

const MAX_ENDPOINTS = 16;

/** http(s) only; a URL with credentials in it is refused (they would be logged and sent as-is). */
function checkEndpointUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new ServiceError("invalid_input", "url must be an absolute http(s) URL, e.g. https://example.com/webhooks/portico.", "url");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new ServiceError("invalid_input", "url must use https (or http for local testing).", "url");
  if (u.username || u.password) throw new ServiceError("invalid_input", "url must not contain a user name or password.", "url");
  return u.toString();
}

export async function createWebhookEndpoint(
  merchantId: string,
  input: { url: string; description?: string | null; enabledEvents?: readonly string[] },
  now = new Date(),
): Promise<WebhookEndpoint> {
  const url = checkEndpointUrl(input.url);
  const count = await db().webhookEndpoint.count({ where: { merchantId, deletedAt: null } });
  if (count >= MAX_ENDPOINTS) throw new ServiceError("limit_exceeded", `At most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`);
  return db().webhookEndpoint.create({
    data: {
      id: newId("we"),
      merchantId,
      url,
      secret: newSecret(),
      description: input.description ?? null,
      enabledEvents: [...new Set(input.enabledEvents ?? [])],
      createdAt: now,
    },
  });
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString("hex")}`;
}

async function endpointOrThrow(merchantId: string, id: string): Promise<WebhookEndpoint> {
  const found = await db().webhookEndpoint.findFirst({ where: { id, merchantId, deletedAt: null } });
  if (!found) throw new ServiceError("not_found", `No webhook endpoint "${id}".`, "id");
  return found;
}

/**
 * A new signing secret, returned once; the old one stops signing at once (every delivery from now
 * on, retries included, is signed with the new one — deliveries are signed when they are sent).
 */
export async function rotateWebhookSecret(merchantId: string, id: string): Promise<WebhookEndpoint> {
  await endpointOrThrow(merchantId, id);
  return db().webhookEndpoint.update({ where: { id }, data: { secret: newSecret() } });
}

const TEST_TIMEOUT_MS = 10_000;

type TestDelivery = { eventId: string; delivered: boolean; status: number | null; error: string | null; durationMs: number };

/**
 * Send one signed `webhook_endpoint.test` event to the endpoint now and say how it answered (2xx =
 * delivered). Nothing is queued or retried: it is for checking the URL and the signature code.
 */
export async function sendTestWebhook(merchantId: string, id: string, now = new Date()): Promise<TestDelivery> {
  const e = await endpointOrThrow(merchantId, id);
  const eventId = newId("evt");
  const body = JSON.stringify({ id: eventId, type: "webhook_endpoint.test", created: now.toISOString(), data: { webhook_endpoint: e.id, message: "A test event from Portico. Answer 2xx to acknowledge." } });
  const started = Date.now();
  try {
    const res = await fetch(e.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Portico-Webhooks/1", [SIGNATURE_HEADER]: sign(e.secret, body, Math.floor(now.getTime() / 1000)), [EVENT_ID_HEADER]: eventId },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
    });
    const ok = res.status >= 200 && res.status < 300;
    return { eventId, delivered: ok, status: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: Date.now() - started };
  } catch (err) {
    return { eventId, delivered: false, status: null, error: err instanceof Error ? err.message : String(err), durationMs: Date.now() - started };
  }
}

export async function listWebhookEndpoints(merchantId: string): Promise<WebhookEndpoint[]> {
  return db().webhookEndpoint.findMany({ where: { merchantId, deletedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** Soft delete (deliveries keep naming it); another merchant's endpoint is not found. */
export async function deleteWebhookEndpoint(merchantId: string, id: string, now = new Date()): Promise<WebhookEndpoint> {
  const found = await db().webhookEndpoint.findFirst({ where: { id, merchantId, deletedAt: null } });
  if (!found) throw new ServiceError("not_found", `No webhook endpoint "${id}".`, "id");
  return db().webhookEndpoint.update({ where: { id }, data: { deletedAt: now } });
}

/** Does this endpoint want this event type? */
export function wants(endpoint: Pick<WebhookEndpoint, "enabledEvents">, type: string): boolean {
  return endpoint.enabledEvents.length === 0 || endpoint.enabledEvents.includes(type);
}
