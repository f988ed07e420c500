import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { devOutboxEnabled } from "@/lib/email/mailer";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signIn.title") };
}

// next-auth's error codes that have their own message (auth.signIn.errors.<code>); any other says "failed".
const ERRORS = ["Verification", "AccessDenied", "Configuration"] as const;

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const { error, callbackUrl } = await searchParams;
  const t = await getTranslations("auth.signIn");
  const known = ERRORS.find((code) => code === error);
  const message = error ? t(`errors.${known ?? "other"}`) : null;
  const safeCallback = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
      {message && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {message}
        </p>
      )}
      <LoginForm callbackUrl={safeCallback} />
      {devOutboxEnabled() && (
        <p className="mt-6 text-xs text-slate-500">
          {t.rich("demo", {
            link: (chunks) => (
              <Link className="underline" href="/dev/outbox">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
    </>
  );
}
