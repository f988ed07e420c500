import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { authorizationJson } from "@/lib/api/serialize";
import { authorize } from "@/lib/services/usage";

export const POST = apiRoute(ENDPOINTS.authorize, async ({ caller, body, now }) => {
  const result = await authorize({
    merchantId: caller.merchantId,
    customer: body.customer,
    action: body.action,
    quantity: body.quantity,
    hold: body.hold,
    holdTtlSeconds: body.hold_ttl_seconds,
    now,
  });
  return authorizationJson(result);
});
