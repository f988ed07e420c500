import { ENDPOINTS } from "@/lib/api/endpoints";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { customerJson } from "@/lib/api/serialize";
import { db } from "@/lib/db/client";
import { findCustomer } from "@/lib/services/customer-directory";

export const GET = apiRoute(ENDPOINTS.getCustomer, async ({ caller, params }) => {
  const customer = await findCustomer(db(), caller.merchantId, params.id);
  if (!customer) throw notFound("customer", params.id);
  return customerJson(customer);
});
