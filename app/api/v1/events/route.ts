import { ENDPOINTS } from "@/lib/api/endpoints";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { eventJson } from "@/lib/api/serialize";
import { listMerchantEvents } from "@/lib/services/customers";

export const GET = apiRoute(ENDPOINTS.listEvents, async ({ caller, query }) => {
  const page = await listMerchantEvents(caller.merchantId, { limit: query.limit, startingAfter: query.starting_after, customer: query.customer, type: query.type });
  if ("cursorMissing" in page) throw new ApiError("resource_missing", `No event "${query.starting_after}" to start after.`, { param: "starting_after" });
  const data = page.data.map(eventJson);
  return { object: "list" as const, data, has_more: page.hasMore, next_cursor: page.hasMore ? (data.at(-1)?.id ?? null) : null };
});
