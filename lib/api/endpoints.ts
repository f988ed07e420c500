// Every endpoint of the merchant API, described once: the route handlers parse with these
// schemas, and the OpenAPI document and the /docs/api page are generated from them.
import type { z } from "zod";
import type { ErrorCode } from "./errors";
import * as s from "./schemas";

export type Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Under /api/v1, with `{param}` placeholders. */
  path: string;
  tag: string;
  summary: string;
  description: string;
  params: P;
  query: Q;
  body: B;
  /** The request body as documented, when the run-time parse is deliberately looser (usage). */
  docBody?: z.ZodType;
  response: R;
  status: number;
  /** Error codes this endpoint can answer with (beyond authentication and rate limiting). */
  errors: ErrorCode[];
  example?: { body?: unknown; query?: string; response: unknown };
  /** The answer is a file of this type (the response schema is `fileSchema`), not JSON. */
  file?: "application/pdf";
};

/** Methods that carry a JSON body and accept an Idempotency-Key. */
export function isWrite(method: Endpoint["method"]): method is "POST" | "PATCH" {
  return method === "POST" || method === "PATCH";
}

function endpoint<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(e: Endpoint<P, Q, B, R>) {
  return e;
}

const amount = (asset: string, value: string, scale: number, formatted: string) => ({ asset, amount: value, scale, formatted });

const exampleSubscription = {
  id: "sub_7p2kq9x4mz1c",
  object: "subscription",
  plan: "creator",
  plan_version: 1,
  status: "active",
  current_period_start: "2026-11-14T09:00:00.000Z",
  current_period_end: "2026-12-14T09:00:00.000Z",
  cancel_at_period_end: false,
  pending_plan: null,
  spending_cap: null,
} as const;

const exampleCustomer = {
  id: "cus_4k2jv8n3q0ta",
  object: "customer",
  external_id: "acme-42",
  name: "Acme Robotics",
  email: "alex@acme.example",
  locale: "en-US",
  currency: "USD",
  created_at: "2026-11-14T09:00:00.000Z",
  billing_details: { name: null, address: null, tax_id: null },
  subscription: exampleSubscription,
} as const;

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

const exampleHold = {
  id: "hld_9w3m1t6y2b8d",
  object: "hold",
  customer: "cus_demo_pixel",
  action: "image_generation",
  quantity: "3",
  amount: amount("CREDIT", "30000", 3, "30 credits"),
  overage: null,
  status: "pending",
  expires_at: "2026-11-21T10:15:00.000Z",
  created_at: "2026-11-21T10:00:00.000Z",
  captured_quantity: null,
  captured_amount: null,
  usage_event: null,
  resolved_at: null,
} as const;

const customerErrors: ErrorCode[] = ["resource_missing"];

export const ENDPOINTS = {
  listPlans: endpoint({
    id: "listPlans",
    method: "GET",
    path: "/plans",
    tag: "Plans",
    summary: "List plans",
    description: "Your plans with their code, consumption model, prices, and burn or price table.",
    params: s.noParams,
    query: s.noQuery,
    body: s.noBody,
    response: s.planListSchema,
    status: 200,
    errors: [],
  }),

  createCustomer: endpoint({
    id: "createCustomer",
    method: "POST",
    path: "/customers",
    tag: "Customers",
    summary: "Create a customer",
    description:
      "Creates the customer, its owner user (who can sign in to the portal with `email`) and — when `plan` is given — the subscription, its wallet and the first period's allowance, in one transaction.",
    params: s.noParams,
    query: s.noQuery,
    body: s.createCustomerSchema,
    response: s.customerSchema,
    status: 201,
    errors: ["parameter_missing", "parameter_invalid", "parameter_unknown", "resource_missing", "resource_already_exists"],
    example: { body: { external_id: "acme-42", name: "Acme Robotics", email: "alex@acme.example", plan: "creator" }, response: exampleCustomer },
  }),

  listCustomers: endpoint({
    id: "listCustomers",
    method: "GET",
    path: "/customers",
    tag: "Customers",
    summary: "List customers",
    description: "Newest first, `limit` per page; pass `next_cursor` as `starting_after` for the next page. Filter with `external_id`.",
    params: s.noParams,
    query: s.listCustomersQuerySchema,
    body: s.noBody,
    response: s.customerListSchema,
    status: 200,
    errors: ["parameter_invalid", "parameter_unknown", "resource_missing"],
    example: { query: "limit=2", response: { object: "list", data: [exampleCustomer], has_more: false, next_cursor: null } },
  }),

  getCustomer: endpoint({
    id: "getCustomer",
    method: "GET",
    path: "/customers/{id}",
    tag: "Customers",
    summary: "Get a customer",
    description: "`{id}` is Portico's id (`cus_…`) or `ext:<external_id>`.",
    params: s.customerPathSchema,
    query: s.noQuery,
    body: s.noBody,
    response: s.customerSchema,
    status: 200,
    errors: customerErrors,
    example: { response: exampleCustomer },
  }),

  updateCustomer: endpoint({
    id: "updateCustomer",
    method: "PATCH",
    path: "/customers/{id}",
    tag: "Customers",
    summary: "Update a customer's billing details",
    description:
      "Sets the name, locale and billing details (legal name, postal address, tax ID) that invoices issued from now on are made out to; invoices already issued keep theirs. The customer can edit the same details in the portal (Settings → Billing details). Fields left out are kept; `null` clears one. An address needs `line1`, `city` and `country`; a tax ID is checked for the address's country (EU VAT numbers, GB, CH, AU, IN, CA and others by their national format; US EIN; JP registration number).",
    params: s.customerPathSchema,
    query: s.noQuery,
    body: s.updateCustomerSchema,
    response: s.customerSchema,
    status: 200,
    errors: ["parameter_invalid", "parameter_unknown", "resource_missing"],
    example: {
      body: { billing_details: { name: "Acme Robotics GmbH", address: { line1: "Unter den Linden 1", postal_code: "10117", city: "Berlin", country: "DE" }, tax_id: "DE123456789" } },
      response: {
        ...exampleCustomer,
        billing_details: {
          name: "Acme Robotics GmbH",
          address: { line1: "Unter den Linden 1", line2: null, city: "Berlin", postal_code: "10117", state: null, country: "DE" },
          tax_id: "DE123456789",
        },
      },
    },
  }),

  changeSubscription: endpoint({
    id: "changeSubscription",
    method: "POST",
    path: "/customers/{id}/subscription",
    tag: "Customers",
    summary: "Start or change the subscription",
    description:
      "Without a subscription, starts one on `plan` now (first period, wallet and allowance). With one, schedules the change: the new plan takes effect at the start of the next period (the current period keeps its plan, allowance and prices; nothing is prorated). Asking for the current plan cancels a scheduled change.",
    params: s.customerPathSchema,
    query: s.noQuery,
    body: s.changeSubscriptionSchema,
    response: s.subscriptionChangeSchema,
    status: 200,
    errors: ["parameter_missing", "parameter_invalid", "resource_missing", "subscription_canceled"],
    example: {
      body: { plan: "api_pro" },
      response: {
        object: "subscription_change",
        result: "scheduled",
        effective_at: "2026-12-14T09:00:00.000Z",
        message: "Acme Robotics moves from Creator to API Pro on 2026-12-14T09:00:00.000Z, at the start of the next period.",
        customer: { ...exampleCustomer, subscription: { ...exampleSubscription, pending_plan: "api_pro" } },
      },
    },
  }),

  getWallet: endpoint({
    id: "getWallet",
    method: "GET",
    path: "/customers/{id}/wallet",
    tag: "Customers",
    summary: "Get the wallet",
    description: "Every bucket's balance (in the order they are spent), what holds reserve, included usage left and overage so far — read from the ledger's running totals.",
    params: s.customerPathSchema,
    query: s.noQuery,
    body: s.noBody,
    response: s.walletSchema,
    status: 200,
    errors: customerErrors,
    example: {
      response: {
        object: "wallet",
        customer: "cus_demo_pixel",
        plan: "creator",
        model: "credits",
        period: { start: "2026-11-14T09:00:00.000Z", end: "2026-12-14T09:00:00.000Z" },
        usable: { available: amount("CREDIT", "1212500", 3, "1,212.5 credits"), held: amount("CREDIT", "30000", 3, "30 credits") },
        buckets: [
          {
            bucket: "plan_credits",
            label: "Plan credits",
            available: amount("CREDIT", "712500", 3, "712.5 credits"),
            held: amount("CREDIT", "30000", 3, "30 credits"),
            posted: amount("CREDIT", "742500", 3, "742.5 credits"),
            expires_at: "2026-12-14T09:00:00.000Z",
          },
          {
            bucket: "purchased_credits",
            label: "Purchased credits",
            available: amount("CREDIT", "500000", 3, "500 credits"),
            held: amount("CREDIT", "0", 3, "0 credits"),
            posted: amount("CREDIT", "500000", 3, "500 credits"),
            expires_at: "2027-10-02T12:00:00.000Z",
          },
        ],
        included: null,
        overage: null,
        pending_holds: [exampleHold],
      },
    },
  }),

  recordUsage: endpoint({
    id: "recordUsage",
    method: "POST",
    path: "/usage",
    tag: "Usage",
    summary: "Send usage events",
    description:
      "Up to 1,000 events per call. Each is rated on its own against the customer's wallet, in order, and answered `accepted` (with its cost), `duplicate` (its `id` was recorded before — nothing is charged again) or `rejected` with a `reason`. A rejected event never blocks the others; the call fails as a whole (400) only when the body is not JSON, `events` is not an array, or it holds more than 1,000 events.",
    params: s.noParams,
    query: s.noQuery,
    body: s.usageBatchSchema,
    docBody: s.usageBatchDocSchema,
    response: s.usageBatchResultSchema,
    status: 200,
    errors: ["invalid_json", "parameter_missing", "parameter_invalid", "parameter_unknown", "batch_too_large"],
    example: {
      body: {
        events: [
          { id: "evt_000123", customer: "ext:pixel", action: "image_generation", quantity: 3, timestamp: "2026-11-21T10:00:00Z" },
          { id: "evt_000124", customer: "ext:pixel", action: "teleport", quantity: 1 },
        ],
      },
      response: {
        object: "usage_batch",
        accepted: 1,
        duplicates: 0,
        rejected: 1,
        results: [
          { index: 0, id: "evt_000123", status: "accepted", customer: "cus_demo_pixel", cost: amount("CREDIT", "30000", 3, "30 credits"), overage: null, reason: null, message: null },
          { index: 1, id: "evt_000124", status: "rejected", customer: null, cost: null, overage: null, reason: "unknown_action", message: 'Plan creator has no action "teleport".' },
        ],
      },
    },
  }),

  authorize: endpoint({
    id: "authorize",
    method: "POST",
    path: "/authorize",
    tag: "Authorize and holds",
    summary: "May this customer run this action now?",
    description:
      "Answers from the wallet and the plan's zero-balance policy: `allowed`, the `reason` when not, what it costs and what remains. With `hold: true` the cost is reserved (pending ledger transfers, one per bucket drawn) until you capture it — for the quantity actually used — or release it; a hold nobody resolves expires by itself after `hold_ttl_seconds`.",
    params: s.noParams,
    query: s.noQuery,
    body: s.authorizeSchema,
    response: s.authorizationSchema,
    status: 200,
    errors: ["parameter_missing", "parameter_invalid", "parameter_unknown", "resource_missing"],
    example: {
      body: { customer: "ext:pixel", action: "image_generation", quantity: 3, hold: true },
      response: {
        object: "authorization",
        allowed: true,
        reason: null,
        message: "Image generation × 3 costs 30 credits; 1,242.5 credits available.",
        customer: "cus_demo_pixel",
        action: "image_generation",
        quantity: "3",
        cost: amount("CREDIT", "30000", 3, "30 credits"),
        overage: null,
        available: amount("CREDIT", "1242500", 3, "1,242.5 credits"),
        remaining: amount("CREDIT", "1212500", 3, "1,212.5 credits"),
        overage_cap_left: null,
        hold: exampleHold,
      },
    },
  }),

  getHold: endpoint({
    id: "getHold",
    method: "GET",
    path: "/holds/{id}",
    tag: "Authorize and holds",
    summary: "Get a hold",
    description: "A hold's state: pending, captured (with what was charged), released or expired.",
    params: s.holdPathSchema,
    query: s.noQuery,
    body: s.noBody,
    response: s.holdSchema,
    status: 200,
    errors: ["resource_missing"],
    example: { response: exampleHold },
  }),

  captureHold: endpoint({
    id: "captureHold",
    method: "POST",
    path: "/holds/{id}/capture",
    tag: "Authorize and holds",
    summary: "Capture a hold",
    description:
      "Charges what was used — `quantity` (default: all of it) — and releases the rest. The earliest buckets drawn are charged first. Records a usage event (id = the hold id) with its cost, like `POST /usage` does.",
    params: s.holdPathSchema,
    query: s.noQuery,
    body: s.captureSchema,
    response: s.holdSchema,
    status: 200,
    errors: ["parameter_invalid", "resource_missing", "capture_exceeds_hold", "hold_not_pending", "hold_expired"],
    example: {
      body: { quantity: 2 },
      response: {
        ...exampleHold,
        status: "captured",
        captured_quantity: "2",
        captured_amount: amount("CREDIT", "20000", 3, "20 credits"),
        usage_event: "hld_9w3m1t6y2b8d",
        resolved_at: "2026-11-21T10:00:41.000Z",
      },
    },
  }),

  releaseHold: endpoint({
    id: "releaseHold",
    method: "POST",
    path: "/holds/{id}/release",
    tag: "Authorize and holds",
    summary: "Release a hold",
    description: "Gives the whole reserved amount back to the wallet; nothing is charged.",
    params: s.holdPathSchema,
    query: s.noQuery,
    body: s.releaseSchema,
    response: s.holdSchema,
    status: 200,
    errors: ["resource_missing", "hold_not_pending"],
    example: { response: { ...exampleHold, status: "released", resolved_at: "2026-11-21T10:00:41.000Z" } },
  }),

  createPortalSession: endpoint({
    id: "createPortalSession",
    method: "POST",
    path: "/portal_sessions",
    tag: "Portal",
    summary: "Create a portal link",
    description:
      "A single-use URL, valid for 10 minutes, that signs the customer's owner into the billing portal and opens the overview. Redirect your signed-in user to it; mint a new one each time (a used or expired link shows a page saying so).",
    params: s.noParams,
    query: s.noQuery,
    body: s.createPortalSessionSchema,
    response: s.portalSessionSchema,
    status: 201,
    errors: ["parameter_missing", "parameter_invalid", "resource_missing"],
    example: {
      body: { customer: "ext:acme", return_url: "https://app.example.com/settings/billing" },
      response: {
        id: "ps_3n8x0c5v7k2q",
        object: "portal_session",
        customer: "cus_demo_acme",
        url: "http://localhost:3000/portal-session/5f0c…",
        return_url: "https://app.example.com/settings/billing",
        embed: false,
        expires_at: "2026-11-21T10:10:00.000Z",
        created_at: "2026-11-21T10:00:00.000Z",
      },
    },
  }),

  createAdjustment: endpoint({
    id: "createAdjustment",
    method: "POST",
    path: "/customers/{id}/adjustments",
    tag: "Customers",
    summary: "Adjust a customer's wallet",
    description:
      "`grant`: goodwill — credits (Credits plans; they never expire and are spent after the plan's credits), balance (Balance plans) or included units of the current period (Metered plans), in minor units. `reversal`: correct a charge by reversing one of the customer's ledger transfers (its id is in the portal's activity and in usage/hold responses), in full or in part; the ledger refuses more than is left of it. `reason` (shown to the customer in their activity) and `actor` are required. When the reversed money was paid on an invoice, a credit note is issued against it. Send an `Idempotency-Key`: a retry then adjusts once.",
    params: s.customerPathSchema,
    query: s.noQuery,
    body: s.createAdjustmentSchema,
    response: s.adjustmentSchema,
    status: 201,
    errors: ["parameter_missing", "parameter_invalid", "parameter_unknown", "resource_missing"],
    example: {
      body: { type: "grant", amount: { asset: "CREDIT", amount: "50000" }, reason: "Goodwill for the outage of Nov 3", actor: "support@example.com" },
      response: {
        id: "adjustment:adj_5t1c8m2x9q0p",
        object: "adjustment",
        customer: "cus_demo_pixel",
        type: "grant",
        amount: amount("CREDIT", "50000", 3, "50 credits"),
        reverses: null,
        reason: "Goodwill for the outage of Nov 3",
        actor: "support@example.com",
        credit_note: null,
        created_at: "2026-11-21T10:00:00.000Z",
      },
    },
  }),

  createWebhookEndpoint: endpoint({
    id: "createWebhookEndpoint",
    method: "POST",
    path: "/webhook_endpoints",
    tag: "Webhooks",
    summary: "Add a webhook endpoint",
    description:
      "Portico POSTs each event (`balance.low`, `usage.threshold`, `top_up.succeeded`, `payment.failed`, `invoice.issued`, `subscription.updated`) as JSON to `url`, signed with the endpoint's secret — `Portico-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>`; reject a timestamp older than 5 minutes. A non-2xx answer or a timeout is retried with backoff (8 attempts over about a day). Delivery is at least once: dedupe on the event id (`Portico-Event-Id` header, `id` in the body). The `secret` is returned only here — store it.",
    params: s.noParams,
    query: s.noQuery,
    body: s.createWebhookEndpointSchema,
    response: s.webhookEndpointSchema,
    status: 201,
    errors: ["parameter_missing", "parameter_invalid", "parameter_unknown"],
    example: {
      body: { url: "https://api.example.com/webhooks/portico", enabled_events: ["payment.failed", "invoice.issued"] },
      response: {
        id: "we_8d3k2m9x1c0v",
        object: "webhook_endpoint",
        url: "https://api.example.com/webhooks/portico",
        description: null,
        enabled_events: ["payment.failed", "invoice.issued"],
        created_at: "2026-11-21T10:00:00.000Z",
        secret: "whsec_3f9c…",
      },
    },
  }),

  listWebhookEndpoints: endpoint({
    id: "listWebhookEndpoints",
    method: "GET",
    path: "/webhook_endpoints",
    tag: "Webhooks",
    summary: "List webhook endpoints",
    description: "Your webhook endpoints, oldest first (secrets are never listed).",
    params: s.noParams,
    query: s.noQuery,
    body: s.noBody,
    response: s.webhookEndpointListSchema,
    status: 200,
    errors: [],
    example: {
      response: {
        object: "list",
        data: [{ id: "we_8d3k2m9x1c0v", object: "webhook_endpoint", url: "https://api.example.com/webhooks/portico", description: null, enabled_events: [], created_at: "2026-11-21T10:00:00.000Z" }],
      },
    },
  }),

  deleteWebhookEndpoint: endpoint({
    id: "deleteWebhookEndpoint",
    method: "DELETE",
    path: "/webhook_endpoints/{id}",
    tag: "Webhooks",
    summary: "Delete a webhook endpoint",
    description: "Stops deliveries to it at once, retries included.",
    params: s.webhookEndpointPathSchema,
    query: s.noQuery,
    body: s.noBody,
    response: s.deletedWebhookEndpointSchema,
    status: 200,
    errors: ["resource_missing"],
    example: { response: { id: "we_8d3k2m9x1c0v", object: "webhook_endpoint", deleted: true } },
  }),

  rotateWebhookSecret: endpoint({
    id: "rotateWebhookSecret",
    method: "POST",
    path: "/webhook_endpoints/{id}/rotate_secret",
    tag: "Webhooks",
    summary: "Rotate a webhook endpoint's secret",
    description: "Makes a new signing secret and returns it — only here; store it. The old secret stops signing at once: every delivery sent from now on, retries included, is signed with the new one.",
    params: s.webhookEndpointPathSchema,
    query: s.noQuery,
    body: s.noBody,
    response: s.webhookEndpointSchema,
    status: 200,
    errors: ["resource_missing"],
    example: {
      response: { id: "we_8d3k2m9x1c0v", object: "webhook_endpoint", url: "https://api.example.com/webhooks/portico", description: null, enabled_events: [], created_at: "2026-11-21T10:00:00.000Z", secret: "whsec_0b1c…" },
    },
  }),

  testWebhookEndpoint: endpoint({
    id: "testWebhookEndpoint",
    method: "POST",
    path: "/webhook_endpoints/{id}/test",
    tag: "Webhooks",
    summary: "Send a test event",
    description: "POSTs one signed `webhook_endpoint.test` event to the endpoint now and says how it answered (2xx within 10 seconds = delivered). Nothing is queued or retried; use it to check the URL and your signature check.",
    params: s.webhookEndpointPathSchema,
    query: s.noQuery,
    body: s.noBody,
    response: s.webhookTestSchema,
    status: 200,
    errors: ["resource_missing"],
    example: { response: { object: "webhook_test", webhook_endpoint: "we_8d3k2m9x1c0v", event_id: "evt_7h2k9m3x1c0v", delivered: true, status: 200, error: null, duration_ms: 84 } },
  }),

  listInvoices: endpoint({
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
  }),

  getInvoice: endpoint({
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
  }),

  getInvoicePdf: endpoint({
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
  }),

  listPayments: endpoint({
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
  }),

  listEvents: endpoint({
    id: "listEvents",
    method: "GET",
    path: "/events",
    tag: "Webhooks",
    summary: "List events",
    description: "The events webhooks deliver, newest first, with the same `id` and `data` — to catch up after your endpoint was down. Filter by `type` and `customer`; paginate with `starting_after` (an event id).",
    params: s.noParams,
    query: s.listEventsQuerySchema,
    body: s.noBody,
    response: s.eventListSchema,
    status: 200,
    errors: ["parameter_invalid", "parameter_unknown", "resource_missing"],
    example: {
      query: "type=invoice.issued&limit=1",
      response: {
        object: "list",
        data: [{ id: "evt_2m8k4x0c9v1b", object: "event", type: "invoice.issued", created: "2026-12-06T10:00:00.000Z", data: { customer: { id: "cus_4k2jv8n3q0ta", external_id: "acme-42" }, title: "Invoice INV-000042", message: "Invoice INV-000042 for $27.00 was issued.", invoice_id: "inv_5t1q8w2e9r3y", number: "INV-000042", kind: "credit_pack", status: "paid", total_cents: "2700" } }],
        has_more: true,
        next_cursor: "evt_2m8k4x0c9v1b",
      },
    },
  }),
};
