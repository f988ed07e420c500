"use server";
// Owners add a member by email with a role; the new member is emailed how to sign in.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { inviteMember as invite } from "@/lib/services/team";
import { portalFormAction } from "./portal-action";

const input = z.object({ email: z.string().max(320).default(""), role: z.string().max(32).default("") });

export const inviteMember = portalFormAction({ permission: "manage_team", input }, async (ctx, i) => {
  const result = await invite({ customerId: ctx.customerId, customerName: ctx.customerName, email: ctx.email }, { email: i.email, role: i.role });
  if (result.ok) revalidatePath("/settings/team");
  return result;
});
