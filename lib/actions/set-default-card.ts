"use server";
// Make one of the account's saved cards the one renewals and automatic top-ups charge.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setDefaultCard as setDefault } from "@/lib/services/payments";
import { portalAction } from "./portal-action";

export const setDefaultCard = portalAction({ permission: "manage_billing", input: z.object({ id: z.string().min(1).max(64) }), invalidMessage: "portal.cardInvalid" }, async (ctx, i) => {
  const r = await setDefault(ctx.customerId, i.id);
  if (!r.ok) return r;
  revalidatePath("/billing");
  return { ok: true as const };
});
