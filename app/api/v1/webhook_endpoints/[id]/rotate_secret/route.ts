import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { webhookEndpointJson } from "@/lib/api/serialize";
import { rotateWebhookSecret } from "@/lib/services/webhooks";

export const POST = apiRoute(ENDPOINTS.rotateWebhookSecret, async ({ caller, params }) => {
  const e = await rotateWebhookSecret(caller.merchantId, params.id);
  // The new secret is returned here, once.
  return { ...webhookEndpointJson(e), secret: e.secret };
});
