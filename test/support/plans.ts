// Extra plans for the plan-change tests: a dearer plan of each model beside the demo's three
// (the demo itself must hold exactly DESIGN §2's plans).
import { clearPlanCache } from "@/lib/db/plans";
import { transaction } from "@/lib/db/tx";
import { demoPlan, type PlanDef } from "@/lib/billing/plans";
import { upsertPlan } from "@/lib/services/catalog/catalog";

const M = 1_000_000n;

export const STUDIO: PlanDef = { ...demoPlan("credits", "creator"), code: "studio", name: "Studio", priceMicros: 149n * M, allowanceMilli: 4_000_000n };
export const API_SCALE: PlanDef = { ...demoPlan("metered", "api_pro"), code: "api_scale", name: "API Scale", priceMicros: 299n * M, includedUnits: 50_000n, overagePriceMicros: 8_000n };
export const PLATFORM_PLUS: PlanDef = { ...demoPlan("balance", "platform"), code: "platform_plus", name: "Platform Plus", priceMicros: 80n * M, grantMicros: 80n * M };

/** Uses the process's database handle (setDbHandle). */
export async function addUpgradePlans(merchantId = "mer_demo") {
  await transaction(async (tx) => {
    await upsertPlan(tx, merchantId, STUDIO, 10);
    await upsertPlan(tx, merchantId, API_SCALE, 11);
    await upsertPlan(tx, merchantId, PLATFORM_PLUS, 12);
  });
  clearPlanCache();
}
