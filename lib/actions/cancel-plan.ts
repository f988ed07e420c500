"use server";
// Cancel the subscription at the end of the current period.
import { z } from "zod";
import { cancelAtPeriodEnd } from "@/lib/services/cycle";
import { portalAction } from "./portal-action";
import { revalidatePlanPages } from "./plan-input";
import { formKey } from "./purchase-input";

export const cancelPlan = portalAction({ permission: "manage_billing", input: z.object({ formKey }) }, async (ctx, i) => {
  const r = await cancelAtPeriodEnd(ctx.customerId, i.formKey);
  revalidatePlanPages();
  return r;
});
