import "server-only";
// Who is signed in, for which customer account, with which role — read on every request from
// the database (a removed member or a changed role takes effect at once).
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { dbRead } from "@/lib/db/client";
import { authOptions } from "./options";
import { can, type Permission, type Role } from "./roles";

export type Membership = { customerId: string; customerName: string; role: Role; locale: string };

export type PortalContext = {
  userId: string;
  email: string;
  name: string | null;
  customerId: string;
  customerName: string;
  /** The current account's display locale (numbers, money, dates). */
  locale: string;
  role: Role;
  memberships: Membership[];
};

/** The request's next-auth session, read once per request. */
export const getSession = cache(() => getServerSession(authOptions));

export const getPortalContext = cache(async (): Promise<PortalContext | null> => {
  const session = await getSession();
  const userId = session?.userId;
  if (!userId) return null;
  // One plain-SQL read (every portal request makes it): the user, their accounts and roles.
  const rows = await dbRead().query<{ email: string; name: string | null; customer_id: string; role: Role; customer_name: string; locale: string }>(
    `SELECT u.email, u.name, m.customer_id, m.role::text AS role, c.name AS customer_name, c.locale
       FROM users u JOIN memberships m ON m.user_id = u.id JOIN customers c ON c.id = m.customer_id
      WHERE u.id = $1 ORDER BY m.created_at, m.id`,
    [userId],
  );
  if (rows.length === 0) return null;
  const user = { email: rows[0]!.email, name: rows[0]!.name };
  const memberships = rows.map((m) => ({ customerId: m.customer_id, customerName: m.customer_name, role: m.role, locale: m.locale }));
  const current = memberships.find((m) => m.customerId === session.customerId) ?? memberships[0]!;
  return {
    userId,
    email: user.email,
    name: user.name,
    customerId: current.customerId,
    customerName: current.customerName,
    locale: current.locale,
    role: current.role,
    memberships,
  };
});

/** For pages: the context, or a redirect to sign-in. */
export async function requirePortalContext(): Promise<PortalContext> {
  const ctx = await getPortalContext();
  if (!ctx) redirect("/login");
  return ctx;
}

export type Denied = { ok: false; code: "unauthenticated" | "forbidden"; message: string };

/** For server actions and route handlers: the context if allowed, or a typed refusal. */
export async function authorize(permission: Permission): Promise<PortalContext | Denied> {
  const ctx = await getPortalContext();
  if (!ctx) return { ok: false, code: "unauthenticated", message: "Your session has ended. Sign in again." };
  if (!can(ctx.role, permission)) {
    return { ok: false, code: "forbidden", message: `Your role (${ctx.role}) cannot do this. Ask an owner of ${ctx.customerName}.` };
  }
  return ctx;
}

export function isDenied(x: PortalContext | Denied): x is Denied {
  return "ok" in x && x.ok === false;
}
