"use server";
// "Pay now" on an open subscription invoice: the invoice id is only looked up inside the account.
import { z } from "zod";
import { payInvoiceNow } from "@/lib/services/cycle";
import { portalAction } from "./portal-action";
import { formKey } from "./purchase-input";

const input = z.object({ invoiceId: z.string().min(1).max(100), formKey, paymentMethodId: z.string().min(1).max(64).optional() });

export const payInvoice = portalAction({ permission: "buy", input, chargesCard: true }, async (ctx, i) => payInvoiceNow(ctx.customerId, i.invoiceId, i.formKey, i.paymentMethodId));
