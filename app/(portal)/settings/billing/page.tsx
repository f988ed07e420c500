import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountScope } from "@/components/portal/account-scope";
import { BillingDetailsForm } from "@/components/portal/billing-details-form";
import { SettingsTabs } from "@/components/portal/settings-tabs";
import { Card } from "@/components/ui/card";
import { taxIdLabelsIn } from "@/lib/billing/billing-details";
import { COUNTRY_CODES, countryName } from "@/lib/billing/countries";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("billing.title") };
}

export default async function BillingDetailsPage() {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const d = await read.billingDetails();
  const readOnly = !can(ctx.role, "manage_billing");
  const countries = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, ctx.locale) })).sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
  const t = await getTranslations("settings");
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <SettingsTabs current="billing" />
        {readOnly && (
          <p id="billing-readonly" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
            {t("billing.readOnly")}
          </p>
        )}
        <Card title={t("billing.title")}>
          <p className="mb-4 text-sm text-slate-600">
            {t("billing.intro")}
          </p>
          <BillingDetailsForm
            readOnly={readOnly}
            accountName={d.accountName}
            countries={countries}
            taxIdLabels={taxIdLabelsIn(ctx.locale)}
            values={{
              name: d.name ?? "",
              line1: d.address?.line1 ?? "",
              line2: d.address?.line2 ?? "",
              city: d.address?.city ?? "",
              postal_code: d.address?.postal_code ?? "",
              state: d.address?.state ?? "",
              country: d.address?.country ?? "",
              tax_id: d.taxId ?? "",
            }}
          />
        </Card>
      </div>
    </AccountScope>
  );
}
