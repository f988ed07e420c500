// The landing page of a portal link (POST /api/v1/portal_sessions). A valid link signs the
// customer's owner in (next-auth "portal-session" provider, which uses the token up) and opens
// the overview; a used, expired or unknown link says which, and what to do instead.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PortalSessionSignIn } from "@/components/auth/portal-session-sign-in";
import { inspectPortalLink } from "@/lib/services/portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("portalLink.pageTitle") };
}
export const dynamic = "force-dynamic";

export default async function PortalSessionPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await inspectPortalLink(token);
  if (link.state === "valid") return <PortalSessionSignIn token={token} />;
  // auth.portalLink.<state>.title / .body: used, expired or invalid
  const t = await getTranslations("auth.portalLink");
  const back = link.state !== "invalid" && link.returnUrl ? { url: link.returnUrl, name: link.merchantName } : null;
  return (
    <div data-testid="portal-link-refused" data-state={link.state}>
      <h1 className="text-xl font-semibold">{t(`${link.state}.title`)}</h1>
      <p className="mt-2 text-sm text-slate-600">{t(`${link.state}.body`)}</p>
      <div className="mt-6 flex flex-wrap gap-3">
        {back && (
          <a href={back.url} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            {t("backTo", { merchant: back.name })}
          </a>
        )}
        <Link href="/login" className="rounded-md border px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          {t("signInWithEmail")}
        </Link>
      </div>
    </div>
  );
}
