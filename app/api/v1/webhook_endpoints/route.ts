import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { webhookEndpointJson as endpointJson } from "@/lib/api/serialize";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/services/webhooks";

export const POST = apiRoute(ENDPOINTS.createWebhookEndpoint, async ({ caller, body, now }) => {
  const e = await createWebhookEndpoint(caller.merchantId, { url: body.url, description: body.description ?? null, enabledEvents: body.enabled_events ?? [] }, now);
  // The secret is returned here, once.
  return { ...endpointJson(e), secret: e.secret };
});

export const GET = apiRoute(ENDPOINTS.listWebhookEndpoints, async ({ caller }) => {
  return { object: "list" as const, data: (await listWebhookEndpoints(caller.merchantId)).map(endpointJson) };
});
