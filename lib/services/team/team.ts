import "server-only";
// The people of a customer account (DESIGN §1): owners invite by email with a role, change roles
// and remove members; an account always keeps at least one owner. Every change locks the
// customer row first, so two owners demoting each other at once cannot leave it without one.
import { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { lockRow } from "@/lib/db/lock-row";
import { transaction, type Tx } from "@/lib/db/tx";
import { sendEmail } from "@/lib/email/mailer";
import { actionWords } from "@/lib/i18n/action-words";
import { storedLocale } from "@/lib/i18n/locale-scope";
import { say } from "@/lib/i18n/say";
import { addMember, normalizeEmail } from "../customers/customers";
import { brandOfCustomer } from "../catalog/brand";

type Member = { id: string; userId: string; email: string; name: string | null; role: Role; since: Date; invitedBy: string | null };

type TeamResult =
  | { ok: true; message: string }
  | { ok: false; code: "invalid_input" | "not_found" | "already_member" | "last_owner"; message: string; field?: string };

const ROLES = ["owner", "billing", "viewer"] as const satisfies readonly Role[];

export async function listMembers(customerId: string): Promise<Member[]> {
  const rows = await db().membership.findMany({
    where: { customerId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((m) => ({ id: m.id, userId: m.userId, email: m.user.email, name: m.user.name, role: m.role as Role, since: m.createdAt, invitedBy: m.invitedBy }));
}

async function lockTeam(tx: Tx, customerId: string) {
  await lockRow(tx, "customer", customerId);
  return tx.membership.findMany({ where: { customerId }, select: { id: true, role: true, userId: true } });
}

// worded when the form is checked, in the portal's language (actionWords), not when the file loads
const said = (key: string) => ({ error: () => actionWords()(key) });
const inviteSchema = z.object({
  email: z.string().trim().min(3, said("team.emailMissing")).max(254, said("team.emailTooLong")).email(said("team.emailInvalid")),
  role: z.enum(ROLES, said("team.chooseRole")),
});

type Inviter = { customerId: string; customerName: string; email: string };

/** Add a member by email and tell them how to sign in (the magic link works once they belong). */
export async function inviteMember(by: Inviter, input: unknown, opts: { baseUrl?: string } = {}): Promise<TeamResult> {
  const parsed = inviteSchema.safeParse(input);
  const t = actionWords();
  if (!parsed.success) return { ok: false, code: "invalid_input", message: parsed.error.issues[0]?.message ?? t("form.check"), field: String(parsed.error.issues[0]?.path[0] ?? "") };
  const email = normalizeEmail(parsed.data.email);
  const role = parsed.data.role;
  const added = await transaction(async (tx) => {
    await lockTeam(tx, by.customerId);
    const existing = await tx.membership.findFirst({ where: { customerId: by.customerId, user: { email } } });
    if (existing) return false;
    await addMember(tx, { customerId: by.customerId, email, role, invitedBy: by.email });
    return true;
  });
  if (!added) return { ok: false, code: "already_member", field: "email", message: t("team.alreadyMember", { email, customer: by.customerName }) };
  const base = (opts.baseUrl ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const brand = await brandOfCustomer(by.customerId);
  // in the account's language: the invitee joins that account (DESIGN §9)
  const account = await db().customer.findUnique({ where: { id: by.customerId }, select: { locale: true } });
  const mail = say(storedLocale(account?.locale), "email");
  await sendEmail({
    to: email,
    kind: "team_invite",
    ...(brand ? { fromName: brand.name } : {}),
    subject: mail("invite.subject", { customer: by.customerName }),
    text: `${mail("invite.added", { inviter: by.email, customer: by.customerName, role })}\n\n${mail("invite.signIn", { url: `${base}/login` })}`,
  });
  return { ok: true, message: t("team.invited", { email, role }) };
}

const changeRoleSchema = z.object({ membershipId: z.string().min(1).max(100), role: z.enum(ROLES, said("team.chooseRole")) });

export async function changeRole(customerId: string, input: unknown): Promise<TeamResult> {
  const parsed = changeRoleSchema.safeParse(input);
  const t = actionWords();
  if (!parsed.success) return { ok: false, code: "invalid_input", message: parsed.error.issues[0]?.message ?? t("form.check") };
  const { membershipId, role } = parsed.data;
  return transaction(async (tx): Promise<TeamResult> => {
    const team = await lockTeam(tx, customerId);
    const m = team.find((x) => x.id === membershipId);
    if (!m) return { ok: false, code: "not_found", message: t("team.memberNotFound") };
    if (m.role === role) return { ok: true, message: t("team.nothingToChange") };
    if (m.role === "owner" && team.filter((x) => x.role === "owner").length === 1) {
      return { ok: false, code: "last_owner", message: t("team.lastOwnerRole") };
    }
    await tx.membership.update({ where: { id: m.id }, data: { role } });
    return { ok: true, message: t("team.roleChanged") };
  });
}

const removeMemberSchema = z.object({ membershipId: z.string().min(1).max(100) });

export async function removeMember(customerId: string, input: unknown): Promise<TeamResult> {
  const parsed = removeMemberSchema.safeParse(input);
  const t = actionWords();
  if (!parsed.success) return { ok: false, code: "invalid_input", message: t("team.noMember") };
  return transaction(async (tx): Promise<TeamResult> => {
    const team = await lockTeam(tx, customerId);
    const m = team.find((x) => x.id === parsed.data.membershipId);
    if (!m) return { ok: false, code: "not_found", message: t("team.memberNotFound") };
    if (m.role === "owner" && team.filter((x) => x.role === "owner").length === 1) {
      return { ok: false, code: "last_owner", message: t("team.lastOwnerRemove") };
    }
    await tx.membership.delete({ where: { id: m.id } });
    return { ok: true, message: t("team.removed") };
  });
}
