import { ENDPOINTS } from "@/lib/api/endpoints";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { customerJson } from "@/lib/api/serialize";
import { db } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { findCustomer, listCustomers, createCustomer } from "@/lib/services/customers";

export const POST = apiRoute(ENDPOINTS.createCustomer, async ({ caller, body, now }) => {
  const created = await transaction(async (tx) => {
    const { customer } = await createCustomer(tx, {
      merchantId: caller.merchantId,
      externalId: body.external_id,
      name: body.name,
      email: body.email,
      planCode: body.plan ?? null,
      locale: body.locale,
      now,
    });
    return findCustomer(tx, caller.merchantId, customer.id);
  });
  return customerJson(created!);
});

export const GET = apiRoute(ENDPOINTS.listCustomers, async ({ caller, query }) => {
  const page = await listCustomers(db(), caller.merchantId, { limit: query.limit, startingAfter: query.starting_after, externalId: query.external_id });
  if ("cursorMissing" in page) throw new ApiError("resource_missing", `No customer "${query.starting_after}" to start after.`, { param: "starting_after" });
  return {
    object: "list" as const,
    data: page.data.map(customerJson),
    has_more: page.hasMore,
    next_cursor: page.hasMore ? page.data[page.data.length - 1]!.id : null,
  };
});
