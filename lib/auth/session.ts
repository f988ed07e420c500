import "server-only";
// Who is signed in, for which customer account, with which role — read on every request from
// the database (a removed member or a changed role takes effect at once).
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { ConsumptionModel } from "@/lib/billing/plans";
import { dbRead } from "@/lib/db/client";
import { resolveLocale } from "@/lib/i18n/locales";
import { say } from "@/lib/i18n/say";
import { resolveTimeZone, TIME_ZONE_COOKIE } from "@/lib/i18n/time-zones";
import { authOptions } from "./options";
import { can, type Permission, type Role } from "./roles";

type Membership = { customerId: string; customerName: string; role: Role; locale: string | null; timeZone: string | null };

/** The merchant whose portal this is, as the customer sees it: its name, logo, colour and help. */
type PortalMerchant = { id: string; name: string; logoUrl: string | null; brandColor: string | null; supportEmail: string | null; supportUrl: string | null };

export type PortalContext = {
  userId: string;
  email: string;
  name: string | null;
  customerId: string;
  customerName: string;
  /**
   * The locale the portal speaks and formats in (messages, numbers, money, dates): the account's
   * own `locale`, else the browser's Accept-Language, else en-US (lib/i18n/locales.ts).
   */
  locale: string;
  /** The account's own locale as stored (null: not chosen, the browser decides). */
  customerLocale: string | null;
  /** The zone times of day are shown in: the account's own, else the browser's, else UTC. */
  timeZone: string;
  /** The account's own time zone as stored (null: the browser's). */
  customerTimeZone: string | null;
  role: Role;
  memberships: Membership[];
  /** The current account's merchant (branding and help links). */
  merchant: PortalMerchant;
  /** The current account's subscription as the frame needs it (its sections, its banners), or null. */
  subscription: { status: string; model: ConsumptionModel; periodStart: Date } | null;
};

/**
 * The request's next-auth session, read once per request. Its cookie is decrypted at most once per
 * token for a few seconds (authOptions' jwt.decode, session-token.ts).
 */
export const getSession = cache(() => getServerSession(authOptions));

export const getPortalContext = cache(async (): Promise<PortalContext | null> => {
  const session = await getSession();
  const userId = session?.userId;
  if (!userId) return null;
  // One plain-SQL read (every portal request makes it): the user, their accounts and roles, and
  // each account's subscription (the frame's sections and banners need the current one's).
  type Row = { email: string; name: string | null; customer_id: string; role: Role; customer_name: string; locale: string | null; time_zone: string | null } & {
    merchant_id: string; merchant_name: string; logo_url: string | null; brand_color: string | null; support_email: string | null; support_url: string | null;
  } & { sub_status: string | null; plan_model: ConsumptionModel | null; period_start: Date | null };
  const rows = await dbRead().query<Row>(
    `SELECT u.email, u.name, m.customer_id, m.role::text AS role, c.name AS customer_name, c.locale, c.time_zone,
            mr.id AS merchant_id, mr.name AS merchant_name, mr.logo_url, mr.brand_color, mr.support_email, mr.support_url,
            s.status::text AS sub_status, p.model::text AS plan_model, s.current_period_start AS period_start
       FROM users u JOIN memberships m ON m.user_id = u.id JOIN customers c ON c.id = m.customer_id
       JOIN merchants mr ON mr.id = c.merchant_id
       LEFT JOIN subscriptions s ON s.customer_id = c.id LEFT JOIN plans p ON p.id = s.plan_id
      WHERE u.id = $1 ORDER BY m.created_at, m.id`,
    [userId],
  );
  if (rows.length === 0) return null;
  const user = { email: rows[0]!.email, name: rows[0]!.name };
  const memberships = rows.map((m) => ({ customerId: m.customer_id, customerName: m.customer_name, role: m.role, locale: m.locale, timeZone: m.time_zone }));
  const current = memberships.find((m) => m.customerId === session.customerId) ?? memberships[0]!;
  const mr = rows.find((r) => r.customer_id === current.customerId)!;
  return {
    userId,
    email: user.email,
    name: user.name,
    customerId: current.customerId,
    customerName: current.customerName,
    locale: resolveLocale({ customerLocale: current.locale, acceptLanguage: await acceptLanguage() }),
    customerLocale: current.locale,
    timeZone: resolveTimeZone({ customerTimeZone: current.timeZone, browserTimeZone: await browserTimeZone() }),
    customerTimeZone: current.timeZone,
    role: current.role,
    memberships,
    merchant: { id: mr.merchant_id, name: mr.merchant_name, logoUrl: mr.logo_url, brandColor: mr.brand_color, supportEmail: mr.support_email, supportUrl: mr.support_url },
    subscription: mr.sub_status && mr.plan_model && mr.period_start ? { status: mr.sub_status, model: mr.plan_model, periodStart: new Date(mr.period_start) } : null,
  };
});

/** The browser's time zone, from the cookie the frame sets (null outside a request). */
async function browserTimeZone(): Promise<string | null> {
  try {
    return (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? null;
  } catch {
    return null;
  }
}

/** The request's Accept-Language (null outside a request: a script or a test calling an action). */
async function acceptLanguage(): Promise<string | null> {
  try {
    return (await headers()).get("accept-language");
  } catch {
    return null;
  }
}

/** For pages: the context, or a redirect to sign-in. */
export async function requirePortalContext(): Promise<PortalContext> {
  const ctx = await getPortalContext();
  if (!ctx) redirect("/login");
  return ctx;
}

type Denied = { ok: false; code: "unauthenticated" | "forbidden"; message: string };

/** For server actions and route handlers: the context if allowed, or a typed refusal. */
export async function authorize(permission: Permission): Promise<PortalContext | Denied> {
  const ctx = await getPortalContext();
  // in the reader's language: the account's, else (signed out) the browser's
  if (!ctx) return { ok: false, code: "unauthenticated", message: say(resolveLocale({ acceptLanguage: await acceptLanguage() }), "actions")("portal.signedOut") };
  if (!can(ctx.role, permission)) {
    return { ok: false, code: "forbidden", message: say(ctx.locale, "actions")("portal.forbidden", { role: ctx.role, customer: ctx.customerName }) };
  }
  return ctx;
}

export function isDenied(x: PortalContext | Denied): x is Denied {
  return "ok" in x && x.ok === false;
}
