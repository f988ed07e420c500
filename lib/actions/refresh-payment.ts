"use server";
// A payment's state as the provider now tells it (after Stripe.js authenticated it, or a poll).
import { z } from "zod";
import { refreshPayment as refresh } from "@/lib/services/payments";
import { portalAction } from "./portal-action";
import { actionWords } from "@/lib/i18n/action-words";

const input = z.object({ paymentId: z.string().min(1).max(64) });

export const refreshPayment = portalAction({ permission: "view", input }, async (ctx, i) => {
  const payment = await refresh(ctx.customerId, i.paymentId);
  return payment ? { ok: true as const, payment } : { ok: false as const, code: "not_found", message: actionWords()("card.paymentNotFound") };
});
