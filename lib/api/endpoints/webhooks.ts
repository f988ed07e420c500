// The merchant API's webhook endpoints, and the events they deliver.
import * as s from "../schemas";
import { endpoint } from "./endpoint";

export const createWebhookEndpoint = endpoint({
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
});

export const listWebhookEndpoints = endpoint({
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
});

export const deleteWebhookEndpoint = endpoint({
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
});

export const rotateWebhookSecret = endpoint({
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
});

export const testWebhookEndpoint = endpoint({
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
});

export const listEvents = endpoint({
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
});
