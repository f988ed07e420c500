import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors");
  return { title: t("notFound") };
}

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12 text-center">
      <h1 className="text-xl font-semibold">{t("pageNotFound")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("pageNotFoundBody")}</p>
      <p className="mt-6">
        <Link className="font-medium text-brand-700 underline" href="/">
          {t("goToPortal")}
        </Link>
      </p>
    </main>
  );
}
