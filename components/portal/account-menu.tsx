// The signed-in person, their accounts and sign-out — plain server-rendered forms (no client
// code): choosing an account re-issues the session for it (after checking the membership).
import { signOut } from "@/lib/actions/sign-out";
import { switchAccount } from "@/lib/actions/switch-account";
import { useTranslations } from "next-intl";
import type { Role } from "@/lib/auth/roles";

type Props = {
  email: string;
  current: string;
  memberships: { customerId: string; customerName: string; role: Role }[];
};

export function AccountMenu({ email, current, memberships }: Props) {
  const t = useTranslations("common");
  const others = memberships.filter((m) => m.customerId !== current);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {others.length > 0 && (
        <details className="relative">
          <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-800 hover:bg-slate-50">
            {t("switchAccount")} <span aria-hidden="true">▾</span>
          </summary>
          <form action={switchAccount} className="absolute right-0 z-20 mt-1 w-64 rounded-md border bg-white p-1 shadow-lg">
            <p className="px-2 py-1 text-xs text-slate-600">{t("otherAccounts")}</p>
            {others.map((m) => (
              <button key={m.customerId} type="submit" name="customerId" value={m.customerId} className="block w-full rounded px-2 py-2 text-left hover:bg-slate-100">
                {m.customerName} <span className="text-slate-600">({t(`roleWord.${m.role}`)})</span>
              </button>
            ))}
          </form>
        </details>
      )}
      <span className="hidden text-slate-600 sm:inline">{email}</span>
      <form action={signOut}>
        <button type="submit" className="rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100">
          {t("signOut")}
        </button>
      </form>
    </div>
  );
}
