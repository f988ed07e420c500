"use server";
// The overage spending cap of the current subscription (empty = no cap).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateSpendingCap } from "@/lib/services/usage";
import { portalFormAction } from "./portal-action";

export const saveSpendingCap = portalFormAction({ permission: "manage_alerts", input: z.object({ cap: z.string().max(64).default("") }) }, async (ctx, i) => {
  const result = await updateSpendingCap(ctx.customerId, { cap: i.cap });
  if (result.ok) revalidatePath("/", "layout");
  return result;
});
