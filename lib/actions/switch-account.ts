"use server";
// Act for another of the user's accounts — only one they belong to. Not a portalAction: it is
// the one action that changes which account the session acts for.
import { redirect } from "next/navigation";
import { z } from "zod";
import { setSessionCustomer } from "@/lib/auth/session-cookie";
import { getPortalContext } from "@/lib/auth/session";

const schema = z.object({ customerId: z.string().min(1).max(100) });

export async function switchAccount(form: FormData) {
  const ctx = await getPortalContext();
  if (!ctx) redirect("/login");
  const parsed = schema.safeParse({ customerId: form.get("customerId") });
  if (parsed.success && ctx.memberships.some((m) => m.customerId === parsed.data.customerId)) {
    await setSessionCustomer(parsed.data.customerId);
  }
  redirect("/");
}
