import { getTranslations } from "next-intl/server";
import { BrandStyle, MerchantMark } from "@/components/portal/brand";
import { signInBrand } from "@/lib/services/catalog";

// The merchant's name, logo and colour before sign-in (lib/services/catalog/brand.ts says whose); read at
// request time, so a catalog:apply shows at once.
export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const brand = await signInBrand();
  if (!brand) return {};
  const site = (await getTranslations("common"))("siteTitle", { merchant: brand.name });
  return { title: { default: site, template: `%s · ${site}` } };
}

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const brand = await signInBrand();
  const t = await getTranslations("auth");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      {brand ? (
        <>
          <BrandStyle color={brand.brandColor} />
          <div className="mb-6 flex flex-col items-center gap-1">
            <MerchantMark name={brand.name} logoUrl={brand.logoUrl} />
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("billingPortal")}</p>
          </div>
        </>
      ) : (
        <p className="mb-6 text-center text-sm font-semibold tracking-wide text-brand-700">{t("billingPortal")}</p>
      )}
      <div className="rounded-lg border bg-white p-6 shadow-sm sm:p-8">{children}</div>
    </main>
  );
}
