import "server-only";
// Key authentication for the merchant API: `Authorization: Bearer sk_…`, looked up by its
// SHA-256. The key → merchant lookup is cached for a few seconds per process (the usage hot path
// authenticates every call), so a revoked key stops working within KEY_CACHE_MS; `last_used_at`
// is touched in the background, at most once a minute per key and process.
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/services/customers";
import { ApiError } from "./errors";

export type ApiCaller = { merchantId: string; keyId: string };

const KEY_CACHE_MS = Number(process.env.PORTICO_API_KEY_CACHE_MS ?? 10_000);
const TOUCH_EVERY_MS = 60_000;

type Cached = { caller: ApiCaller | null; at: number };
const globalForKeys = globalThis as unknown as { __porticoKeyCache?: Map<string, Cached>; __porticoKeyTouched?: Map<string, number> };
const cache = (globalForKeys.__porticoKeyCache ??= new Map());
const touched = (globalForKeys.__porticoKeyTouched ??= new Map());

export function clearKeyCache() {
  cache.clear();
  touched.clear();
}

function bearer(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export async function authenticate(req: Request): Promise<ApiCaller> {
  const secret = bearer(req.headers.get("authorization"));
  if (!secret) {
    throw new ApiError("missing_api_key", "Send your secret key as `Authorization: Bearer sk_…`. Create one with `npm run keys:create`.");
  }
  if (!/^sk_(test|live)_[0-9a-z]{16,64}$/.test(secret)) {
    throw new ApiError("invalid_api_key", `Invalid API key ${mask(secret)}.`);
  }
  const hash = hashSecret(secret);
  const now = Date.now();
  let hit = cache.get(hash);
  if (!hit || now - hit.at > KEY_CACHE_MS) {
    const row = await db().apiKey.findUnique({ where: { hash }, select: { id: true, merchantId: true, revokedAt: true } });
    hit = { caller: row && !row.revokedAt ? { merchantId: row.merchantId, keyId: row.id } : null, at: now };
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, hit);
  }
  if (!hit.caller) throw new ApiError("invalid_api_key", `Invalid API key ${mask(secret)}: it is unknown or was revoked.`);
  touch(hit.caller.keyId, now);
  return hit.caller;
}

function touch(keyId: string, now: number) {
  const last = touched.get(keyId) ?? 0;
  if (now - last < TOUCH_EVERY_MS) return;
  touched.set(keyId, now);
  // Best effort, off the request path: a lost update only delays the "last used" date.
  void db()
    .apiKey.update({ where: { id: keyId }, data: { lastUsedAt: new Date(now) } })
    .catch(() => touched.delete(keyId));
}

/** "sk_test_4f2a…x9" — enough to recognise a key in a message, never enough to use it. */
function mask(secret: string): string {
  return secret.length <= 16 ? `${secret.slice(0, 8)}…` : `${secret.slice(0, 12)}…${secret.slice(-2)}`;
}
