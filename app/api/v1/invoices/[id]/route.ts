import { ENDPOINTS } from "@/lib/api/endpoints";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { invoiceJson } from "@/lib/api/serialize";
import { getMerchantInvoice } from "@/lib/services/customers";

export const GET = apiRoute(ENDPOINTS.getInvoice, async ({ caller, params }) => {
  const inv = await getMerchantInvoice(caller.merchantId, params.id);
  if (!inv) throw notFound("invoice", params.id);
  return invoiceJson(inv);
});
