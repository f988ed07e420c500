"use server";
// Remove a saved card from the account.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { removeCard as remove } from "@/lib/services/payments";
import { portalAction } from "./portal-action";

export const removeCard = portalAction({ permission: "manage_billing", input: z.object({ id: z.string().min(1).max(64) }), invalidMessage: "portal.cardInvalid" }, async (ctx, i) => {
  const r = await remove(ctx.customerId, i.id);
  if (!r.ok) return r;
  revalidatePath("/billing");
  return { ok: true as const };
});
