import { ENDPOINTS } from "@/lib/api/endpoints";
import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { amountJson, centsToMicros } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { createAdjustment } from "@/lib/services/invoices";
import { findCustomer } from "@/lib/services/customers";

export const POST = apiRoute(ENDPOINTS.createAdjustment, async ({ caller, params, body, now }) => {
  const customer = await findCustomer(db(), caller.merchantId, params.id);
  if (!customer) throw notFound("customer", params.id);
  const r = await createAdjustment({
    merchantId: caller.merchantId,
    customerId: customer.id,
    type: body.type,
    amount: body.amount ? { asset: body.amount.asset, amount: BigInt(body.amount.amount) } : null,
    transferId: body.transfer ?? null,
    reason: body.reason,
    actor: body.actor,
    now,
  });
  return {
    id: r.transfer.id,
    object: "adjustment" as const,
    customer: customer.id,
    type: r.type,
    amount: amountJson({ amount: r.transfer.amount, asset: r.transfer.asset }),
    reverses: r.transfer.reversesId,
    reason: body.reason.trim(),
    actor: body.actor.trim(),
    credit_note: r.creditNote ? { id: r.creditNote.id, number: r.creditNote.number, total: amountJson({ amount: centsToMicros(r.creditNote.totalCents), asset: customer.currency }) } : null,
    created_at: now.toISOString(),
  };
});
