import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountScope } from "@/components/portal/account-scope";
import { SettingsTabs } from "@/components/portal/settings-tabs";
import { LanguageForm } from "@/components/portal/language-form";
import { TimeZoneForm } from "@/components/portal/time-zone-form";
import { AlertSettingsForm, SpendingCapForm } from "@/components/portal/settings-forms";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ALERT_PERCENT_CHOICES } from "@/lib/billing/alerts";
import { currencySymbol, formatMoney } from "@/lib/billing/money";
import { typedAmountText, typedDecimals } from "@/lib/billing/money-input";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { LANGUAGE_CHOICES } from "@/lib/services/customers";
import { customerReads } from "@/lib/services/portal";
import { formatDateTime } from "@/lib/format/dates";
import { timeZoneChoices } from "@/lib/i18n/time-zones";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage() {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const settings = await read.alertSettings();
  const readOnly = !can(ctx.role, "manage_alerts");
  const recent = await read.recentAlerts();
  const model = settings?.model ?? null;
  const currency = settings?.currency ?? "USD";
  const t = await getTranslations("settings");
  const when = (d: Date) => formatDateTime(d, ctx.locale, { timeZone: ctx.timeZone });
  const common = await getTranslations("common");
  const choices = [...new Set([...ALERT_PERCENT_CHOICES, ...(settings?.usageAlertPercents ?? [])])].sort((a, b) => a - b);
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <SettingsTabs current="alerts" />
        <Card title={(await getTranslations("common"))("language")}>
          <LanguageForm readOnly={!can(ctx.role, "manage_billing")} current={ctx.customerLocale} choices={LANGUAGE_CHOICES} />
        </Card>
        <Card title={(await getTranslations("timezone"))("title")}>
          <TimeZoneForm readOnly={!can(ctx.role, "manage_billing")} current={ctx.customerTimeZone} shown={ctx.timeZone} choices={timeZoneChoices()} />
        </Card>
        {readOnly && (
          <p id="alerts-readonly" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
            {t("readOnly")}
          </p>
        )}
        {!settings || !model ? (
          <EmptyState title={t("noPlanTitle")}>{t("noPlanBody")}</EmptyState>
        ) : (
          <>
            <Card title={common("alerts")}>
              <p className="mb-4 text-sm text-slate-600">
                {t("alertsIntro")}
              </p>
              <AlertSettingsForm
                readOnly={readOnly}
                percentChoices={choices}
                percents={settings.usageAlertPercents}
                showPercents={settings.showPercents}
                allowanceWord={settings.allowanceWord}
                threshold={
                  settings.lowBalance && {
                    unit: settings.lowBalance.unit,
                    // money in the plan's currency, to its cents (none for yen); written the way the customer types numbers
                    symbol: settings.lowBalance.unit === "money" ? currencySymbol(settings.lowBalance.asset, ctx.locale) : null,
                    value: settings.lowBalanceThreshold === null ? "" : typedAmountText(settings.lowBalanceThreshold, settings.lowBalance.asset, ctx.locale, settings.lowBalance.unit === "money" ? typedDecimals(settings.lowBalance.asset) : 0),
                  }
                }
              />
            </Card>
            {settings.spendingCap && (
              <section id="spending-cap" aria-labelledby="cap-heading">
                <Card title={<span id="cap-heading">{t("spendingCap")}</span>}>
                  <SpendingCapForm
                    readOnly={readOnly}
                    cap={settings.spendingCapMicros === null ? "" : typedAmountText(settings.spendingCapMicros, currency, ctx.locale, typedDecimals(currency))}
                    symbol={currencySymbol(currency, ctx.locale)}
                    unitPrice={formatMoney({ amount: settings.overageUnitPriceMicros ?? 0n, asset: currency }, { exact: true, locale: ctx.locale })}
                  />
                </Card>
              </section>
            )}
          </>
        )}
        <Card title={t("recentAlerts")}>
          {recent.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noAlerts")}</p>
          ) : (
            <ul className="divide-y text-sm" data-testid="recent-alerts">
              {recent.map((n) => (
                <li key={n.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span>{n.title}</span>
                  <span className="text-slate-600">
                    {n.dismissedAt ? t("dismissedOn", { date: when(n.createdAt) }) : when(n.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </AccountScope>
  );
}
