"use client";
// Billing details: name, address, country and tax ID. The fields keep what was typed when the
// server refuses it (each wrong field says why beside it); the tax ID's name and example follow
// the chosen country. Checked again on the server; viewers see the form read-only.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { AccountField } from "@/components/portal/account-scope";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveBillingDetails } from "@/lib/actions/save-billing-details";
import { taxIdExample, taxIdKind, type TaxIdKind } from "@/lib/billing/countries";

type ActionResult = Awaited<ReturnType<typeof saveBillingDetails>>;

type BillingDetailsValues = { name: string; line1: string; line2: string; city: string; postal_code: string; state: string; country: string; tax_id: string };

export function BillingDetailsForm({ readOnly, values, countries, accountName, taxIdLabels }: { readOnly: boolean; values: BillingDetailsValues; countries: { code: string; name: string }[]; accountName: string; taxIdLabels: Record<TaxIdKind, string> }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(saveBillingDetails, null);
  const [v, setV] = useState(values);
  const error = (f: keyof BillingDetailsValues) => (state && !state.ok ? (state.fieldErrors?.[f] ?? (state.field === f ? state.message : null)) : null);
  const input = (f: keyof BillingDetailsValues) => ({ id: `bd-${f}`, name: f, value: v[f], error: error(f), onChange: (e: { target: { value: string } }) => setV({ ...v, [f]: e.target.value }) });
  const example = taxIdExample(v.country);
  const countryLabel = countries.find((c) => c.code === v.country)?.name ?? v.country;
  return (
    <form action={action} className="space-y-5" aria-describedby={readOnly ? "billing-readonly" : undefined}>
      <AccountField />
      <fieldset disabled={readOnly || pending} className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <Field {...input("name")} label={t("billing.name")} autoComplete="organization" placeholder={accountName} hint={t("billing.nameHint")} />
        </div>
        <div className="sm:col-span-2">
          <Field {...input("line1")} label={t("billing.line1")} autoComplete="address-line1" />
        </div>
        <div className="sm:col-span-2">
          <Field {...input("line2")} label={t("billing.line2")} autoComplete="address-line2" />
        </div>
        <Field {...input("city")} label={t("billing.city")} autoComplete="address-level2" />
        <Field {...input("postal_code")} label={t("billing.postalCode")} autoComplete="postal-code" />
        <Field {...input("state")} label={t("billing.state")} autoComplete="address-level1" />
        <div>
          <label htmlFor="bd-country" className="block text-sm font-medium text-slate-800">
            {t("billing.country")}
          </label>
          <select
            id="bd-country"
            name="country"
            value={v.country}
            onChange={(e) => setV({ ...v, country: e.target.value })}
            autoComplete="country"
            aria-invalid={error("country") ? true : undefined}
            aria-describedby={error("country") ? "bd-country-error" : undefined}
            className="mt-1 block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none"
          >
            <option value="">{t("billing.choose")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
          {error("country") && (
            <p id="bd-country-error" role="alert" className="mt-1 text-sm text-red-700">
              {error("country")}
            </p>
          )}
        </div>
        <div className="sm:col-span-2">
          <Field
            {...input("tax_id")}
            label={t("billing.taxId", { label: taxIdLabels[taxIdKind(v.country || null)] })}
            autoComplete="off"
            spellCheck={false}
            hint={v.country ? (example ? t("billing.checkedForExample", { country: countryLabel, example }) : t("billing.checkedFor", { country: countryLabel })) : t("billing.chooseCountryFirst")}
          />
        </div>
        <div className="sm:col-span-2">
          <Button type="submit">{pending ? t("saving") : t("billing.save")}</Button>
        </div>
      </fieldset>
      {state && (state.ok || !state.fieldErrors) && (
        <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-700"}`} data-testid="billing-result">
          {state.message}
        </p>
      )}
    </form>
  );
}
