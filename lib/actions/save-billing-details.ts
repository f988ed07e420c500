"use server";
// The billing details invoices are made out to (owners and billing members). Invoices issued from
// now on carry them; issued ones keep what they were issued with.
import { revalidatePath } from "next/cache";
import { billingDetailsInputSchema } from "@/lib/billing/billing-details";
import { saveBillingDetails as save } from "@/lib/services/customers";
import { portalFormAction } from "./portal-action";
import { actionWords } from "@/lib/i18n/action-words";

export const saveBillingDetails = portalFormAction({ permission: "manage_billing", input: billingDetailsInputSchema }, async (ctx, details) => {
  await save(ctx.customerId, details);
  revalidatePath("/settings/billing");
  return { ok: true as const, message: actionWords()("saved.billingDetails") };
});
