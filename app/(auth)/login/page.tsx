import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";
import { devOutboxEnabled } from "@/lib/email/mailer";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied: "This email address does not belong to any billing account.",
  Configuration: "Sign-in is not configured correctly. Contact the service's support.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const { error, callbackUrl } = await searchParams;
  const message = error ? (ERRORS[error] ?? "Sign-in failed. Ask for a new link below.") : null;
  const safeCallback = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">We will email you a link that signs you in. No password needed.</p>
      {message && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {message}
        </p>
      )}
      <LoginForm callbackUrl={safeCallback} />
      {devOutboxEnabled() && (
        <p className="mt-6 text-xs text-slate-500">
          Demo mode: no email is sent. Sign-in links appear in the{" "}
          <Link className="underline" href="/dev/outbox">
            development outbox
          </Link>
          .
        </p>
      )}
    </>
  );
}
