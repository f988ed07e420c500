import Link from "next/link";
import { getServerSession } from "next-auth";
import { AccountMenu } from "@/components/portal/account-menu";
import { BackToMerchant } from "@/components/portal/back-to-merchant";
import { navFor } from "@/components/portal/nav";
import { PortalProviders } from "@/components/portal/providers";
import { authOptions } from "@/lib/auth/options";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePortalContext();
  const session = await getServerSession(authOptions);
  const sub = await db().subscription.findUnique({ where: { customerId: ctx.customerId }, select: { plan: { select: { model: true } } } });
  const nav = navFor(sub?.plan.model ?? null);
  return (
    <PortalProviders session={session}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="min-w-0">
            <p className="truncate font-semibold" data-testid="account-name">
              {ctx.customerName}
            </p>
            <p className="text-xs text-slate-500">{ROLE_LABELS[ctx.role]}</p>
          </div>
          <BackToMerchant customerId={ctx.customerId} />
          <AccountMenu email={ctx.email} current={ctx.customerId} memberships={ctx.memberships} />
        </div>
        <nav aria-label="Portal" className="mx-auto max-w-6xl overflow-x-auto px-4">
          <ul className="flex gap-1 text-sm">
            {nav.map((n) => (
              <li key={n.href}>
                <Link href={n.href} className="inline-block border-b-2 border-transparent px-3 py-2 text-slate-600 hover:text-slate-900">
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </PortalProviders>
  );
}
