// The OpenAPI 3.1 document of the merchant API, generated from the same zod schemas the routes
// parse with (z.toJSONSchema, JSON Schema 2020-12 — OpenAPI 3.1's own dialect). Served at
// /api/v1/openapi.json and rendered for people at /docs/api.
import { z } from "zod";
import { ENDPOINTS, isWrite, type Endpoint } from "./endpoints";
import { ERROR_CODES, type ErrorCode } from "./errors";
import { MAX_EVENTS, noBody } from "./schemas";

type Json = Record<string, unknown>;

const REQUEST_IDS = new Set(["CreateCustomerRequest", "ChangeSubscriptionRequest", "UsageBatchRequest", "UsageEvent", "AuthorizeRequest", "CaptureRequest", "ReleaseRequest", "CreatePortalSessionRequest"]);

function clean(schema: Json): Json {
  const { $schema: _s, $id: _d, id: _i, ...rest } = schema;
  return rest;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** Keep the document readable: no 400-character date-time regexes, no ±2^53 bounds. */
function tidy(ctx: { jsonSchema: Json }) {
  const js = ctx.jsonSchema;
  if (js.format === "date-time") delete js.pattern;
  if (js.minimum === -SAFE) delete js.minimum;
  if (js.maximum === SAFE) delete js.maximum;
}

function idOf(schema: z.ZodType): string | undefined {
  return (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
}

/** Every schema with an id, as components: request schemas as input, the rest as output. */
function componentSchemas(): Record<string, Json> {
  const uri = (id: string) => `#/components/schemas/${id}`;
  const output = z.toJSONSchema(z.globalRegistry, { io: "output", uri, unrepresentable: "any", override: tidy }).schemas as Record<string, Json>;
  const input = z.toJSONSchema(z.globalRegistry, { io: "input", uri, unrepresentable: "any", override: tidy }).schemas as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const id of Object.keys(output).sort()) out[id] = clean(REQUEST_IDS.has(id) ? input[id]! : output[id]!);
  return out;
}

/** A schema as it appears in an operation: a $ref when it has an id, inline otherwise. */
function schemaRef(schema: z.ZodType, io: "input" | "output"): Json {
  const id = idOf(schema);
  if (id) return { $ref: `#/components/schemas/${id}` };
  return clean(z.toJSONSchema(schema, { io, unrepresentable: "any", override: tidy }) as Json);
}

function parameters(e: Endpoint): Json[] {
  const out: Json[] = [];
  const add = (schema: z.ZodType, where: "path" | "query") => {
    const js = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", override: tidy }) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      const { description, ...rest } = prop;
      out.push({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), description, schema: rest });
    }
  };
  add(e.params, "path");
  add(e.query, "query");
  if (isWrite(e.method)) {
    out.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Makes the write safe to retry: the same key with the same request replays the first response (kept at least 24 h); with a different request it is a 409.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  return out;
}

function errorResponses(e: Endpoint): Record<string, Json> {
  const codes: ErrorCode[] = [...new Set<ErrorCode>([...e.errors, "missing_api_key", "invalid_api_key", "rate_limited", "internal_error"])];
  if (isWrite(e.method)) codes.push("idempotency_key_reused", "idempotency_in_progress", "idempotency_key_invalid");
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) byStatus.set(ERROR_CODES[c].status, [...(byStatus.get(ERROR_CODES[c].status) ?? []), c]);
  const out: Record<string, Json> = {};
  for (const [status, list] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: list.map((c) => `\`${c}\` — ${ERROR_CODES[c].description}`).join("\n\n"),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return out;
}

function operation(e: Endpoint): Json {
  const op: Json = {
    operationId: e.id,
    summary: e.summary,
    description: e.description,
    tags: [e.tag],
    parameters: parameters(e),
    responses: {
      [String(e.status)]: {
        description: e.summary,
        content: e.file
          ? { [e.file]: { schema: { type: "string", format: "binary" } } }
          : { "application/json": { schema: schemaRef(e.response, "output"), ...(e.example ? { example: e.example.response } : {}) } },
      },
      ...errorResponses(e),
    },
  };
  if (isWrite(e.method)) {
    op.requestBody = {
      required: e.body !== noBody && e.id !== "releaseHold" && e.id !== "captureHold",
      content: { "application/json": { schema: schemaRef(e.docBody ?? e.body, "input"), ...(e.example?.body ? { example: e.example.body } : {}) } },
    };
  }
  return op;
}

export function errorCodeTable(): { code: ErrorCode; type: string; status: number; description: string }[] {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => ({ code, ...ERROR_CODES[code] }));
}

export function buildOpenApi(baseUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const e of Object.values(ENDPOINTS) as Endpoint[]) {
    paths[e.path] = { ...(paths[e.path] ?? {}), [e.method.toLowerCase()]: operation(e) };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Portico merchant API",
      version: "v1",
      description: [
        "Send usage, ask whether a customer may run an action, reserve and capture, read wallets, and open the billing portal for your signed-in users.",
        "",
        "- Authenticate with your secret key: `Authorization: Bearer sk_…`.",
        "- Field names are snake_case. Amounts are objects `{ asset, amount, scale, formatted }`: `amount` is an integer in the asset's minor units, as a string.",
        "- A customer is named by Portico's id (`cus_…`) or by yours, as `ext:<external_id>`.",
        `- Every write accepts an \`Idempotency-Key\` header. \`POST /usage\` takes up to ${MAX_EVENTS.toLocaleString("en-US")} events; each event's \`id\` makes it idempotent on its own.`,
        '- Errors are `{"error":{"type","code","message","param"}}` with a 4xx/5xx status; `code` is stable (see `x-error-codes`).',
      ].join("\n"),
    },
    servers: [{ url: `${baseUrl.replace(/\/+$/, "")}/api/v1` }],
    security: [{ secretKey: [] }],
    tags: [
      { name: "Plans" },
      { name: "Customers" },
      { name: "Usage" },
      { name: "Authorize and holds" },
      { name: "Portal" },
      { name: "Webhooks" },
    ],
    paths,
    components: {
      securitySchemes: { secretKey: { type: "http", scheme: "bearer", description: "Your secret key (`sk_test_…`), from `npm run keys:create`." } },
      schemas: componentSchemas(),
    },
    "x-error-codes": errorCodeTable(),
  };
}
