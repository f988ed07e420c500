"use server";
// Keep the current plan: drop a change scheduled for the period end.
import { z } from "zod";
import { keepCurrentPlan } from "@/lib/services/cycle";
import { portalAction } from "./portal-action";
import { revalidatePlanPages } from "./plan-input";
import { formKey } from "./purchase-input";

export const keepPlan = portalAction({ permission: "manage_billing", input: z.object({ formKey }) }, async (ctx, i) => {
  const r = await keepCurrentPlan(ctx.customerId, i.formKey);
  revalidatePlanPages();
  return r;
});
