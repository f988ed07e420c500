import "server-only";
// Which address a sign-in link opens. next-auth builds every link from NEXTAUTH_URL; a customer who
// asked from another address of the same portal (127.0.0.1 instead of localhost, or a second
// domain the operator lists) would land signed out, since the session cookie belongs to the host
// the link opens. So the link opens the address the customer asked from — but only when that
// address is one of the portal's own: the Host header is the client's to choose, and a link to a
// host an attacker names would hand them the victim's sign-in token. Anything else gets
// NEXTAUTH_URL, and the email and the "Check your email" page say so.
import { AsyncLocalStorage } from "node:async_hooks";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const store = new AsyncLocalStorage<{ origin: string | null }>();

/** The portal's configured address (NEXTAUTH_URL), without a trailing slash. */
function configuredOrigin(): string {
  return new URL(process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).origin;
}

/** The origin a request was made to, from its Host (or a proxy's X-Forwarded-Host / -Proto). */
export function requestOriginOf(headers: Headers, fallbackUrl?: string): string | null {
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim();
  if (!host) return fallbackUrl ? new URL(fallbackUrl).origin : null;
  const proto = (headers.get("x-forwarded-proto") ?? "").split(",")[0]!.trim() || (fallbackUrl ? new URL(fallbackUrl).protocol.replace(":", "") : "http");
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * The portal's own addresses: NEXTAUTH_URL; the hosts in PORTICO_ALLOWED_HOSTS (comma-separated,
 * same scheme); and, when NEXTAUTH_URL is a loopback address, the other loopback names on its port.
 */
export function isPortalOrigin(origin: string, configured = configuredOrigin()): boolean {
  let asked: URL;
  let conf: URL;
  try {
    asked = new URL(origin);
    conf = new URL(configured);
  } catch {
    return false;
  }
  if (asked.origin === conf.origin) return true;
  // a different scheme would need other cookies (__Secure- names on https): never mixed
  if (asked.protocol !== conf.protocol) return false;
  if (LOOPBACK.has(conf.hostname) && LOOPBACK.has(asked.hostname) && asked.port === conf.port) return true;
  const listed = (process.env.PORTICO_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return listed.includes(asked.host.toLowerCase());
}

type LinkOrigin = { origin: string; askedFrom: string | null; differs: boolean };

/** Where a link for a request from `asked` should point, and whether that is not where they asked. */
export function linkOriginFor(asked: string | null, configured = configuredOrigin()): LinkOrigin {
  if (asked && isPortalOrigin(asked, configured)) return { origin: asked, askedFrom: asked, differs: false };
  return { origin: configured, askedFrom: asked, differs: asked !== null && asked !== configured };
}

/** Run next-auth's handler with the request's origin at hand (read by the email provider). */
export function withRequestOrigin<T>(req: Request, fn: () => Promise<T>): Promise<T> {
  return store.run({ origin: requestOriginOf(req.headers, req.url) }, fn);
}

/** Inside withRequestOrigin: the address the current request was made to. */
export function currentRequestOrigin(): string | null {
  return store.getStore()?.origin ?? null;
}

/**
 * A next-auth link (`<NEXTAUTH_URL>/api/auth/callback/email?callbackUrl=<NEXTAUTH_URL>/…`) moved
 * to `origin`, its callbackUrl too, so the session cookie and the page after it are on one host.
 */
export function moveLink(url: string, origin: string): string {
  const u = new URL(url);
  const from = u.origin;
  if (from === origin) return url;
  const target = new URL(origin);
  u.protocol = target.protocol;
  u.host = target.host;
  const cb = u.searchParams.get("callbackUrl");
  if (cb && cb.startsWith(from)) u.searchParams.set("callbackUrl", origin + cb.slice(from.length));
  return u.toString();
}
