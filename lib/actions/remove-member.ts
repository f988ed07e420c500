"use server";
// Owners remove a member from the account.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { removeMember as remove } from "@/lib/services/team";
import { portalFormAction } from "./portal-action";

export const removeMember = portalFormAction({ permission: "manage_team", input: z.object({ membershipId: z.string().max(100).default("") }) }, async (ctx, i) => {
  const result = await remove(ctx.customerId, { membershipId: i.membershipId });
  if (result.ok) revalidatePath("/", "layout");
  return result;
});
