"use server";
// The low-balance threshold and the usage-alert percentages (owners and billing members).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateAlertSettings } from "@/lib/services/usage";
import { formList, portalFormAction } from "./portal-action";

const input = z.object({ lowBalanceThreshold: z.string().max(64).default(""), usageAlertPercents: formList });

export const saveAlerts = portalFormAction({ permission: "manage_alerts", input }, async (ctx, i) => {
  const result = await updateAlertSettings(ctx.customerId, { lowBalanceThreshold: i.lowBalanceThreshold, usageAlertPercents: i.usageAlertPercents });
  if (result.ok) revalidatePath("/", "layout");
  return result;
});
