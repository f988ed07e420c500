import { ENDPOINTS } from "@/lib/api/endpoints";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { transaction } from "@/lib/db/tx";
import { findCustomer } from "@/lib/services/customers";
import { createPortalSession } from "@/lib/services/portal";

export const POST = apiRoute(ENDPOINTS.createPortalSession, async ({ caller, body, req, now }) => {
  // Links point at the portal's public address (NEXTAUTH_URL), which decides where cookies live.
  const baseUrl = process.env.NEXTAUTH_URL ?? new URL(req.url).origin;
  const { session, url } = await transaction(async (tx) => {
    const customer = await findCustomer(tx, caller.merchantId, body.customer);
    if (!customer) throw notFound("customer", body.customer, "customer");
    return createPortalSession(tx, { merchantId: caller.merchantId, customerId: customer.id, returnUrl: body.return_url ?? null, baseUrl, now, embed: body.embed === true });
  });
  return {
    id: session.id,
    object: "portal_session" as const,
    customer: session.customerId,
    url,
    return_url: session.returnUrl,
    embed: session.embed,
    expires_at: session.expiresAt.toISOString(),
    created_at: session.createdAt.toISOString(),
  };
});
