// The merchant API's usage events.
import { z } from "zod";
import { amountSchema, customerRefSchema, isoDateTime } from "./common";

const usageEventDocSchema = z
  .strictObject({
    id: z.string().min(1).max(200).meta({ description: "Your id for the event: the idempotency key (unique per merchant).", examples: ["evt_000123"] }),
    customer: customerRefSchema,
    action: z.string().min(1).max(100).meta({ description: "An action code of the customer's plan.", examples: ["image_generation"] }),
    quantity: z
      .union([z.int().min(1).max(1e12), z.string().regex(/^\d+$/)])
      .meta({ description: "A whole number from 1 to 10^12 (a JSON number or a decimal string).", examples: [3] }),
    timestamp: isoDateTime()
      .optional()
      .meta({ description: "When it happened (ISO 8601 with offset); default: when received. At most 5 minutes in the future; its period must still be open." }),
    properties: z.record(z.string(), z.unknown()).optional().meta({ description: "Anything you want kept with the event (≤ 4 KB as JSON)." }),
  })
  .meta({ id: "UsageEvent" });

export const MAX_EVENTS = 1_000;

/** What is parsed at run time: the envelope only, so one bad event never fails the others. */
export const usageBatchSchema = z.strictObject({
  events: z.array(z.unknown()).max(MAX_EVENTS, `At most ${MAX_EVENTS} events per call`),
});

export const usageBatchDocSchema = z
  .strictObject({ events: z.array(usageEventDocSchema).max(MAX_EVENTS) })
  .meta({ id: "UsageBatchRequest", description: "Up to 1,000 events. Each is judged on its own." });

export const USAGE_REJECT_REASONS = [
  "invalid_event",
  "invalid_quantity",
  "invalid_timestamp",
  "unknown_customer",
  "unknown_action",
  "no_active_subscription",
  "timestamp_in_future",
  "timestamp_before_open_period",
  "insufficient_credits",
  "insufficient_balance",
  "included_usage_exhausted",
  "spending_cap_reached",
] as const;

export const usageResultSchema = z
  .object({
    index: z.number().int().meta({ description: "Position of the event in the request." }),
    id: z.string().nullable(),
    status: z.enum(["accepted", "duplicate", "rejected"]),
    customer: z.string().nullable().meta({ description: "Portico id of the customer charged (accepted events)." }),
    cost: amountSchema.nullable().meta({ description: "What the event cost in the plan's usage asset (accepted events)." }),
    overage: amountSchema.nullable().meta({ description: "Metered: the overage money it added, billed at period end." }),
    reason: z.enum(USAGE_REJECT_REASONS).nullable(),
    message: z.string().nullable(),
  })
  .meta({ id: "UsageResult" });

export const usageBatchResultSchema = z
  .object({
    object: z.literal("usage_batch"),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    results: z.array(usageResultSchema),
  })
  .meta({ id: "UsageBatchResult" });
