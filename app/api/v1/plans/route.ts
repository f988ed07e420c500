import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { planJson } from "@/lib/api/serialize";
import { db } from "@/lib/db/client";
import { listPlans } from "@/lib/db/plans";

export const GET = apiRoute(ENDPOINTS.listPlans, async ({ caller }) => {
  const plans = await listPlans(db(), caller.merchantId);
  return { object: "list" as const, data: plans.map(planJson) };
});
