import Link from "next/link";
import { useTranslations } from "next-intl";

export function SettingsTabs({ current }: { current: "alerts" | "billing" | "team" }) {
  const t = useTranslations("settings.tabs");
  const tab = (key: "alerts" | "billing" | "team", href: string, label: string) => (
    <Link
      href={href}
      aria-current={current === key ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm ${current === key ? "bg-white font-medium shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label={t("label")} className="inline-flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1">
      {tab("alerts", "/settings", t("alerts"))}
      {tab("billing", "/settings/billing", t("billing"))}
      {tab("team", "/settings/team", t("team"))}
    </nav>
  );
}
