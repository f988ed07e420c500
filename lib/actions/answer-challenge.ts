"use server";
// The sandbox's 3-D Secure challenge: the customer completes or fails it.
import { z } from "zod";
import { answerSandboxChallenge } from "@/lib/services/payments";
import { portalAction } from "./portal-action";
import { actionWords } from "@/lib/i18n/action-words";

const input = z.object({ paymentId: z.string().min(1).max(64), passed: z.boolean() });

export const answerChallenge = portalAction({ permission: "buy", input }, async (ctx, i) => {
  const payment = await answerSandboxChallenge(ctx.customerId, i.paymentId, i.passed);
  return payment ? { ok: true as const, payment } : { ok: false as const, code: "not_found", message: actionWords()("card.paymentNotFound") };
});
