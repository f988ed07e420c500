// The merchant API's webhook endpoints.
import { z } from "zod";
import { isoDateTime } from "./common";

export const WEBHOOK_EVENTS = ["balance.low", "usage.threshold", "top_up.succeeded", "payment.failed", "invoice.issued", "subscription.updated"] as const;

export const createWebhookEndpointSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .meta({ description: "Where Portico POSTs events (https; http for local testing).", examples: ["https://api.example.com/webhooks/portico"] }),
    description: z.string().max(200).optional().meta({ description: "For your own records." }),
    enabled_events: z
      .array(z.enum(WEBHOOK_EVENTS))
      .max(WEBHOOK_EVENTS.length)
      .optional()
      .meta({ description: "Event types to deliver; omitted or empty = all of them." }),
  })
  .meta({ id: "CreateWebhookEndpointRequest" });

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    object: z.literal("webhook_endpoint"),
    url: z.string(),
    description: z.string().nullable(),
    enabled_events: z.array(z.string()).meta({ description: "Empty = every event type." }),
    created_at: isoDateTime(),
    secret: z
      .string()
      .optional()
      .meta({ description: "The signing secret (`whsec_…`): only in the response that creates the endpoint. Verify `Portico-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>`." }),
  })
  .meta({ id: "WebhookEndpoint" });

export const webhookEndpointListSchema = z.object({ object: z.literal("list"), data: z.array(webhookEndpointSchema) }).meta({ id: "WebhookEndpointList" });

export const deletedWebhookEndpointSchema = z
  .object({ id: z.string(), object: z.literal("webhook_endpoint"), deleted: z.literal(true) })
  .meta({ id: "DeletedWebhookEndpoint" });

export const webhookTestSchema = z
  .object({
    object: z.literal("webhook_test"),
    webhook_endpoint: z.string(),
    event_id: z.string().meta({ description: "The id of the test event sent (type `webhook_endpoint.test`)." }),
    delivered: z.boolean().meta({ description: "The endpoint answered 2xx within 10 seconds." }),
    status: z.number().int().nullable().meta({ description: "The HTTP status it answered with; null when it could not be reached." }),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
  })
  .meta({ id: "WebhookTest" });

export const webhookEndpointPathSchema = z.object({ id: z.string().min(1).max(100).meta({ description: "Webhook endpoint id (`we_…`)." }) });
