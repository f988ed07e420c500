import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountScope } from "@/components/portal/account-scope";
import { SettingsTabs } from "@/components/portal/settings-tabs";
import { InviteForm, MemberRow } from "@/components/portal/team-forms";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";
import { formatDate } from "@/lib/format/dates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("team"))("title") };
}

export default async function TeamPage() {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const members = await read.members();
  const readOnly = !can(ctx.role, "manage_team");
  const t = await getTranslations("team");
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{(await getTranslations("settings"))("title")}</h1>
        <SettingsTabs current="team" />
        {readOnly && <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">{t("readOnly")}</p>}
        <Card title={t("peopleAt", { account: ctx.customerName })}>
          <ul className="divide-y" data-testid="members">
            {members.map((m) => (
              <MemberRow key={m.id} member={{ id: m.id, email: m.email, name: m.name, role: m.role, since: formatDate(m.since, ctx.locale) }} readOnly={readOnly} isMe={m.userId === ctx.userId} />
            ))}
          </ul>
        </Card>
        <Card title={t("invite")}>
          <p className="mb-4 text-sm text-slate-600">{t("inviteIntro")}</p>
          <InviteForm readOnly={readOnly} />
        </Card>
      </div>
    </AccountScope>
  );
}
