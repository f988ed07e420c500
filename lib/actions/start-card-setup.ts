"use server";
// Stripe's Payment Element needs a SetupIntent before the customer types a card.
import { z } from "zod";
import { activeProvider } from "@/lib/payments";
import { startCardSetup as start } from "@/lib/services/payments";
import { portalAction } from "./portal-action";
import { actionWords } from "@/lib/i18n/action-words";

export const startCardSetup = portalAction({ permission: "manage_billing", input: z.unknown() }, async (ctx) => {
  if (activeProvider() !== "stripe") return { ok: false as const, code: "wrong_provider", message: actionWords()("card.sandboxForm") };
  return { ok: true as const, ...(await start(ctx.customerId)) };
});
