"use client";
// Team management: invite by email with a role, change a role, remove a member. The server checks
// the owner's permission and the last-owner rule on every submit; the forms only mirror it.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { AccountField } from "@/components/portal/account-scope";
import { changeMemberRole } from "@/lib/actions/change-member-role";
import { inviteMember } from "@/lib/actions/invite-member";
import { removeMember } from "@/lib/actions/remove-member";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Role } from "@/lib/auth/roles";

type TeamActionResult = Awaited<ReturnType<typeof inviteMember>>;

// The roles in the order they are offered; each one's name is common.roles.<role>, its help team.roleHelp.<role>.
const ROLES: Role[] = ["owner", "billing", "viewer"];

function Message({ state, testId }: { state: TeamActionResult | null; testId?: string }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-700"}`} data-testid={testId}>
      {state.message}
    </p>
  );
}

export function InviteForm({ readOnly }: { readOnly: boolean }) {
  const t = useTranslations("team");
  const roles = useTranslations("common.roles");
  const [state, action, pending] = useActionState<TeamActionResult | null, FormData>(inviteMember, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <AccountField />
      <fieldset disabled={readOnly || pending} className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <Field id="invite-email" name="email" type="email" label={t("email")} autoComplete="off" required error={state && !state.ok && state.field === "email" ? state.message : null} />
        <div className="text-sm">
          <label htmlFor="invite-role" className="block font-medium text-slate-800">
            {t("role")}
          </label>
          <select id="invite-role" name="role" defaultValue="viewer" className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2.5 text-base">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roles(r)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">{pending ? t("inviting") : t("inviteButton")}</Button>
      </fieldset>
      <ul className="text-xs text-slate-600">
        {ROLES.map((r) => (
          <li key={r}>{t(`roleHelp.${r}`, { role: roles(r) })}</li>
        ))}
      </ul>
      {!(state && !state.ok && state.field === "email") && <Message state={state} testId="invite-result" />}
    </form>
  );
}

export function MemberRow({ member, readOnly, isMe }: { member: { id: string; email: string; name: string | null; role: Role; since: string }; readOnly: boolean; isMe: boolean }) {
  const t = useTranslations("team");
  const roles = useTranslations("common.roles");
  const common = useTranslations("common");
  const [roleState, roleAction, rolePending] = useActionState<TeamActionResult | null, FormData>(changeMemberRole, null);
  const [removeState, removeAction, removePending] = useActionState<TeamActionResult | null, FormData>(removeMember, null);
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="member-row" data-email={member.email}>
      <div className="min-w-0">
        <p className="truncate font-medium">
          {member.email}
          {isMe && <span className="ml-1 text-sm font-normal text-slate-600">{t("you")}</span>}
        </p>
        <p className="text-sm text-slate-600">
          {member.name ? t("memberSinceNamed", { name: member.name, date: member.since }) : t("memberSince", { date: member.since })}
        </p>
        <Message state={roleState} testId="role-result" />
        <Message state={removeState} testId="remove-result" />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-2">
          <AccountField />
          <input type="hidden" name="membershipId" value={member.id} />
          <label className="sr-only" htmlFor={`role-${member.id}`}>
            {t("roleOf", { email: member.email })}
          </label>
          <select id={`role-${member.id}`} name="role" defaultValue={member.role} disabled={readOnly || rolePending} className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roles(r)}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" disabled={readOnly || rolePending} aria-label={t("saveRoleOf", { email: member.email })}>
            {common("save")}
          </Button>
        </form>
        <form action={removeAction}>
          <AccountField />
          <input type="hidden" name="membershipId" value={member.id} />
          <Button type="submit" variant="ghost" disabled={readOnly || removePending} aria-label={t("removeLabel", { email: member.email })} className="text-red-700">
            {t("remove")}
          </Button>
        </form>
      </div>
    </li>
  );
}
