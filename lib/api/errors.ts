// The merchant API's errors (DESIGN §8): `{"error":{"type","code","message","param"}}` with a 4xx/5xx
// status. Codes are stable — integrations branch on them — and each is documented here once, for
// the OpenAPI document, the /docs/api page and the README.

type ErrorType = "authentication_error" | "invalid_request_error" | "idempotency_error" | "rate_limit_error" | "api_error";

type CodeDef = { type: ErrorType; status: number; description: string };

export const ERROR_CODES = {
  missing_api_key: { type: "authentication_error", status: 401, description: "No `Authorization: Bearer <secret key>` header." },
  invalid_api_key: { type: "authentication_error", status: 401, description: "The key is unknown or was revoked." },
  invalid_json: { type: "invalid_request_error", status: 400, description: "The body is not valid JSON (or not a JSON object)." },
  parameter_missing: { type: "invalid_request_error", status: 400, description: "A required field is missing; `param` names it." },
  parameter_invalid: { type: "invalid_request_error", status: 400, description: "A field has the wrong type or an invalid value; `param` names it." },
  parameter_unknown: { type: "invalid_request_error", status: 400, description: "The body has a field this endpoint does not accept; `param` names it." },
  batch_too_large: { type: "invalid_request_error", status: 400, description: "More than 1,000 usage events in one call." },
  resource_missing: {
    type: "invalid_request_error",
    status: 404,
    description: "No such object for this merchant — in the path or named by a body field (`param`). Another merchant's objects are reported the same way.",
  },
  resource_already_exists: { type: "invalid_request_error", status: 409, description: "An object with this `external_id` already exists; its id is in the message." },
  subscription_canceled: { type: "invalid_request_error", status: 409, description: "The customer's subscription is canceled and cannot be changed." },
  hold_not_pending: { type: "invalid_request_error", status: 409, description: "The hold was already captured, released or expired." },
  hold_expired: { type: "invalid_request_error", status: 409, description: "The hold ran out of time; its amount was (or is being) released." },
  capture_exceeds_hold: { type: "invalid_request_error", status: 400, description: "The capture asks for more than the hold reserved." },
  idempotency_key_reused: {
    type: "idempotency_error",
    status: 409,
    description: "This `Idempotency-Key` was used with a different request (method, path or body). Use a new key for a new request.",
  },
  idempotency_in_progress: {
    type: "idempotency_error",
    status: 409,
    description: "A request with this `Idempotency-Key` is still running. Retry after a moment to get its result.",
  },
  idempotency_key_invalid: { type: "invalid_request_error", status: 400, description: "The `Idempotency-Key` header must be 1–255 printable characters." },
  rate_limited: { type: "rate_limit_error", status: 429, description: "Too many requests for this key; wait for `Retry-After` seconds." },
  internal_error: { type: "api_error", status: 500, description: "Something went wrong on Portico's side. Retrying with the same `Idempotency-Key` is safe." },
} as const satisfies Record<string, CodeDef>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly status: number;
  readonly param: string | null;
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, message: string, opts: { param?: string | null; status?: number; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.type = ERROR_CODES[code].type;
    this.status = opts.status ?? ERROR_CODES[code].status;
    this.param = opts.param ?? null;
    this.headers = opts.headers ?? {};
  }

  body() {
    return { error: { type: this.type, code: this.code, message: this.message, param: this.param } };
  }
}

export function notFound(what: string, id: string, param?: string): ApiError {
  return new ApiError("resource_missing", `No ${what} "${id}".`, { param: param ?? null });
}
