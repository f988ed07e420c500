// Every request passes here. Pages of the portal need a signed-in user; everything else (sign-in,
// the merchant API, provider webhooks, portal links, the API docs, the dev outbox) handles its own
// authentication. And every response says who may frame it: nobody, except a portal opened
// through an embedded portal link — its landing page by the link's signed origins, the pages after
// it by the origins its session carries (lib/embed/frame.ts).
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { frameHeaders, readFrameOrigins } from "@/lib/embed/frame";

// what handles its own authentication, and the files under public/ (icons, a merchant's logo)
const PUBLIC = /^\/(login|api\/|dev\/|docs\/api|status|favicon\.ico|robots\.txt)|\.(svg|png|jpe?g|webp|ico)$/;

function withFrameHeaders(res: Response | NextResponse, origins: readonly string[] | null | undefined) {
  for (const [k, v] of Object.entries(frameHeaders(origins))) res.headers.set(k, v);
  if (origins?.length) res.headers.delete("X-Frame-Options");
  return res;
}

// The session cookie is decrypted once per token for a few seconds, not on every request (lib/auth/session-token.ts).
const portal = withAuth((req: NextRequestWithAuth) => withFrameHeaders(NextResponse.next(), req.nextauth.token?.embed), { pages: { signIn: "/login" }, jwt: { decode: decodeSessionToken } });

export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  const path = req.nextUrl.pathname;
  if (path.startsWith("/portal-session/")) {
    return withFrameHeaders(NextResponse.next(), await readFrameOrigins(req.nextUrl.searchParams.get("embed"), process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET));
  }
  if (PUBLIC.test(path)) return withFrameHeaders(NextResponse.next(), null);
  const res = await portal(req as NextRequestWithAuth, event);
  if (!res) return withFrameHeaders(NextResponse.next(), null);
  // signed in: the inner handler set the frame headers; sent to sign in: framed by nobody
  return res.headers.has("Content-Security-Policy") ? res : withFrameHeaders(res, null);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
