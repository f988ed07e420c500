// The account's alerts (usage thresholds, low balance, overage, cap…) as banners across the
// portal, rendered on the server; every member (a viewer too) can dismiss what they see (a plain
// form, for the account the page was drawn for).
// The overview refreshes them when its live figures report a new alert.
import { useTranslations } from "next-intl";
import { dismissBanner } from "@/lib/actions/dismiss-banner";
import { asFormAction } from "@/lib/actions/portal-action";
import type { Banner } from "@/lib/services/usage";

const TONES: Record<Banner["tone"], string> = {
  info: "border-brand-100 bg-brand-50 text-brand-800",
  warn: "border-amber-200 bg-amber-50 text-amber-950",
  danger: "border-red-200 bg-red-50 text-red-900",
};

export function Banners({ banners, accountId }: { banners: Banner[]; accountId: string }) {
  const t = useTranslations("common");
  if (banners.length === 0) return null;
  return (
    <section aria-label={t("alerts")} className="mx-auto max-w-6xl space-y-2 px-4 pt-4">
      {banners.map((b) => (
        <div key={b.id} role={b.tone === "danger" ? "alert" : "status"} className={`flex items-start justify-between gap-3 rounded-lg border p-3 text-sm ${TONES[b.tone]}`} data-testid="banner">
          <div className="min-w-0">
            <p className="font-semibold">{b.title}</p>
            <p className="mt-0.5">{b.body}</p>
          </div>
          <form action={asFormAction(dismissBanner)}>
            <input type="hidden" name="accountId" value={accountId} />
            <input type="hidden" name="id" value={b.id} />
            <button type="submit" className="rounded-md px-2 py-1 font-medium underline-offset-2 hover:underline" aria-label={t("dismissLabel", { title: b.title })}>
              {t("dismiss")}
            </button>
          </form>
        </div>
      ))}
    </section>
  );
}
