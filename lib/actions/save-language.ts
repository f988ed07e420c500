"use server";
// The account's language (owners and billing members): the portal, its emails and invoices speak
// it from now on; "Automatic" lets each member's browser decide.
import { revalidatePath } from "next/cache";
import { preferencesSchema, saveLanguage as save } from "@/lib/services/customers";
import { say } from "@/lib/i18n/say";
import { portalFormAction, requestLocale } from "./portal-action";

export const saveLanguage = portalFormAction({ permission: "manage_billing", input: preferencesSchema }, async (ctx, input) => {
  const r = await save(ctx.customerId, input.locale);
  if (!r.ok) return r;
  revalidatePath("/", "layout");
  // said in the language just chosen (Automatic: the browser's), as the page now speaks it
  return { ok: true as const, message: say(await requestLocale(r.locale), "actions")("saved.language") };
});
