import { ENDPOINTS } from "@/lib/api/endpoints";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { walletJson } from "@/lib/api/serialize";
import { db } from "@/lib/db/client";
import { findCustomer } from "@/lib/services/customers";
import { pendingHolds, getWallet } from "@/lib/services/usage";

export const GET = apiRoute(ENDPOINTS.getWallet, async ({ caller, params, now }) => {
  const customer = await findCustomer(db(), caller.merchantId, params.id);
  if (!customer) throw notFound("customer", params.id);
  const [wallet, holds] = await Promise.all([getWallet(customer.id, { now }), pendingHolds(db(), customer.id)]);
  if (!wallet) throw notFound("customer", params.id);
  return walletJson(wallet, holds);
});
