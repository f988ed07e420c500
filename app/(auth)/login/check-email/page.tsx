import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { linkOriginFor, requestOriginOf } from "@/lib/auth/request-origin";
import { devOutboxEnabled } from "@/lib/email/mailer";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("checkEmail.title") };
}

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  const where = linkOriginFor(requestOriginOf(await headers()));
  const t = await getTranslations("auth.checkEmail");
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {email ? t.rich("sent", { email, strong }) : t("sentThatAddress")}
      </p>
      {where.differs && (
        <p className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="link-host-note">
          {t.rich("hostNote", { origin: where.origin, askedFrom: where.askedFrom ?? "", strong })}
        </p>
      )}
      {devOutboxEnabled() && (
        <p className="mt-4 rounded-md bg-brand-50 p-3 text-sm text-brand-800">
          {t.rich("demo", {
            link: (chunks) => (
              <Link className="font-medium underline" href="/dev/outbox">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
      <p className="mt-6 text-sm">
        <Link className="text-brand-700 underline" href="/login">
          {t("anotherAddress")}
        </Link>
      </p>
    </>
  );
}
