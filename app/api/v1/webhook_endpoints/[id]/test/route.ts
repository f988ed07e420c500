import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { sendTestWebhook } from "@/lib/services/webhooks";

export const POST = apiRoute(ENDPOINTS.testWebhookEndpoint, async ({ caller, params, now }) => {
  const t = await sendTestWebhook(caller.merchantId, params.id, now);
  return { object: "webhook_test" as const, webhook_endpoint: params.id, event_id: t.eventId, delivered: t.delivered, status: t.status, error: t.error, duration_ms: t.durationMs };
});
