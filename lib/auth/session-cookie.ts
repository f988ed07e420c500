import "server-only";
// The next-auth session cookie, handled on the server: switching the account a session acts for
// (after checking the membership) and signing out — so the portal's pages need no next-auth
// client code. Same cookie name, attributes and JWT encryption as next-auth itself.
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { authOptions, sessionCookie } from "./options";

/** Re-issue the session cookie acting for `customerId` (the caller has checked the membership). */
export async function setSessionCustomer(customerId: string): Promise<boolean> {
  const jar = await cookies();
  const { name, options } = sessionCookie();
  const current = jar.get(name)?.value;
  const secret = process.env.NEXTAUTH_SECRET ?? "";
  if (!current || !secret) return false;
  const token = await decode({ token: current, secret });
  if (!token) return false;
  const maxAge = authOptions.session?.maxAge ?? 30 * 24 * 3600;
  const { exp: _exp, iat: _iat, jti: _jti, ...claims } = token as Record<string, unknown>;
  const value = await encode({ token: { ...claims, customerId }, secret, maxAge });
  jar.set(name, value, { ...options, maxAge });
  return true;
}

/** Sign out: the JWT session lives only in its cookie, expired here with the attributes it was set
 *  with (a partitioned cookie is only removed by a Set-Cookie that is partitioned too). */
export async function clearSession() {
  const jar = await cookies();
  const { name, options } = sessionCookie();
  for (const n of new Set([name, "next-auth.session-token", "__Secure-next-auth.session-token"])) {
    if (jar.get(n)) jar.set(n, "", { ...options, secure: options.secure || n.startsWith("__Secure-"), maxAge: 0 });
  }
}
