"use server";
// Server actions of the payment methods page: add a card (the sandbox's form, or Stripe's
// SetupIntent + Payment Element), make one the default, remove one. Owners and billing members only.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize, isDenied } from "@/lib/auth/session";
import { activeProvider } from "@/lib/payments";
import { addSandboxCard, removeCard, saveSetupCard, setDefaultCard, startCardSetup, type CardView } from "@/lib/services/payment-methods";

export type Failure = { ok: false; code: string; message: string; field?: string };

const cardSchema = z.object({
  number: z.string().min(12).max(23),
  expiry: z.string().regex(/^\s*\d{1,2}\s*\/\s*(\d{2}|\d{4})\s*$/),
  cvc: z.string().min(3).max(4),
});

export async function addSandboxCardAction(input: unknown): Promise<{ ok: true; card: CardView } | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  if (activeProvider() !== "sandbox") return { ok: false, code: "wrong_provider", message: "Cards are added with Stripe's form on this server." };
  const parsed = cardSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "number");
    return { ok: false, code: "invalid_card", field, message: field === "expiry" ? "Enter the expiry as MM/YY." : field === "cvc" ? "The security code is 3 or 4 digits." : "That card number is not valid." };
  }
  const [month, year] = parsed.data.expiry.split("/").map((x) => Number(x.trim()));
  const result = await addSandboxCard(ctx.customerId, { number: parsed.data.number, expMonth: month!, expYear: year! < 100 ? 2000 + year! : year!, cvc: parsed.data.cvc.trim() });
  if (result.ok) revalidatePath("/billing");
  return result;
}

export async function startCardSetupAction(): Promise<{ ok: true; clientSecret: string; setupId: string } | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  if (activeProvider() !== "stripe") return { ok: false, code: "wrong_provider", message: "This server uses the sandbox's card form." };
  const setup = await startCardSetup(ctx.customerId);
  return { ok: true, ...setup };
}

/** The Payment Element confirmed the SetupIntent: save its card now (the webhook may come later). */
export async function completeCardSetupAction(input: unknown): Promise<{ ok: true; card: CardView | null } | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  const parsed = z.object({ setupId: z.string().regex(/^seti_[A-Za-z0-9_]+$/) }).safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_request", message: "That card setup was not understood." };
  const card = await saveSetupCard({ provider: "stripe", setupId: parsed.data.setupId, customerId: ctx.customerId, now: new Date() });
  revalidatePath("/billing");
  return { ok: true, card };
}

const idSchema = z.object({ id: z.string().min(1).max(64) });

export async function setDefaultCardAction(input: unknown): Promise<{ ok: true } | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_request", message: "That card was not understood." };
  const r = await setDefaultCard(ctx.customerId, parsed.data.id);
  if (!r.ok) return r;
  revalidatePath("/billing");
  return { ok: true };
}

export async function removeCardAction(input: unknown): Promise<{ ok: true } | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  const parsed = idSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_request", message: "That card was not understood." };
  const r = await removeCard(ctx.customerId, parsed.data.id);
  if (!r.ok) return r;
  revalidatePath("/billing");
  return { ok: true };
}
