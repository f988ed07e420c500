"use server";
// The review step of a purchase: the server prices the choice (a pack, or an amount of funds).
import { quotePurchase as quote } from "@/lib/services/payments";
import { portalAction } from "./portal-action";
import { choiceSchema } from "./purchase-input";

export const quotePurchase = portalAction({ permission: "buy", input: choiceSchema }, async (ctx, choice) => quote(ctx.customerId, choice));
