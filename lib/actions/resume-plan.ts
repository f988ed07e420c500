"use server";
// Undo a cancellation before the period ends.
import { z } from "zod";
import { resumeSubscription } from "@/lib/services/cycle";
import { portalAction } from "./portal-action";
import { revalidatePlanPages } from "./plan-input";
import { formKey } from "./purchase-input";

export const resumePlan = portalAction({ permission: "manage_billing", input: z.object({ formKey }) }, async (ctx, i) => {
  const r = await resumeSubscription(ctx.customerId, i.formKey);
  revalidatePlanPages();
  return r;
});
