// The merchant API's usage events.
import * as s from "../schemas";
import { amount, endpoint } from "./endpoint";

export const recordUsage = endpoint({
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
});
