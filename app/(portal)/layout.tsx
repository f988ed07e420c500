import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AccountMenu } from "@/components/portal/account-menu";
import { BackToMerchant } from "@/components/portal/back-to-merchant";
import { BrandStyle, MerchantMark } from "@/components/portal/brand";
import { EmbedBridge } from "@/components/portal/embed-bridge";
import { Banners } from "@/components/portal/banners";
import { navFor } from "@/components/portal/nav";
import { NavLinks } from "@/components/portal/nav-links";
import { PastDueBanner } from "@/components/portal/past-due-banner";
import { Skeleton } from "@/components/ui/skeleton";
import { getSession, requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";

// The frame is the same for everyone and is the response's first bytes; what belongs to the
// signed-in account (its name, its sections, its banners) streams into it. A page outside any
// <Suspense> (no loading.tsx) still waits for its own data before the first byte, so its
// not-found is a 404: DEVELOPERS.md, "Rendering". The sections and whether the account is past due
// come with the portal context (one read per request); only the banners are a read of their own.

/** Every page title names the merchant ("Invoices · Acme billing"); its logo is the favicon. */
export async function generateMetadata(): Promise<Metadata> {
  const ctx = await requirePortalContext();
  const t = await getTranslations("common");
  const site = t("siteTitle", { merchant: ctx.merchant.name });
  return {
    title: { default: site, template: `%s · ${site}` },
    ...(ctx.merchant.logoUrl ? { icons: { icon: ctx.merchant.logoUrl } } : {}),
  };
}

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("common");
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("skipToContent")}
      </a>
      <header className="border-b bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Suspense fallback={<AccountSkeleton />}>
            <Account />
          </Suspense>
        </div>
        <nav aria-label={t("portalNav")} className="mx-auto max-w-6xl px-2 sm:px-4">
          <Suspense fallback={<Skeleton className="my-2.5 h-5 w-80 max-w-full" />}>
            <AccountNav />
          </Suspense>
        </nav>
      </header>
      <Suspense fallback={null}>
        <AccountBanners />
      </Suspense>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}

async function Account() {
  const ctx = await requirePortalContext();
  const t = await getTranslations("common");
  return (
    <>
      <BrandStyle color={ctx.merchant.brandColor} />
      <div className="min-w-0">
        <MerchantMark name={ctx.merchant.name} logoUrl={ctx.merchant.logoUrl} className="mb-0.5" />
        <Link href="/" className="block truncate font-semibold" data-testid="account-name">
          {ctx.customerName}
        </Link>
        <p className="text-xs text-slate-600" data-testid="account-role">
          {t(`roles.${ctx.role}`)}
          {ctx.role === "viewer" ? t("readOnly") : ""}
        </p>
      </div>
      <BackToMerchant customerId={ctx.customerId} />
      <Embedded />
      <AccountMenu email={ctx.email} current={ctx.customerId} memberships={ctx.memberships} />
    </>
  );
}

/** Inside the merchant's app (an embedded portal link): the Close button and the messages to it. */
async function Embedded() {
  const embed = (await getSession())?.embed;
  return embed?.length ? <EmbedBridge origins={embed} /> : null;
}

function AccountSkeleton() {
  return (
    <div className="min-w-0" aria-hidden="true">
      <Skeleton className="mb-1.5 h-5 w-40" />
      <Skeleton className="h-3 w-20" />
    </div>
  );
}

async function AccountNav() {
  const ctx = await requirePortalContext();
  return <NavLinks items={navFor(ctx.subscription?.model ?? null)} />;
}

const PAST_DUE = new Set(["past_due", "suspended"]);

async function AccountBanners() {
  const ctx = await requirePortalContext();
  const banners = await customerReads({ customerId: ctx.customerId }).banners({ periodStart: ctx.subscription?.periodStart ?? null });
  return (
    <>
      {PAST_DUE.has(ctx.subscription?.status ?? "") && <PastDueBanner customerId={ctx.customerId} />}
      <Banners banners={banners} accountId={ctx.customerId} />
    </>
  );
}
