import { ENDPOINTS } from "@/lib/api/endpoints";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { holdJson } from "@/lib/api/serialize";
import { getHold } from "@/lib/services/usage";

export const GET = apiRoute(ENDPOINTS.getHold, async ({ caller, params }) => {
  const hold = await getHold(caller.merchantId, params.id);
  if (!hold) throw notFound("hold", params.id);
  return holdJson(hold, hold.currency);
});
