import { headers } from "next/headers";
import Link from "next/link";
import { linkOriginFor, requestOriginOf } from "@/lib/auth/request-origin";
import { devOutboxEnabled } from "@/lib/email/mailer";

export const metadata = { title: "Check your email" };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  const where = linkOriginFor(requestOriginOf(await headers()));
  return (
    <>
      <h1 className="text-xl font-semibold">Check your email</h1>
      <p className="mt-2 text-sm text-slate-600">
        If {email ? <strong>{email}</strong> : "that address"} belongs to a billing account, a sign-in link is on its way. It works
        once and expires in 15 minutes.
      </p>
      {where.differs && (
        <p className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="link-host-note">
          The link opens <strong>{where.origin}</strong>, this portal&apos;s address, not {where.askedFrom} where you are now. Open it in a
          browser that reaches that address, or ask whoever runs the portal to set NEXTAUTH_URL (or PORTICO_ALLOWED_HOSTS) to the
          address you use.
        </p>
      )}
      {devOutboxEnabled() && (
        <p className="mt-4 rounded-md bg-brand-50 p-3 text-sm text-brand-800">
          Demo mode: open the{" "}
          <Link className="font-medium underline" href="/dev/outbox">
            development outbox
          </Link>{" "}
          to find the link.
        </p>
      )}
      <p className="mt-6 text-sm">
        <Link className="text-brand-700 underline" href="/login">
          Use another address
        </Link>
      </p>
    </>
  );
}
