import { ENDPOINTS } from "@/lib/api/endpoints";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { merchantInvoicePdf } from "@/lib/services/customers";

export const GET = apiRoute(ENDPOINTS.getInvoicePdf, async ({ caller, params }) => {
  const pdf = await merchantInvoicePdf(caller.merchantId, params.id);
  if (!pdf) throw notFound("invoice", params.id);
  return pdf;
});
