// The merchant API's invoices, payments and events, read back by the merchant.
import { z } from "zod";
import { amountSchema, customerRefSchema, isoDateTime } from "./common";
import { addressSchema } from "./customers";
import { WEBHOOK_EVENTS } from "./webhooks";

const listQuery = (what: string) => ({
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "1–100, default 20." }),
  starting_after: z.string().min(1).max(200).optional().meta({ description: `${what} id: the page after it (pass \`next_cursor\`).` }),
  customer: customerRefSchema.optional().meta({ description: "Only this customer's (`cus_…` or `ext:<external_id>`)." }),
});

export const INVOICE_STATUSES = ["open", "paid", "void", "uncollectible"] as const;
const PAYMENT_STATUSES = ["processing", "requires_action", "succeeded", "failed", "refunded", "disputed", "canceled"] as const;

export const listInvoicesQuerySchema = z.strictObject({ ...listQuery("An invoice"), status: z.enum(INVOICE_STATUSES).optional() });
export const listPaymentsQuerySchema = z.strictObject({ ...listQuery("A payment"), status: z.enum(PAYMENT_STATUSES).optional() });
export const listEventsQuerySchema = z.strictObject({ ...listQuery("An event"), type: z.enum(WEBHOOK_EVENTS).optional() });

export const invoicePathSchema = z.object({ id: z.string().min(1).max(100).meta({ description: "Invoice id (`inv_…`)." }) });

const partySchema = z.object({ name: z.string(), email: z.string().nullable(), address: addressSchema.nullable(), tax_id: z.string().nullable() });

export const invoiceSchema = z
  .object({
    id: z.string(),
    object: z.literal("invoice"),
    number: z.string().meta({ examples: ["INV-000123"] }),
    customer: z.string(),
    customer_external_id: z.string(),
    kind: z.enum(["subscription", "top_up", "credit_pack", "credit_note"]),
    status: z.enum(INVOICE_STATUSES),
    currency: z.string(),
    lines: z.array(
      z.object({
        description: z.string(),
        quantity: z.string(),
        unit_label: z.string(),
        unit_price: amountSchema.nullable(),
        amount: amountSchema,
      }),
    ),
    subtotal: amountSchema,
    tax_rate_bps: z.number().int(),
    tax: amountSchema,
    total: amountSchema.meta({ description: "What is charged: subtotal + tax rounded once to whole cents." }),
    period_start: isoDateTime().nullable(),
    period_end: isoDateTime().nullable(),
    credits_invoice: z.string().nullable().meta({ description: "For a credit note: the invoice it credits." }),
    seller: partySchema.nullable().meta({ description: "The merchant as it was when the invoice was issued." }),
    buyer: partySchema.nullable().meta({ description: "The customer's billing details as they were when the invoice was issued." }),
    issued_at: isoDateTime(),
    due_at: isoDateTime().nullable(),
    paid_at: isoDateTime().nullable(),
    pdf_url: z.string().meta({ description: "`GET` it with your key for the PDF (the same document the customer downloads)." }),
  })
  .meta({ id: "Invoice" });

export const invoiceListSchema = z
  .object({ object: z.literal("list"), data: z.array(invoiceSchema), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: "InvoiceList" });

export const paymentSchema = z
  .object({
    id: z.string(),
    object: z.literal("payment"),
    customer: z.string(),
    invoice: z.string().nullable(),
    purpose: z.enum(["credit_pack", "top_up", "subscription", "auto_top_up"]),
    status: z.enum(PAYMENT_STATUSES),
    amount: amountSchema,
    card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    provider: z.string(),
    provider_payment_id: z.string().nullable(),
    failure_code: z.string().nullable(),
    failure_message: z.string().nullable(),
    created_at: isoDateTime(),
  })
  .meta({ id: "Payment" });

export const paymentListSchema = z
  .object({ object: z.literal("list"), data: z.array(paymentSchema), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: "PaymentList" });

export const eventSchema = z
  .object({
    id: z.string().meta({ description: "The event id webhooks carry (`Portico-Event-Id`): dedupe on it." }),
    object: z.literal("event"),
    type: z.enum(WEBHOOK_EVENTS),
    created: isoDateTime(),
    data: z.record(z.string(), z.unknown()).meta({ description: "Exactly the webhook's `data`." }),
  })
  .meta({ id: "Event" });

export const eventListSchema = z
  .object({ object: z.literal("list"), data: z.array(eventSchema), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: "EventList" });

/** A file answer (the invoice PDF): the route sends the bytes with this content type. */
export const fileSchema = z.custom<{ file: Uint8Array; filename: string }>((v) => typeof v === "object" && v !== null && (v as { file?: unknown }).file instanceof Uint8Array);
