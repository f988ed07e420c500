import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { deleteWebhookEndpoint } from "@/lib/services/webhooks";

export const DELETE = apiRoute(ENDPOINTS.deleteWebhookEndpoint, async ({ caller, params, now }) => {
  const e = await deleteWebhookEndpoint(caller.merchantId, params.id, now);
  return { id: e.id, object: "webhook_endpoint" as const, deleted: true as const };
});
