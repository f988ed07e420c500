import "server-only";
// Portal links (POST /api/v1/portal_sessions): a random token in a URL that signs the customer's
// owner into the portal once, within 10 minutes. Only the token's SHA-256 is stored; using it is
// one atomic UPDATE … WHERE used_at IS NULL AND expires_at > now, so two tabs opening the same
// link cannot both sign in.
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { cleanOrigins, signFrameOrigins } from "@/lib/embed/frame";
import { newId, randomToken } from "@/lib/ids";
import { hashSecret } from "../customers/api-keys";
import { ServiceError } from "../shared/errors";

const PORTAL_SESSION_TTL_MS = 10 * 60_000;

/** http(s) only: a return link must never become `javascript:` or a data URL. */
function safeReturnUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export async function createPortalSession(
  tx: Tx,
  args: { merchantId: string; customerId: string; returnUrl?: string | null; baseUrl: string; now: Date; embed?: boolean },
) {
  const customer = await tx.customer.findFirst({ where: { id: args.customerId, merchantId: args.merchantId }, include: { merchant: { select: { embedOrigins: true } } } });
  if (!customer) throw new ServiceError("customer_not_found", `No customer "${args.customerId}".`, "customer");
  const owner = await tx.membership.findFirst({ where: { customerId: customer.id, role: "owner" }, orderBy: { createdAt: "asc" } });
  if (!owner) throw new ServiceError("invalid_input", `${customer.name} has no owner who could sign in.`, "customer");
  const returnUrl = args.returnUrl === undefined || args.returnUrl === null ? null : safeReturnUrl(args.returnUrl);
  if (args.returnUrl && !returnUrl) throw new ServiceError("invalid_input", "return_url must be an http(s) URL.", "return_url");
  const origins = cleanOrigins(customer?.merchant.embedOrigins ?? []);
  if (args.embed && origins.length === 0) {
    throw new ServiceError("invalid_input", "embed needs the origins allowed to frame the portal: set merchant.embedOrigins in portico.config.ts and run catalog:apply.", "embed");
  }
  const token = randomToken(32);
  const row = await tx.portalSession.create({
    data: {
      id: newId("ps"),
      tokenHash: hashSecret(token),
      customerId: customer.id,
      userId: owner.userId,
      returnUrl,
      embed: args.embed === true,
      expiresAt: new Date(args.now.getTime() + PORTAL_SESSION_TTL_MS),
      createdAt: args.now,
    },
  });
  let url = `${args.baseUrl.replace(/\/+$/, "")}/portal-session/${token}`;
  // an embedded link carries who may frame it, signed (the proxy reads it without the database)
  if (args.embed) url += `?embed=${await signFrameOrigins(origins, authSecret())}`;
  return { session: row, url };
}

type PortalLinkState =
  | { state: "valid" }
  | { state: "used" | "expired"; returnUrl: string | null; merchantName: string }
  | { state: "invalid" };

/** What a link is, without using it (for the landing page's words). */
export async function inspectPortalLink(token: string, now: Date = new Date()): Promise<PortalLinkState> {
  if (!/^[0-9a-z]{20,100}$/.test(token)) return { state: "invalid" };
  const row = await db().portalSession.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { customer: { select: { merchant: { select: { name: true } } } } },
  });
  if (!row) return { state: "invalid" };
  const merchantName = row.customer.merchant.name;
  if (row.usedAt) return { state: "used", returnUrl: row.returnUrl, merchantName };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired", returnUrl: row.returnUrl, merchantName };
  return { state: "valid" };
}

/** embedOrigins: who may frame the portal this sign-in opens (an embedded link), else null. */
/** The secret next-auth signs sessions with, which signs frame permissions too. */
function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET must be set to make embedded portal links.");
  return secret;
}

type PortalSignIn = { portalSessionId: string; userId: string; customerId: string; email: string; name: string | null; embedOrigins: string[] | null };

/** Use the link: at most once, before it expires, and only while the user still belongs to the account. */
export async function consumePortalLink(token: string, now: Date = new Date()): Promise<PortalSignIn | null> {
  if (typeof token !== "string" || !/^[0-9a-z]{20,100}$/.test(token)) return null;
  const [used] = await db().$queryRawUnsafe<{ id: string; user_id: string; customer_id: string; embed: boolean }[]>(
    `UPDATE portal_sessions SET used_at = $2
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
      RETURNING id, user_id, customer_id, embed`,
    hashSecret(token),
    now,
  );
  if (!used) return null;
  const member = await db().membership.findUnique({
    where: { userId_customerId: { userId: used.user_id, customerId: used.customer_id } },
    include: { user: { select: { email: true, name: true } }, customer: { select: { merchant: { select: { embedOrigins: true } } } } },
  });
  if (!member) return null;
  const embedOrigins = used.embed ? cleanOrigins(member.customer.merchant.embedOrigins) : null;
  return { portalSessionId: used.id, userId: used.user_id, customerId: used.customer_id, email: member.user.email, name: member.user.name, embedOrigins };
}

/** The "Back to <merchant>" link of a session signed in through a portal link, if any. */
export async function portalReturnLink(portalSessionId: string, customerId: string): Promise<{ url: string; merchantName: string } | null> {
  const row = await db().portalSession.findUnique({
    where: { id: portalSessionId },
    select: { returnUrl: true, customerId: true, customer: { select: { merchant: { select: { name: true } } } } },
  });
  if (!row || row.customerId !== customerId) return null;
  const url = safeReturnUrl(row.returnUrl);
  return url ? { url, merchantName: row.customer.merchant.name } : null;
}
