// The merchant API's invoices and payments.
import * as s from "../schemas";
import { amount, endpoint } from "./endpoint";

const exampleInvoice = {
  id: "inv_5t1q8w2e9r3y",
  object: "invoice",
  number: "INV-000042",
  customer: "cus_4k2jv8n3q0ta",
  customer_external_id: "acme-42",
  kind: "credit_pack",
  status: "paid",
  currency: "USD",
  lines: [{ description: 'Credit pack "500 credits": 500 credits, expire on Dec 6, 2027', quantity: "1", unit_label: "pack", unit_price: amount("USD", "25000000", 6, "$25.00"), amount: amount("USD", "25000000", 6, "$25.00") }],
  subtotal: amount("USD", "25000000", 6, "$25.00"),
  tax_rate_bps: 800,
  tax: amount("USD", "2000000", 6, "$2.00"),
  total: amount("USD", "27000000", 6, "$27.00"),
  period_start: null,
  period_end: null,
  credits_invoice: null,
  seller: { name: "Portico Demo", email: "billing@portico.example", address: { line1: "548 Market St", line2: "Suite 100", city: "San Francisco", postal_code: "94104", state: "CA", country: "US" }, tax_id: "12-3456789" },
  buyer: { name: "Acme Robotics GmbH", email: "alex@acme.example", address: { line1: "Unter den Linden 1", line2: null, city: "Berlin", postal_code: "10117", state: null, country: "DE" }, tax_id: "DE123456789" },
  issued_at: "2026-12-06T10:00:00.000Z",
  due_at: "2026-12-06T10:00:00.000Z",
  paid_at: "2026-12-06T10:00:00.000Z",
  pdf_url: "/api/v1/invoices/inv_5t1q8w2e9r3y/pdf",
} as const;

const examplePayment = {
  id: "pay_qm2e9bbexv9j2fkckzz0",
  object: "payment",
  customer: "cus_4k2jv8n3q0ta",
  invoice: "inv_5t1q8w2e9r3y",
  purpose: "credit_pack",
  status: "succeeded",
  amount: amount("USD", "27000000", 6, "$27.00"),
  card: { brand: "visa", last4: "4242" },
  provider: "stripe",
  provider_payment_id: "pi_3QabcDEF123",
  failure_code: null,
  failure_message: null,
  created_at: "2026-12-06T10:00:00.000Z",
} as const;

export const listInvoices = endpoint({
  id: "listInvoices",
  method: "GET",
  path: "/invoices",
  tag: "Invoices",
  summary: "List invoices",
  description: "Every issued invoice and credit note, newest first, `limit` per page; pass `next_cursor` as `starting_after` for the next page. Filter by `customer` and `status`. Amounts are exact (micros); `total` is what was charged.",
  params: s.noParams,
  query: s.listInvoicesQuerySchema,
  body: s.noBody,
  response: s.invoiceListSchema,
  status: 200,
  errors: ["parameter_invalid", "parameter_unknown", "resource_missing"],
  example: { query: "customer=ext:acme-42&limit=1", response: { object: "list", data: [exampleInvoice], has_more: true, next_cursor: "inv_5t1q8w2e9r3y" } },
});

export const getInvoice = endpoint({
  id: "getInvoice",
  method: "GET",
  path: "/invoices/{id}",
  tag: "Invoices",
  summary: "Get an invoice",
  description: "One issued invoice with its lines, the seller and buyer as they were when it was issued, and `pdf_url`.",
  params: s.invoicePathSchema,
  query: s.noQuery,
  body: s.noBody,
  response: s.invoiceSchema,
  status: 200,
  errors: ["resource_missing"],
  example: { response: exampleInvoice },
});

export const getInvoicePdf = endpoint({
  id: "getInvoicePdf",
  method: "GET",
  path: "/invoices/{id}/pdf",
  tag: "Invoices",
  summary: "Download an invoice's PDF",
  description: "The invoice as a PDF (`application/pdf`) — the same document the customer downloads in the portal.",
  params: s.invoicePathSchema,
  query: s.noQuery,
  body: s.noBody,
  response: s.fileSchema,
  status: 200,
  errors: ["resource_missing"],
  file: "application/pdf",
});

export const listPayments = endpoint({
  id: "listPayments",
  method: "GET",
  path: "/payments",
  tag: "Payments",
  summary: "List payments",
  description: "Every card charge, newest first (purchases, top-ups, renewals and automatic top-ups), with its status, the card and the provider's id. Filter by `customer` and `status`; paginate with `starting_after`.",
  params: s.noParams,
  query: s.listPaymentsQuerySchema,
  body: s.noBody,
  response: s.paymentListSchema,
  status: 200,
  errors: ["parameter_invalid", "parameter_unknown", "resource_missing"],
  example: { query: "status=succeeded&limit=1", response: { object: "list", data: [examplePayment], has_more: false, next_cursor: null } },
});
