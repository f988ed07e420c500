import "server-only";
// The merchant's webhook endpoints (DESIGN §8): created, listed and deleted through the API. Each
// has its own signing secret, returned once at creation and kept to sign deliveries; each may
// subscribe to some event types (none = all). Deleting stops future deliveries (and retries).
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { WebhookEndpoint } from "@/lib/db/generated/client";
import { newId } from "@/lib/ids";
import { ServiceError } from "./errors";
import type { NotificationType } from "./notifications";

export const WEBHOOK_EVENT_TYPES = [
  "balance.low",
  "usage.threshold",
  "top_up.succeeded",
  "payment.failed",
  "invoice.issued",
  "subscription.updated",
] as const satisfies readonly NotificationType[];

export const MAX_ENDPOINTS = 16;

/** http(s) only; a URL with credentials in it is refused (they would be logged and sent as-is). */
export function checkEndpointUrl(text: string): string {
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
      secret: `whsec_${randomBytes(24).toString("hex")}`,
      description: input.description ?? null,
      enabledEvents: [...new Set(input.enabledEvents ?? [])],
      createdAt: now,
    },
  });
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
