// What an endpoint of the merchant API is, and the helpers the per-resource files describe theirs with.
import type { z } from "zod";
import type { ErrorCode } from "../errors";

export type Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Under /api/v1, with `{param}` placeholders. */
  path: string;
  tag: string;
  summary: string;
  description: string;
  params: P;
  query: Q;
  body: B;
  /** The request body as documented, when the run-time parse is deliberately looser (usage). */
  docBody?: z.ZodType;
  response: R;
  status: number;
  /** Error codes this endpoint can answer with (beyond authentication and rate limiting). */
  errors: ErrorCode[];
  example?: { body?: unknown; query?: string; response: unknown };
  /** The answer is a file of this type (the response schema is `fileSchema`), not JSON. */
  file?: "application/pdf";
};

/** Methods that carry a JSON body and accept an Idempotency-Key. */
export function isWrite(method: Endpoint["method"]): method is "POST" | "PATCH" {
  return method === "POST" || method === "PATCH";
}

export function endpoint<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(e: Endpoint<P, Q, B, R>) {
  return e;
}

export const amount = (asset: string, value: string, scale: number, formatted: string) => ({ asset, amount: value, scale, formatted });
