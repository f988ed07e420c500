import "server-only";
// next-auth: email magic links (and, for the merchant API's portal links, a single-use token
// provider). Sessions are JWTs that name the user and the customer account they act for; the
// membership and role are read from the database on every request (lib/auth/session.ts).
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { db } from "@/lib/db/client";
import { sendEmail } from "@/lib/email/mailer";
import { embedCookiesOn } from "@/lib/embed/frame";
import { brandOfEmail } from "@/lib/services/catalog";
import { decodeSessionToken } from "./session-token";
import { currentRequestOrigin, isPortalOrigin, linkOriginFor, moveLink } from "./request-origin";
import { askingLocale, signInEmail } from "./sign-in-email";
import { consumePortalLink } from "@/lib/services/portal";

const SIGN_IN_LINK_MINUTES = 15;

/** The Prisma adapter, created on first use (never while `next build` imports this module). */
function lazyAdapter(): Adapter {
  let inner: Adapter | undefined;
  const get = () => (inner ??= PrismaAdapter(db() as never));
  const methods = [
    "createUser", "getUser", "getUserByEmail", "getUserByAccount", "updateUser", "deleteUser", "linkAccount",
    "unlinkAccount", "createSession", "getSessionAndUser", "updateSession", "deleteSession",
    "createVerificationToken", "useVerificationToken",
  ] as const;
  return Object.fromEntries(
    methods.map((m) => [m, (...args: unknown[]) => (get()[m] as (...a: unknown[]) => unknown)(...args)]),
  ) as Adapter;
}

async function hasMembership(email: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { email: email.toLowerCase() }, select: { _count: { select: { memberships: true } } } });
  return (user?._count.memberships ?? 0) > 0;
}

async function firstCustomerId(userId: string): Promise<string | null> {
  const m = await db().membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { customerId: true } });
  return m?.customerId ?? null;
}

/**
 * The session cookie's name and attributes, for next-auth and for our own re-issue and sign-out
 * (lib/auth/session-cookie.ts), so the two never disagree. With embedding on, next-auth's cookies
 * are SameSite=None; Secure; Partitioned: a browser sends them to a portal framed in the merchant's
 * app (a third-party context), kept apart per embedding site. Chrome treats http://localhost and
 * 127.0.0.1 as secure, so this works on a loopback dev server too.
 */
export function sessionCookie() {
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const name = `${https ? "__Secure-" : ""}next-auth.session-token`;
  if (embedCookiesOn()) return { name, options: { httpOnly: true, sameSite: "none" as const, path: "/", secure: true, partitioned: true } };
  return { name, options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: https } };
}

function embeddableCookies(): NextAuthOptions["cookies"] {
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const prefix = https ? "__Secure-" : "";
  const { options } = sessionCookie();
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${https ? "__Host-" : ""}next-auth.csrf-token`, options },
  };
}

export const authOptions: NextAuthOptions = {
  adapter: lazyAdapter(),
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  // The cookie's JWE decrypted once per token for a few seconds, here and in the proxy (session-token.ts).
  jwt: { decode: decodeSessionToken },
  // With embedding on, the cookies a portal in a cross-site frame can keep (lib/embed/frame.ts).
  ...(embedCookiesOn() ? { cookies: embeddableCookies() } : {}),
  pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
  providers: [
    EmailProvider({
      server: process.env.SMTP_URL ?? "smtp://127.0.0.1:25",
      from: process.env.EMAIL_FROM ?? "Portico <billing@portico.local>",
      maxAge: SIGN_IN_LINK_MINUTES * 60,
      normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
      async sendVerificationRequest({ identifier, url }) {
        // Only people who belong to a customer account get a link; the page says the same to
        // everyone, so nobody can find out who has an account.
        if (!(await hasMembership(identifier))) return;
        const brand = await brandOfEmail(identifier);
        // The link opens the address they asked from when it is the portal's own; else NEXTAUTH_URL, said plainly.
        const where = linkOriginFor(currentRequestOrigin());
        const words = signInEmail(await askingLocale(), { brand: brand?.name ?? null, link: moveLink(url, where.origin), minutes: SIGN_IN_LINK_MINUTES, where });
        await sendEmail({
          to: identifier,
          kind: "sign_in",
          ...(brand ? { fromName: brand.name } : {}),
          ...words,
        });
      },
    }),
    // Portal links minted by the merchant API: the token is used up here, atomically, once.
    CredentialsProvider({
      id: "portal-session",
      name: "Portal link",
      credentials: { token: { label: "Token", type: "text" } },
      async authorize(credentials) {
        const used = await consumePortalLink(String(credentials?.token ?? ""));
        return used ? { id: used.userId, email: used.email, name: used.name, customerId: used.customerId, portalSessionId: used.portalSessionId, embedOrigins: used.embedOrigins } : null;
      },
    }),
  ],
  callbacks: {
    // After signing in, stay on the address the link was opened at (when it is one of the portal's own).
    async redirect({ url, baseUrl }) {
      if (url.startsWith("/") && !url.startsWith("//")) return `${linkOriginFor(currentRequestOrigin()).origin}${url}`;
      try {
        const origin = new URL(url).origin;
        if (origin === baseUrl || isPortalOrigin(origin)) return url;
      } catch {
        // not a URL: home
      }
      return baseUrl;
    },
    async signIn({ user, email, account }) {
      if (email?.verificationRequest) return true;
      if (account?.provider === "portal-session") return true; // membership checked when the link was used
      return user.email ? hasMembership(user.email) : false;
    },
    async jwt({ token, user, trigger, session }) {
      if (user) {
        const u = user as { id: string; customerId?: string; portalSessionId?: string; embedOrigins?: string[] | null };
        token.sub = u.id;
        token.customerId = u.customerId ?? (await firstCustomerId(u.id));
        token.portalSessionId = u.portalSessionId ?? null;
        // signed in inside the merchant's app: who may frame the portal (the proxy reads it)
        token.embed = u.embedOrigins ?? null;
      }
      if (trigger === "update" && session && typeof session === "object" && "customerId" in session && token.sub) {
        const wanted = String((session as { customerId: unknown }).customerId);
        const member = await db().membership.findUnique({ where: { userId_customerId: { userId: token.sub, customerId: wanted } } });
        if (member) token.customerId = wanted;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.sub, customerId: token.customerId ?? null, portalSessionId: token.portalSessionId ?? null, embed: token.embed ?? null };
    },
  },
  secret: process.env.NEXTAUTH_SECRET,
};
