// Who may show the portal in a frame. By default nobody (`frame-ancestors 'none'`, and
// X-Frame-Options: DENY for older browsers). A portal link the merchant asks for with `embed: true`
// carries the merchant's allowed origins (portico.config.ts `embedOrigins`), signed with the
// server's secret so no one can add their own; once signed in through it, the session carries them.
// Runs in the proxy as well as in the server: Web Crypto only, no database.

const enc = new TextEncoder();

function b64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromB64url(s: string): Uint8Array | null {
  try {
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function hmac(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return b64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(`portico-frame:${data}`))));
}

/** Only plain http(s) origins ("https://app.example.com"): nothing else may reach the header. */
export function cleanOrigins(origins: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const o of origins) {
    if (typeof o !== "string" || !URL.canParse(o)) continue;
    const u = new URL(o);
    if ((u.protocol === "https:" || u.protocol === "http:") && u.origin === o.replace(/\/$/, "")) out.push(u.origin);
  }
  return [...new Set(out)];
}

/** The origins, signed, for a portal link's `embed` parameter. */
export async function signFrameOrigins(origins: readonly string[], secret: string): Promise<string> {
  const data = b64url(enc.encode(JSON.stringify(cleanOrigins(origins))));
  return `${data}.${await hmac(secret, data)}`;
}

/** The origins of a signed `embed` parameter, or null when it is missing or not ours. */
export async function readFrameOrigins(param: string | null, secret: string | undefined): Promise<string[] | null> {
  if (!param || !secret) return null;
  const [data, sig] = param.split(".");
  if (!data || !sig || sig !== (await hmac(secret, data))) return null;
  const bytes = fromB64url(data);
  if (!bytes) return null;
  try {
    const list = JSON.parse(new TextDecoder().decode(bytes));
    return Array.isArray(list) ? cleanOrigins(list) : null;
  } catch {
    return null;
  }
}

/** The response headers that say who may frame a page. */
export function frameHeaders(origins: readonly string[] | null | undefined): Record<string, string> {
  const list = origins ? cleanOrigins(origins) : [];
  if (list.length === 0) return { "Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY" };
  return { "Content-Security-Policy": `frame-ancestors 'self' ${list.join(" ")}` };
}

/** Embedding on: session cookies a framed portal can keep (SameSite=None; Secure; Partitioned). */
export function embedCookiesOn(): boolean {
  return process.env.PORTICO_EMBED === "1";
}
