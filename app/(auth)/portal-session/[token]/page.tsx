// The landing page of a portal link (POST /api/v1/portal_sessions). A valid link signs the
// customer's owner in (next-auth "portal-session" provider, which uses the token up) and opens
// the overview; a used, expired or unknown link says which, and what to do instead.
import Link from "next/link";
import { PortalSessionSignIn } from "@/components/auth/portal-session-sign-in";
import { inspectPortalLink } from "@/lib/services/portal";

export const metadata = { title: "Opening your billing portal" };
export const dynamic = "force-dynamic";

const WORDS = {
  used: {
    title: "This link has already been used",
    body: "Each billing portal link signs you in once. Go back and open the billing portal again to get a new link, or sign in with your email.",
  },
  expired: {
    title: "This link has expired",
    body: "Billing portal links are valid for 10 minutes. Go back and open the billing portal again to get a new link, or sign in with your email.",
  },
  invalid: {
    title: "This link is not valid",
    body: "The address may be incomplete or mistyped. Open the billing portal again from the app you came from, or sign in with your email.",
  },
} as const;

export default async function PortalSessionPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await inspectPortalLink(token);
  if (link.state === "valid") return <PortalSessionSignIn token={token} />;
  const words = WORDS[link.state];
  const back = link.state !== "invalid" && link.returnUrl ? { url: link.returnUrl, name: link.merchantName } : null;
  return (
    <div data-testid="portal-link-refused" data-state={link.state}>
      <h1 className="text-xl font-semibold">{words.title}</h1>
      <p className="mt-2 text-sm text-slate-600">{words.body}</p>
      <div className="mt-6 flex flex-wrap gap-3">
        {back && (
          <a href={back.url} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            Back to {back.name}
          </a>
        )}
        <Link href="/login" className="rounded-md border px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Sign in with your email
        </Link>
      </div>
    </div>
  );
}
