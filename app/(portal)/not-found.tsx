import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("notFound")}</h1>
      <EmptyState title={t("notFoundAccount")} action={<LinkButton href="/">{t("backToOverview")}</LinkButton>}>
        {t("notFoundAccountBody")}
      </EmptyState>
    </div>
  );
}
