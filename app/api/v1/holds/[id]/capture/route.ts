import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { holdJson } from "@/lib/api/serialize";
import { captureHold } from "@/lib/services/usage";

export const POST = apiRoute(ENDPOINTS.captureHold, async ({ caller, params, body, now }) => {
  const hold = await captureHold({ merchantId: caller.merchantId, holdId: params.id, quantity: body.quantity, properties: body.properties, now });
  return holdJson(hold, hold.currency);
});
