"use server";
// The sandbox's card form (the default provider): save a test card on the account.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { activeProvider } from "@/lib/payments";
import { addSandboxCard as add } from "@/lib/services/payments";
import { portalAction } from "./portal-action";
import { actionWords } from "@/lib/i18n/action-words";

// worded when the card is checked (inside the action's locale scope), not when the file loads
const spoken = (key: string) => ({ error: () => actionWords()(key) });
const input = z.object({
  number: z.string().min(12, spoken("card.numberInvalid")).max(23, spoken("card.numberInvalid")),
  expiry: z.string().regex(/^\s*\d{1,2}\s*\/\s*(\d{2}|\d{4})\s*$/, spoken("card.expiryFormat")),
  cvc: z.string().min(3, spoken("card.securityCode")).max(4, spoken("card.securityCode")),
});

export const addSandboxCard = portalAction({ permission: "manage_billing", input: z.object({ number: z.string().max(64), expiry: z.string().max(16), cvc: z.string().max(16) }) }, async (ctx, raw) => {
  if (activeProvider() !== "sandbox") return { ok: false as const, code: "wrong_provider", message: actionWords()("card.stripeForm") };
  const parsed = input.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false as const, code: "invalid_card", field: String(issue.path[0] ?? "number"), message: issue.message };
  }
  const [month, year] = parsed.data.expiry.split("/").map((x) => Number(x.trim()));
  const result = await add(ctx.customerId, { number: parsed.data.number, expMonth: month!, expYear: year! < 100 ? 2000 + year! : year!, cvc: parsed.data.cvc.trim() });
  if (result.ok) revalidatePath("/billing");
  return result;
});
