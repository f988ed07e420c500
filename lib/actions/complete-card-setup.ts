"use server";
// The Payment Element confirmed the SetupIntent: save its card now (the webhook may come later).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { saveSetupCard } from "@/lib/services/payments";
import { portalAction } from "./portal-action";

const input = z.object({ setupId: z.string().regex(/^seti_[A-Za-z0-9_]+$/) });

export const completeCardSetup = portalAction({ permission: "manage_billing", input, invalidMessage: "portal.cardSetupInvalid" }, async (ctx, i) => {
  const card = await saveSetupCard({ provider: "stripe", setupId: i.setupId, customerId: ctx.customerId, now: new Date() });
  revalidatePath("/billing");
  return { ok: true as const, card };
});
