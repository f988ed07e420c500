import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("settings");
  return <PageSkeleton title={t("billing.loading")} cards={2} />;
}
