import "server-only";
// Rate limits shared by every app instance (DESIGN §11: stateless instances, one PostgreSQL): a
// fixed window per key that starts at the key's first attempt, counted in the `rate_limits` table
// by one atomic upsert — so two processes (or twenty) see the same count, and a burst spread over
// instances behind a load balancer is limited exactly like one aimed at a single instance.
// Limits are "<max>/<window seconds>" and can be changed (or turned off with "0") by environment.
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { actionWords } from "@/lib/i18n/action-words";

import { limitFor, type Limit } from "@/lib/rate-limit-config";

export { limitFor, parseLimit } from "@/lib/rate-limit-config";

type Hit = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number; limit: Limit };

/**
 * Count one attempt for `key` and say whether it is within `limit`. Refused attempts count too
 * (a client hammering a closed door does not get a fresh window sooner).
 */
export async function hitRateLimit(key: string, limit: Limit | null, opts: { now?: Date; client?: PrismaClient } = {}): Promise<Hit> {
  if (!limit) return { ok: true, remaining: Number.MAX_SAFE_INTEGER };
  const now = opts.now ?? new Date();
  const rows = await (opts.client ?? db()).$queryRawUnsafe<{ count: number; window_start: Date }[]>(
    `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.window_start <= $2::timestamptz - make_interval(secs => $3) THEN 1 ELSE rate_limits.count + 1 END,
       window_start = CASE WHEN rate_limits.window_start <= $2::timestamptz - make_interval(secs => $3) THEN $2 ELSE rate_limits.window_start END
     RETURNING count, window_start`,
    key,
    now,
    limit.windowSeconds,
  );
  const row = rows[0]!;
  const count = Number(row.count);
  if (count <= limit.max) return { ok: true, remaining: limit.max - count };
  const endsAt = new Date(row.window_start).getTime() + limit.windowSeconds * 1000;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)), limit };
}

/** Drop windows that ended long ago (a recurring task; the table holds one row per recent key). */
export async function pruneRateLimits(now: Date, client: PrismaClient = db()): Promise<number> {
  return client.$executeRawUnsafe(`DELETE FROM rate_limits WHERE window_start < $1`, new Date(now.getTime() - 2 * 86_400_000));
}

/**
 * Every portal action that may charge the customer's card (buy credits, add funds, Pay now, a plan
 * upgrade) counts here: per customer account, across every app instance. Null when allowed.
 */
export async function cardChargeLimit(customerId: string): Promise<{ ok: false; code: "rate_limited"; message: string; retryAfterSeconds: number } | null> {
  const hit = await hitRateLimit(`purchase:${customerId}`, limitFor("purchase"));
  if (hit.ok) return null;
  return {
    ok: false,
    code: "rate_limited",
    message: actionWords()("portal.rateLimited", {
      max: String(hit.limit.max),
      window: Math.round(hit.limit.windowSeconds / 60),
      ...(hit.retryAfterSeconds < 90 ? { unit: "seconds", wait: hit.retryAfterSeconds } : { unit: "minutes", wait: Math.ceil(hit.retryAfterSeconds / 60) }),
    }),
    retryAfterSeconds: hit.retryAfterSeconds,
  };
}

/** "in 4 minutes" / "in 30 seconds", for English messages (the sign-in limit's). */
export function waitText(seconds: number): string {
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  return `in ${Math.ceil(seconds / 60)} minutes`;
}
