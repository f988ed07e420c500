"use server";

import { revalidatePath } from "next/cache";
import { authorize, isDenied } from "@/lib/auth/session";
import { updateAlertSettings, updateSpendingCap, type SettingsResult } from "@/lib/services/alerts";

export type ActionResult = SettingsResult | { ok: false; code: "unauthenticated" | "forbidden"; message: string; field?: string };

/** Low-balance threshold and usage-alert percentages (owners and billing members). */
export async function saveAlerts(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const ctx = await authorize("manage_alerts");
  if (isDenied(ctx)) return ctx;
  const result = await updateAlertSettings(ctx.customerId, {
    lowBalanceThreshold: String(form.get("lowBalanceThreshold") ?? ""),
    usageAlertPercents: form.getAll("usageAlertPercents").map(String),
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

/** The overage spending cap of the current subscription (empty = no cap). */
export async function saveSpendingCap(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const ctx = await authorize("manage_alerts");
  if (isDenied(ctx)) return ctx;
  const result = await updateSpendingCap(ctx.customerId, { cap: String(form.get("cap") ?? "") });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
