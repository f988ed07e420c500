import "server-only";
// `Idempotency-Key` for every write of the merchant API (DESIGN §8), the way Stripe does it:
//   - the record is inserted *before* the work (ON CONFLICT DO NOTHING), so of many concurrent
//     requests with one key exactly one runs; the others get 409 idempotency_in_progress;
//   - the first response (2xx or 4xx) is stored and replayed for the same key + same request;
//   - the same key with a different method, path or body is a 409 idempotency_key_reused;
//   - a 5xx stores nothing (the record is removed), so a retry runs again;
//   - a record left "in progress" by a crashed process is taken over after IN_PROGRESS_STALE_MS;
//   - records are kept 48 h (a recurring job deletes older ones; the promise is ≥ 24 h).
import { createHash } from "node:crypto";
import { db, dbSql } from "@/lib/db/client";
import { ApiError } from "./errors";

const IDEMPOTENCY_RETENTION_MS = 48 * 3_600_000;
const IN_PROGRESS_STALE_MS = 120_000;

export type StoredResponse = { status: number; body: unknown };

type IdempotencyClaim = { merchantId: string; key: string };

/** Sorted keys, so the same JSON sent with another key order or spacing is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n`).update(canonical(body)).digest("hex");
}

export function readIdempotencyKey(req: Request): string | null {
  const key = req.headers.get("idempotency-key");
  if (key === null) return null;
  if (key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiError("idempotency_key_invalid", "The Idempotency-Key header must be 1–255 printable ASCII characters without spaces (a UUID is a good choice).");
  }
  return key;
}

type Row = { request_hash: string; method: string; path: string; response_status: number | null; response_body: unknown; created_at: Date };

/**
 * Claim the key for this request. Returns null when this request should run (and later call
 * `finish`), or the stored response to replay.
 */
export async function claimIdempotencyKey(args: { merchantId: string; key: string; method: string; path: string; hash: string }): Promise<StoredResponse | null> {
  // Plain SQL on the pool: one call per write request, and the stored responses are large.
  const sql = dbSql();
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await sql.query(
      `INSERT INTO idempotency_records (merchant_id, key, method, path, request_hash)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (merchant_id, key) DO NOTHING RETURNING 1`,
      [args.merchantId, args.key, args.method, args.path, args.hash],
    );
    if (inserted.length === 1) return null;
    const [row] = await sql.query<Row>(
      `SELECT request_hash, method, path, response_status, response_body, created_at
         FROM idempotency_records WHERE merchant_id = $1 AND key = $2`,
      [args.merchantId, args.key],
    );
    if (!row) continue; // removed meanwhile (a 5xx, or expired): try to claim again
    if (row.request_hash !== args.hash) {
      const same = row.method === args.method && row.path === args.path;
      throw new ApiError(
        "idempotency_key_reused",
        same
          ? `Idempotency-Key "${args.key}" was already used with a different body. Use a new key for a new request.`
          : `Idempotency-Key "${args.key}" was already used for ${row.method} ${row.path}. Use a new key for a new request.`,
      );
    }
    if (row.response_status !== null) {
      return { status: row.response_status, body: typeof row.response_body === "string" ? JSON.parse(row.response_body) : row.response_body };
    }
    // Still running — or abandoned by a process that died: take it over once it is stale.
    const taken = await sql.query(
      `UPDATE idempotency_records SET created_at = now()
        WHERE merchant_id = $1 AND key = $2 AND response_status IS NULL AND created_at < now() - make_interval(secs => $3)
        RETURNING 1`,
      [args.merchantId, args.key, IN_PROGRESS_STALE_MS / 1000],
    );
    if (taken.length === 1) return null;
    throw new ApiError("idempotency_in_progress", `A request with Idempotency-Key "${args.key}" is still being processed. Retry in a moment to get its result.`, {
      headers: { "Retry-After": "1" },
    });
  }
  throw new ApiError("idempotency_in_progress", `Idempotency-Key "${args.key}" is changing hands; retry in a moment.`, { headers: { "Retry-After": "1" } });
}

/**
 * Store the response to replay (2xx/4xx), or release the key (5xx) so a retry runs again.
 * `json` is the body as already serialised for the reply, when the caller has it.
 */
export async function finishIdempotencyKey(claim: IdempotencyClaim, response: StoredResponse | null, json?: string): Promise<void> {
  const sql = dbSql();
  if (!response || response.status >= 500) {
    await sql.query(`DELETE FROM idempotency_records WHERE merchant_id = $1 AND key = $2 AND response_status IS NULL`, [claim.merchantId, claim.key]);
    return;
  }
  await sql.query(`UPDATE idempotency_records SET response_status = $3, response_body = $4::jsonb WHERE merchant_id = $1 AND key = $2`, [
    claim.merchantId,
    claim.key,
    response.status,
    json ?? JSON.stringify(response.body),
  ]);
}

/** Delete records past retention (the recurring job). Returns how many went. */
export async function purgeIdempotencyRecords(now: Date): Promise<number> {
  return db().$executeRawUnsafe(`DELETE FROM idempotency_records WHERE created_at < $1`, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
}
