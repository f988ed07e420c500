"use server";
// Dismiss a banner the member sees. Every member may (a viewer too): a dismissal hides the banner
// for the account, it changes no money and no setting.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dismissBanner as dismiss } from "@/lib/services/usage";
import { portalFormAction } from "./portal-action";
import { actionWords } from "@/lib/i18n/action-words";

export const dismissBanner = portalFormAction({ permission: "view", input: z.object({ id: z.string().min(1).max(100) }), invalidMessage: "portal.noAlertChosen" }, async (ctx, i) => {
  if (!(await dismiss(ctx.customerId, i.id))) return { ok: false as const, code: "not_found", message: actionWords()("portal.alertNotFound") };
  revalidatePath("/", "layout");
  return { ok: true as const };
});
