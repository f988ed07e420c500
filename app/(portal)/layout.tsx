import Link from "next/link";
import { AccountMenu } from "@/components/portal/account-menu";
import { BackToMerchant } from "@/components/portal/back-to-merchant";
import { Banners } from "@/components/portal/banners";
import { navFor } from "@/components/portal/nav";
import { NavLinks } from "@/components/portal/nav-links";
import { PastDueBanner } from "@/components/portal/past-due-banner";
import { PortalProviders } from "@/components/portal/providers";
import { can, ROLE_LABELS } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { getShell } from "@/lib/services/alerts";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePortalContext();
  const { model, banners } = await getShell(ctx.customerId);
  const nav = navFor(model);
  return (
    <PortalProviders>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="min-w-0">
            <Link href="/" className="block truncate font-semibold" data-testid="account-name">
              {ctx.customerName}
            </Link>
            <p className="text-xs text-slate-600" data-testid="account-role">
              {ROLE_LABELS[ctx.role]}
              {ctx.role === "viewer" ? " · read only" : ""}
            </p>
          </div>
          <BackToMerchant customerId={ctx.customerId} />
          <AccountMenu email={ctx.email} current={ctx.customerId} memberships={ctx.memberships} />
        </div>
        <nav aria-label="Portal" className="mx-auto max-w-6xl overflow-x-auto px-4">
          <NavLinks items={nav} />
        </nav>
      </header>
      <PastDueBanner customerId={ctx.customerId} />
      <Banners banners={banners} canDismiss={can(ctx.role, "manage_alerts")} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </PortalProviders>
  );
}
