"use server";
// Owners change a member's role (the last owner stays an owner: lib/services/team/team).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeRole } from "@/lib/services/team";
import { portalFormAction } from "./portal-action";

const input = z.object({ membershipId: z.string().max(100).default(""), role: z.string().max(32).default("") });

export const changeMemberRole = portalFormAction({ permission: "manage_team", input }, async (ctx, i) => {
  const result = await changeRole(ctx.customerId, { membershipId: i.membershipId, role: i.role });
  if (result.ok) revalidatePath("/", "layout");
  return result;
});
