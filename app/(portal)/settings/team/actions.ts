"use server";

import { revalidatePath } from "next/cache";
import { authorize, isDenied } from "@/lib/auth/session";
import { changeRole, inviteMember as invite, removeMember as remove, type TeamResult } from "@/lib/services/team";

export type TeamActionResult = TeamResult | { ok: false; code: "unauthenticated" | "forbidden"; message: string; field?: string };

/** Owners add a member by email with a role; the new member is emailed how to sign in. */
export async function inviteMember(_prev: TeamActionResult | null, form: FormData): Promise<TeamActionResult> {
  const ctx = await authorize("manage_team");
  if (isDenied(ctx)) return ctx;
  const result = await invite({ customerId: ctx.customerId, customerName: ctx.customerName, email: ctx.email }, { email: form.get("email") ?? "", role: form.get("role") ?? "" });
  if (result.ok) revalidatePath("/settings/team");
  return result;
}

export async function changeMemberRole(_prev: TeamActionResult | null, form: FormData): Promise<TeamActionResult> {
  const ctx = await authorize("manage_team");
  if (isDenied(ctx)) return ctx;
  const result = await changeRole(ctx.customerId, { membershipId: form.get("membershipId") ?? "", role: form.get("role") ?? "" });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function removeMember(_prev: TeamActionResult | null, form: FormData): Promise<TeamActionResult> {
  const ctx = await authorize("manage_team");
  if (isDenied(ctx)) return ctx;
  const result = await remove(ctx.customerId, { membershipId: form.get("membershipId") ?? "" });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
