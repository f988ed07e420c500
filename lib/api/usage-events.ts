// Reading one usage event of a POST /usage body. Each event is judged on its own: a malformed
// one becomes a `rejected` result with a reason, never an error for the whole call.
import type { UsageEventInput } from "@/lib/services/usage";
import { MAX_QUANTITY } from "@/lib/billing/rating";

export type ParsedEvent =
  | { ok: true; input: UsageEventInput }
  | { ok: false; id: string | null; reason: "invalid_event" | "invalid_quantity" | "invalid_timestamp"; message: string };

const KNOWN = new Set(["id", "customer", "action", "quantity", "timestamp", "properties"]);
const MAX_PROPERTIES_BYTES = 4_096;
// RFC 3339 with an explicit offset (Z or ±hh:mm).
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A positive whole number up to 10^12, from a JSON number or a decimal-integer string. */
function parseQuantity(q: unknown): bigint | null {
  let n: bigint;
  if (typeof q === "number") {
    if (!Number.isInteger(q)) return null;
    n = BigInt(q);
  } else if (typeof q === "string" && /^\d{1,16}$/.test(q)) {
    n = BigInt(q);
  } else return null;
  return n >= 1n && n <= MAX_QUANTITY ? n : null;
}

export function parseUsageEvent(raw: unknown, now: Date): ParsedEvent {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, id: null, reason: "invalid_event", message: "Each event must be a JSON object." };
  }
  const e = raw as Record<string, unknown>;
  const id = typeof e.id === "string" && e.id.length >= 1 && e.id.length <= 200 ? e.id : null;
  const fail = (reason: "invalid_event" | "invalid_quantity" | "invalid_timestamp", message: string): ParsedEvent => ({ ok: false, id, reason, message });
  if (id === null) return fail("invalid_event", typeof e.id === "string" ? "id must be 1–200 characters." : "id is required (a string of 1–200 characters).");
  const unknown = Object.keys(e).find((k) => !KNOWN.has(k));
  if (unknown) return fail("invalid_event", `Unknown field "${unknown}" (an event has id, customer, action, quantity, timestamp and properties).`);
  if (typeof e.customer !== "string" || e.customer.length === 0 || e.customer.length > 205) {
    return fail("invalid_event", 'customer is required: a customer id ("cus_…") or "ext:<external_id>".');
  }
  if (typeof e.action !== "string" || e.action.length === 0 || e.action.length > 100) return fail("invalid_event", "action is required (an action code of the plan).");
  if (e.quantity === undefined) return fail("invalid_quantity", "quantity is required: a whole number from 1 to 10^12.");
  const quantity = parseQuantity(e.quantity);
  if (quantity === null) return fail("invalid_quantity", `quantity ${JSON.stringify(e.quantity)} is not a whole number from 1 to 10^12.`);
  let timestamp = now;
  if (e.timestamp !== undefined) {
    if (typeof e.timestamp !== "string" || !RFC3339.test(e.timestamp) || Number.isNaN(Date.parse(e.timestamp))) {
      return fail("invalid_timestamp", `timestamp ${JSON.stringify(e.timestamp)} is not an ISO 8601 date-time with an offset (e.g. "2026-11-21T10:00:00Z").`);
    }
    timestamp = new Date(e.timestamp);
  }
  let properties: Record<string, unknown> | undefined;
  if (e.properties !== undefined) {
    if (e.properties === null || typeof e.properties !== "object" || Array.isArray(e.properties)) return fail("invalid_event", "properties must be a JSON object.");
    if (JSON.stringify(e.properties).length > MAX_PROPERTIES_BYTES) return fail("invalid_event", "properties must be at most 4 KB as JSON.");
    properties = e.properties as Record<string, unknown>;
  }
  return { ok: true, input: { id, customer: e.customer, action: e.action, quantity, timestamp, properties } };
}
