"use server";
// Dismiss a banner the member sees. Every member may (a viewer too): a dismissal hides the banner
// for the account, it changes no money and no setting.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dismissBanner as dismiss } from "@/lib/services/usage";
import { portalFormAction } from "./portal-action";

export const dismissBanner = portalFormAction({ permission: "view", input: z.object({ id: z.string().min(1).max(100) }), invalidMessage: "No alert was chosen." }, async (ctx, i) => {
  if (!(await dismiss(ctx.customerId, i.id))) return { ok: false as const, code: "not_found", message: "That alert was not found." };
  revalidatePath("/", "layout");
  return { ok: true as const };
});
