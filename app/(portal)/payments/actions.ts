"use server";
// Server actions of the purchase flows (credit packs, funds, 3-D Secure, automatic top-up). The
// customer account and role come from the session; the browser sends a choice, never a price.
import { z } from "zod";
import { authorize, isDenied } from "@/lib/auth/session";
import { cardChargeLimit } from "@/lib/services/rate-limits";
import { parseDecimal } from "@/lib/billing/money";
import type { PaymentView } from "@/lib/services/payments";
import { saveAutoTopUp } from "@/lib/services/auto-top-up";
import { answerSandboxChallenge, FORM_KEY_PATTERN, quotePurchase, refreshPayment, startPurchase, type PurchaseChoice, type Quote } from "@/lib/services/purchases";

export type Failure = { ok: false; code: string; message: string; paymentId?: string; field?: string; retryAfterSeconds?: number };

const choiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pack"), packCode: z.string().min(1).max(64) }),
  z.object({ kind: z.literal("funds"), amount: z.string().min(1).max(32) }),
]);

const purchaseSchema = z.object({
  choice: choiceSchema,
  formKey: z.string().regex(FORM_KEY_PATTERN),
  expectedTotalCents: z.string().regex(/^\d{1,12}$/).optional(),
  allowRepeat: z.boolean().optional(),
});

function toChoice(c: z.infer<typeof choiceSchema>): PurchaseChoice | Failure {
  if (c.kind === "pack") return c;
  try {
    return { kind: "funds", amountMicros: parseDecimal(c.amount.trim().replace(/^\$/, "").replace(/,/g, ""), "USD") };
  } catch {
    return { ok: false, code: "invalid_amount", message: "Enter an amount like 25 or 25.50.", field: "amount" };
  }
}

const invalid = (message = "That request was not understood. Reload the page and try again."): Failure => ({ ok: false, code: "invalid_request", message });

export async function quotePurchaseAction(input: unknown): Promise<{ ok: true; quote: Quote } | Failure> {
  const ctx = await authorize("buy");
  if (isDenied(ctx)) return ctx;
  const parsed = choiceSchema.safeParse(input);
  if (!parsed.success) return invalid();
  const choice = toChoice(parsed.data);
  if ("ok" in choice) return choice;
  return quotePurchase(ctx.customerId, choice);
}

export async function purchaseAction(input: unknown): Promise<{ ok: true; payment: PaymentView } | Failure> {
  const ctx = await authorize("buy");
  if (isDenied(ctx)) return ctx;
  const parsed = purchaseSchema.safeParse(input);
  if (!parsed.success) return invalid();
  const choice = toChoice(parsed.data.choice);
  if ("ok" in choice) return choice;
  // Confirmations per customer account, counted across every app instance.
  const limited = await cardChargeLimit(ctx.customerId);
  if (limited) return limited;
  return startPurchase({
    customerId: ctx.customerId,
    choice,
    formKey: parsed.data.formKey,
    expectedTotalCents: parsed.data.expectedTotalCents === undefined ? undefined : BigInt(parsed.data.expectedTotalCents),
    allowRepeat: parsed.data.allowRepeat,
  });
}

const paymentIdSchema = z.object({ paymentId: z.string().min(1).max(64) });

/** The sandbox's 3-D Secure challenge: the customer completes or fails it. */
export async function answerChallengeAction(input: unknown): Promise<{ ok: true; payment: PaymentView } | Failure> {
  const ctx = await authorize("buy");
  if (isDenied(ctx)) return ctx;
  const parsed = paymentIdSchema.extend({ passed: z.boolean() }).safeParse(input);
  if (!parsed.success) return invalid();
  const payment = await answerSandboxChallenge(ctx.customerId, parsed.data.paymentId, parsed.data.passed);
  return payment ? { ok: true, payment } : { ok: false, code: "not_found", message: "That payment was not found on this account." };
}

/** After Stripe.js finished the authentication in the browser. */
export async function refreshPaymentAction(input: unknown): Promise<{ ok: true; payment: PaymentView } | Failure> {
  const ctx = await authorize("view");
  if (isDenied(ctx)) return ctx;
  const parsed = paymentIdSchema.safeParse(input);
  if (!parsed.success) return invalid();
  const payment = await refreshPayment(ctx.customerId, parsed.data.paymentId);
  return payment ? { ok: true, payment } : { ok: false, code: "not_found", message: "That payment was not found on this account." };
}

const autoTopUpSchema = z.object({
  enabled: z.boolean(),
  threshold: z.string().max(32),
  packCode: z.string().max(64).nullable().optional(),
  amount: z.string().max(32).nullable().optional(),
  monthlyCap: z.string().max(32),
});

export async function saveAutoTopUpAction(input: unknown): Promise<{ ok: true } | Failure> {
  const ctx = await authorize("buy");
  if (isDenied(ctx)) return ctx;
  const parsed = autoTopUpSchema.safeParse(input);
  if (!parsed.success) return invalid();
  return saveAutoTopUp(ctx.customerId, parsed.data);
}
