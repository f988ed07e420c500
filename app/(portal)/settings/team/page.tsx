import { AccountScope } from "@/components/portal/account-scope";
import { SettingsTabs } from "@/components/portal/settings-tabs";
import { InviteForm, MemberRow } from "@/components/portal/team-forms";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";
import { formatDate } from "@/lib/format/dates";

export const metadata = { title: "Team" };

export default async function TeamPage() {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const members = await read.members();
  const readOnly = !can(ctx.role, "manage_team");
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">Settings</h1>
        <SettingsTabs current="team" />
        {readOnly && <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">Only owners can invite, change roles or remove members.</p>}
        <Card title={`People at ${ctx.customerName}`}>
          <ul className="divide-y" data-testid="members">
            {members.map((m) => (
              <MemberRow key={m.id} member={{ id: m.id, email: m.email, name: m.name, role: m.role, since: formatDate(m.since) }} readOnly={readOnly} isMe={m.userId === ctx.userId} />
            ))}
          </ul>
        </Card>
        <Card title="Invite someone">
          <p className="mb-4 text-sm text-slate-600">They will get an email telling them to sign in with their address; no password is needed.</p>
          <InviteForm readOnly={readOnly} />
        </Card>
      </div>
    </AccountScope>
  );
}
