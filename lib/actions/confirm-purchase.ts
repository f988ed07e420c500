"use server";
// The customer confirmed the reviewed purchase: charge the card (once per form key).
import { z } from "zod";
import { startPurchase } from "@/lib/services/payments";
import { portalAction } from "./portal-action";
import { choiceSchema, expectedTotalCents, formKey } from "./purchase-input";

const input = z.object({ choice: choiceSchema, formKey, expectedTotalCents, allowRepeat: z.boolean().optional(), paymentMethodId: z.string().min(1).max(64).optional() });

export const confirmPurchase = portalAction({ permission: "buy", input, chargesCard: true }, async (ctx, i) =>
  startPurchase({ customerId: ctx.customerId, choice: i.choice, formKey: i.formKey, expectedTotalCents: i.expectedTotalCents, allowRepeat: i.allowRepeat, paymentMethodId: i.paymentMethodId }),
);
