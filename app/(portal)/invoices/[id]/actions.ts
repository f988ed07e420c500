"use server";
// "Pay now" on an open subscription invoice (owner and billing roles): the customer account comes
// from the session, the invoice id from the page is only looked up inside that account.
import { z } from "zod";
import { authorize, isDenied } from "@/lib/auth/session";
import type { PaymentView } from "@/lib/services/payments";
import { FORM_KEY_PATTERN } from "@/lib/services/purchases";
import { cardChargeLimit } from "@/lib/services/rate-limits";
import { payInvoiceNow } from "@/lib/services/renewals";

const schema = z.object({ invoiceId: z.string().min(1).max(100), formKey: z.string().regex(FORM_KEY_PATTERN) });

export async function payInvoiceAction(input: unknown): Promise<{ ok: true; payment: PaymentView } | { ok: false; code: string; message: string }> {
  const ctx = await authorize("buy");
  if (isDenied(ctx)) return ctx;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "invalid_request", message: "That request was not understood. Reload the page and try again." };
  // a card charge: counted with purchases and add funds, per customer account, across instances
  const limited = await cardChargeLimit(ctx.customerId);
  if (limited) return limited;
  return payInvoiceNow(ctx.customerId, parsed.data.invoiceId, parsed.data.formKey);
}
