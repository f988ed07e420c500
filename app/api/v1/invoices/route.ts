import { ENDPOINTS } from "@/lib/api/endpoints";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { invoiceJson } from "@/lib/api/serialize";
import { listMerchantInvoices } from "@/lib/services/customers";

export const GET = apiRoute(ENDPOINTS.listInvoices, async ({ caller, query }) => {
  const page = await listMerchantInvoices(caller.merchantId, { limit: query.limit, startingAfter: query.starting_after, customer: query.customer, status: query.status });
  if ("cursorMissing" in page) throw new ApiError("resource_missing", `No invoice "${query.starting_after}" to start after.`, { param: "starting_after" });
  return { object: "list" as const, data: page.data.map(invoiceJson), has_more: page.hasMore, next_cursor: page.hasMore ? (page.data.at(-1)?.id ?? null) : null };
});
