// The merchant API's objects as zod schemas: the runtime check of every request and response,
// and — through z.toJSONSchema — the OpenAPI 3.1 document and the /docs/api page. Field names are
// snake_case; an amount is the object of DESIGN §8 (integer in minor units as a string).
// This file: what every resource's schemas share (amounts, errors, customer references, empty parts).
import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "../errors";

export const isoDateTime = () => z.iso.datetime({ offset: true });

export const amountSchema = z
  .object({
    asset: z.string().meta({ description: "Asset code: `USD`, `CREDIT` or `API_CALL`.", examples: ["CREDIT"] }),
    amount: z.string().regex(/^-?\d+$/).meta({ description: "Integer in the asset's minor units, as a string (no precision loss).", examples: ["1500"] }),
    scale: z.number().int().meta({ description: "Decimal places of the minor unit: USD 6 (micros), CREDIT 3, API_CALL 0.", examples: [3] }),
    formatted: z.string().meta({ description: "For display only.", examples: ["1.5 credits"] }),
  })
  .meta({ id: "Amount", description: "An amount of an asset. `amount` / 10^`scale` is the value: USD micros, milli-credits, whole API calls." });
// Not imported: `.meta({ id })` registers it and the OpenAPI document reads the registry.
export const errorSchema = z
  .object({
    error: z.object({
      type: z.enum(["authentication_error", "invalid_request_error", "idempotency_error", "rate_limit_error", "api_error"]),
      code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]).meta({ description: "Stable, machine-readable; see the error codes." }),
      message: z.string().meta({ description: "For humans: what went wrong and what to do." }),
      param: z.string().nullable().meta({ description: "The offending field (e.g. `events[3].quantity`), if any." }),
    }),
  })
  .meta({ id: "Error" });

export const customerRefSchema = z
  .string()
  .min(1)
  .max(205)
  .meta({ description: "Portico's customer id (`cus_…`) or `ext:<external_id>`.", examples: ["ext:acme"] });

// ─── path and query ──────────────────────────────────────────────────────────

export const noParams = z.object({});
export const noQuery = z.strictObject({});
export const noBody = z.strictObject({});
