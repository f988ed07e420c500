import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { holdJson } from "@/lib/api/serialize";
import { releaseHold } from "@/lib/services/usage";

export const POST = apiRoute(ENDPOINTS.releaseHold, async ({ caller, params, now }) => {
  const hold = await releaseHold({ merchantId: caller.merchantId, holdId: params.id, now });
  return holdJson(hold, hold.currency);
});
