"use server";
// Choose a plan: an upgrade now (charged, counted with the other card charges) or a change
// scheduled for the period end.
import { z } from "zod";
import { applyChange } from "@/lib/services/cycle";
import { portalAction } from "./portal-action";
import { planCode, revalidatePlanPages } from "./plan-input";
import { expectedTotalCents, formKey } from "./purchase-input";

const input = z.object({ planCode, formKey, expectedTotalCents });

export const changePlan = portalAction({ permission: "manage_billing", input, chargesCard: true }, async (ctx, i) => {
  const r = await applyChange({ customerId: ctx.customerId, planCode: i.planCode, formKey: i.formKey, expectedTotalCents: i.expectedTotalCents });
  revalidatePlanPages();
  return r;
});
