import "server-only";
// Rate limits on asking for sign-in links (per email address and per client address), in front of
// next-auth's POST /api/auth/signin/email. Shared by every app instance (lib/services/shared/rate-limits).
// A refusal is a 429 with Retry-After, in the JSON shape next-auth's client reads, so the sign-in
// form tells the person how long to wait.
import { hitRateLimit, limitFor, waitText } from "@/lib/services/shared";

/**
 * The client's address: the entry of X-Forwarded-For added by the nearest trusted proxy
 * (PORTICO_PROXY_HOPS, default 1: one load balancer; with none, Next.js itself sets the header
 * to the socket's address when the client sent none).
 */
function clientAddress(headers: Headers): string {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const hops = Math.max(1, Number(process.env.PORTICO_PROXY_HOPS ?? 1) || 1);
  return entries[Math.max(0, entries.length - hops)] ?? headers.get("x-real-ip") ?? "unknown";
}

function baseUrl(req: Request): string {
  return (process.env.NEXTAUTH_URL ?? new URL(req.url).origin).replace(/\/$/, "");
}

/** null when the request may go on to next-auth; else the 429 answer. */
export async function signInRateLimited(req: Request, now = new Date()): Promise<Response | null> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/signin/email")) return null;
  let email = "";
  try {
    email = String((await req.clone().formData()).get("email") ?? "").trim().toLowerCase();
  } catch {
    return null; // not a form: next-auth answers it
  }
  const checks = [hitRateLimit(`signin:ip:${clientAddress(req.headers)}`, limitFor("signInIp"), { now })];
  if (email) checks.push(hitRateLimit(`signin:email:${email}`, limitFor("signInEmail"), { now }));
  const refused = (await Promise.all(checks)).flatMap((h) => (h.ok ? [] : [h]));
  if (refused.length === 0) return null;
  const wait = Math.max(...refused.map((h) => h.retryAfterSeconds));
  const message = `Too many sign-in links were asked for. Try again ${waitText(wait)}.`;
  return Response.json(
    { url: `${baseUrl(req)}/login?error=RateLimited_${wait}`, error: { type: "rate_limited", code: "rate_limited", message } },
    { status: 429, headers: { "Retry-After": String(wait) } },
  );
}
