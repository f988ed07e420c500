import "server-only";
// The one wrapper every merchant-API route goes through (STYLE.md "Server actions and routes"):
//   key auth → rate limit → zod parsing of path, query and body → Idempotency-Key (writes) →
//   the handler → zod parsing of the response → JSON, or the error shape of DESIGN §8.
// Handlers hold no plumbing: they get the caller (merchant) and typed input, return typed output,
// and throw ApiError (or ServiceError) for expected failures.
import { z } from "zod";
import { ServiceError } from "@/lib/services/shared";
import { HoldError } from "@/lib/services/usage";
import { PlanChangeError } from "@/lib/services/cycle";
import { newId } from "@/lib/ids";
import { isWrite, type Endpoint } from "./endpoints";
import { ApiError } from "./errors";
import { claimIdempotencyKey, finishIdempotencyKey, readIdempotencyKey, requestHash, type StoredResponse } from "./idempotency";
import { authenticate, type ApiCaller } from "./keys";
import { apiRateLimiter } from "./rate-limit";

type HandlerInput<E extends Endpoint> = {
  caller: ApiCaller;
  params: z.output<E["params"]>;
  query: z.output<E["query"]>;
  body: z.output<E["body"]>;
  req: Request;
  now: Date;
};

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function json(status: number, body: unknown, headers: Record<string, string> = {}, text = JSON.stringify(body)): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** "events[3].quantity" from a zod path. */
function paramOf(path: readonly PropertyKey[]): string | null {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || null;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function zodToApiError(error: z.ZodError, where: "body" | "query" | "path", raw: unknown): ApiError {
  const issue = error.issues[0]!;
  const base = paramOf(issue.path);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const param = base ? `${base}.${key}` : key;
    return new ApiError("parameter_unknown", `Unknown ${where === "query" ? "query parameter" : "field"} "${param}".`, { param });
  }
  if (issue.code === "too_big" && issue.origin === "array" && base === "events") {
    return new ApiError("batch_too_large", `At most ${String(issue.maximum)} usage events per call; split the batch.`, { param: "events" });
  }
  const missing = issue.code === "invalid_type" && valueAt(raw, issue.path) === undefined;
  const param = base ?? (where === "body" ? null : where);
  const label = param ? `"${param}"` : where === "body" ? "The body" : `The ${where}`;
  if (missing) return new ApiError("parameter_missing", `${label} is required.`, { param });
  return new ApiError("parameter_invalid", `${label}: ${issue.message}`, { param });
}

async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The body is not valid JSON. Send a JSON object with `Content-Type: application/json`.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiError("invalid_json", "The body must be a JSON object.");
  }
  return value;
}

function fromServiceError(e: ServiceError): ApiError {
  switch (e.code) {
    case "not_found":
    case "customer_not_found":
      return new ApiError("resource_missing", e.message, { param: e.param ?? null });
    case "plan_not_found":
      return new ApiError("resource_missing", e.message, { param: e.param ?? "plan" });
    case "already_exists":
      return new ApiError("resource_already_exists", e.message, { param: e.param ?? null });
    default:
      return new ApiError("parameter_invalid", e.message, { param: e.param ?? null });
  }
}

function toApiError(e: unknown, requestId: string): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof ServiceError) return fromServiceError(e);
  if (e instanceof HoldError) return new ApiError(e.code, e.message, { param: e.param ?? null });
  if (e instanceof PlanChangeError) return new ApiError(e.code, e.message);
  console.error(`[api] ${requestId} failed:`, e);
  return new ApiError("internal_error", `Something went wrong on our side (request ${requestId}). Retrying with the same Idempotency-Key is safe.`);
}

export function apiRoute<E extends Endpoint>(endpoint: E, handler: (input: HandlerInput<E>) => Promise<z.input<E["response"]>>) {
  return async function route(req: Request, ctx?: RouteContext): Promise<Response> {
    const requestId = newId("req");
    const base = { "Request-Id": requestId };
    let claim: { merchantId: string; key: string } | null = null;
    try {
      const caller = await authenticate(req);
      apiRateLimiter().take(caller.keyId);

      // Next passes no params (undefined) to a route without dynamic segments.
      const rawParams = (ctx ? await ctx.params : undefined) ?? {};
      const params = endpoint.params.safeParse(rawParams);
      if (!params.success) throw zodToApiError(params.error, "path", rawParams);
      const url = new URL(req.url);
      const rawQuery = Object.fromEntries(url.searchParams);
      const query = endpoint.query.safeParse(rawQuery);
      if (!query.success) throw zodToApiError(query.error, "query", rawQuery);
      const rawBody = isWrite(endpoint.method) ? await readBody(req) : {};
      const body = endpoint.body.safeParse(rawBody);
      if (!body.success) throw zodToApiError(body.error, "body", rawBody);

      if (isWrite(endpoint.method)) {
        const key = readIdempotencyKey(req);
        if (key) {
          const replay = await claimIdempotencyKey({
            merchantId: caller.merchantId,
            key,
            method: req.method,
            path: url.pathname,
            hash: requestHash(req.method, url.pathname, rawBody),
          });
          if (replay) return json(replay.status, replay.body, { ...base, "Idempotent-Replayed": "true" });
          claim = { merchantId: caller.merchantId, key };
        }
      }

      let response: StoredResponse;
      try {
        const out = await handler({ caller, params: params.data, query: query.data, body: body.data, req, now: new Date() } as HandlerInput<E>);
        if (endpoint.file) {
          const f = out as { file: Uint8Array; filename: string };
          return new Response(Buffer.from(f.file), {
            status: endpoint.status,
            headers: { ...base, "Content-Type": endpoint.file, "Content-Disposition": `attachment; filename="${f.filename}"`, "Cache-Control": "private, no-store" },
          });
        }
        const checked = endpoint.response.safeParse(out);
        if (!checked.success) {
          console.error(`[api] ${requestId} ${endpoint.id}: response does not match its schema`, checked.error.issues.slice(0, 3));
          throw new Error(`Response of ${endpoint.id} does not match its schema`);
        }
        response = { status: endpoint.status, body: checked.data };
      } catch (e) {
        const err = toApiError(e, requestId);
        response = { status: err.status, body: err.body() };
        if (claim) await finishIdempotencyKey(claim, response).catch(() => {});
        claim = null;
        return json(err.status, err.body(), { ...base, ...err.headers });
      }
      // Serialised once: the reply and the stored copy (a usage batch answers 1,000 results).
      const text = JSON.stringify(response.body);
      if (claim) await finishIdempotencyKey(claim, response, text);
      claim = null;
      return json(response.status, response.body, base, text);
    } catch (e) {
      if (claim) await finishIdempotencyKey(claim, null).catch(() => {});
      const err = toApiError(e, requestId);
      return json(err.status, err.body(), { ...base, ...err.headers });
    }
  };
}
