import { ENDPOINTS } from "@/lib/api/endpoints";
import { ApiError, notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { customerJson } from "@/lib/api/serialize";
import { db } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { updateCustomerDetails, findCustomer } from "@/lib/services/customers";

export const GET = apiRoute(ENDPOINTS.getCustomer, async ({ caller, params }) => {
  const customer = await findCustomer(db(), caller.merchantId, params.id);
  if (!customer) throw notFound("customer", params.id);
  return customerJson(customer);
});

export const PATCH = apiRoute(ENDPOINTS.updateCustomer, async ({ caller, params, body }) => {
  return transaction(async (tx) => {
    const customer = await findCustomer(tx, caller.merchantId, params.id);
    if (!customer) throw notFound("customer", params.id);
    const r = await updateCustomerDetails(tx, customer.id, body);
    if (!r.ok) throw new ApiError("parameter_invalid", r.message, { param: r.param });
    return customerJson((await findCustomer(tx, caller.merchantId, customer.id))!);
  });
});
