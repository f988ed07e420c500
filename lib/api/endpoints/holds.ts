// The merchant API's authorizations and holds.
import * as s from "../schemas";
import { amount, endpoint } from "./endpoint";

export const exampleHold = {
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

export const authorize = endpoint({
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
});

export const getHold = endpoint({
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
});

export const captureHold = endpoint({
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
});

export const releaseHold = endpoint({
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
});
