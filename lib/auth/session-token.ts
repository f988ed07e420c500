// The session cookie's JWT, decrypted once per token for a short while instead of on every request.
// next-auth 4 derives the encryption key with HKDF and decrypts the JWE on each call, and a portal
// request made three such calls (the proxy, getServerSession's decode and its re-encode). The cache
// maps the exact cookie value to its claims, in this process only, bounded in size: a hit is only
// served before the token's own `exp` and for at most TTL_MS. Signing out removes the cookie and a
// new cookie (another account chosen) is another key, so both take effect on the next request, as
// before; what the database decides (membership, role) is still read per request (session.ts).
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

export const SESSION_TOKEN_TTL_MS = 30_000;
const SESSION_TOKEN_MAX = 5_000;

type Entry = { claims: JWT; secret: JWTDecodeParams["secret"]; until: number };

// One map per process, shared by the proxy's bundle and the server's (the same Node process).
const KEY = Symbol.for("portico.sessionTokens");
const store = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, Entry>()) as Map<string, Entry>;

/** next-auth's `decode`, memoised per token (its signature, for withAuth's `jwt.decode`). */
export async function decodeSessionToken(params: JWTDecodeParams, now = Date.now()): Promise<JWT | null> {
  const { token, secret } = params;
  if (!token || !secret) return null;
  const hit = store.get(token);
  if (hit && hit.secret === secret && now < hit.until) return hit.claims;
  if (hit) store.delete(token);
  let claims: JWT | null;
  try {
    claims = await decode({ token, secret });
  } catch {
    return null; // tampered, foreign or expired: no session (next-auth's getToken does the same)
  }
  if (!claims) return null;
  const expMs = typeof claims.exp === "number" ? claims.exp * 1000 : now;
  const until = Math.min(now + SESSION_TOKEN_TTL_MS, expMs);
  if (until > now) {
    if (store.size >= SESSION_TOKEN_MAX) store.delete(store.keys().next().value!); // the oldest
    store.set(token, { claims, secret, until });
  }
  return claims;
}
