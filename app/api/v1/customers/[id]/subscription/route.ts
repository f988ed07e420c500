import { ENDPOINTS } from "@/lib/api/endpoints";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { customerJson } from "@/lib/api/serialize";
import { transaction } from "@/lib/db/tx";
import { findCustomer } from "@/lib/services/customers";
import { changePlan } from "@/lib/services/cycle";

export const POST = apiRoute(ENDPOINTS.changeSubscription, async ({ caller, params, body, now }) => {
  return transaction(async (tx) => {
    const customer = await findCustomer(tx, caller.merchantId, params.id);
    if (!customer) throw notFound("customer", params.id);
    const change = await changePlan(tx, { merchantId: caller.merchantId, customerId: customer.id, planCode: body.plan, now });
    const after = await findCustomer(tx, caller.merchantId, customer.id);
    return {
      object: "subscription_change" as const,
      result: change.result,
      effective_at: change.effectiveAt.toISOString(),
      message: change.message,
      customer: customerJson(after!),
    };
  });
});
