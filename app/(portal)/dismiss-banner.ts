"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize, isDenied } from "@/lib/auth/session";
import { dismissBanner as dismiss } from "@/lib/services/alerts";

export type DismissResult = { ok: true } | { ok: false; code: string; message: string };

const schema = z.object({ id: z.string().min(1).max(100) });

/** Dismiss one of the account's alert banners (owners and billing members; viewers read only). */
export async function dismissBanner(_prev: DismissResult | null, form: FormData): Promise<DismissResult> {
  const ctx = await authorize("manage_alerts");
  if (isDenied(ctx)) return ctx;
  const parsed = schema.safeParse({ id: form.get("id") });
  if (!parsed.success) return { ok: false, code: "invalid_input", message: "No alert was chosen." };
  if (!(await dismiss(ctx.customerId, parsed.data.id))) return { ok: false, code: "not_found", message: "That alert was not found." };
  revalidatePath("/", "layout");
  return { ok: true };
}

/** The banner's own form (a server-rendered form: no client code on every page). */
export async function dismissBannerForm(form: FormData): Promise<void> {
  await dismissBanner(null, form);
}
