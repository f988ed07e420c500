"use server";
// The account's time zone (owners and billing members): times of day in the portal are shown in it
// from now on; "Automatic" lets each member's browser decide.
import { revalidatePath } from "next/cache";
import { say } from "@/lib/i18n/say";
import { saveTimeZone as save, timeZoneSchema } from "@/lib/services/customers";
import { portalFormAction } from "./portal-action";

export const saveTimeZone = portalFormAction({ permission: "manage_billing", input: timeZoneSchema }, async (ctx, input) => {
  const r = await save(ctx.customerId, input.timeZone, ctx.locale);
  if (!r.ok) return r;
  revalidatePath("/", "layout");
  return { ok: true as const, message: say(ctx.locale, "timezone")("saved") };
});
