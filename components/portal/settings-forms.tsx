"use client";
// The alerts and spending-cap forms. Everything is validated again on the server; viewers see
// the forms read-only (and the server refuses them anyway).
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { AccountField } from "@/components/portal/account-scope";
import { saveAlerts } from "@/lib/actions/save-alerts";
import { saveSpendingCap } from "@/lib/actions/save-spending-cap";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type ActionResult = Awaited<ReturnType<typeof saveAlerts>>;

function Result({ state, testId }: { state: ActionResult | null; testId: string }) {
  // A field's own error is shown beside the field.
  if (!state || (!state.ok && state.field)) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-700"}`} data-testid={testId}>
      {state.message}
    </p>
  );
}

export function AlertSettingsForm(props: {
  readOnly: boolean;
  percentChoices: number[];
  percents: number[];
  showPercents: boolean;
  allowanceWord: string;
  threshold: { value: string; unit: "credits" | "money"; symbol: string | null } | null;
}) {
  const t = useTranslations("settings");
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(saveAlerts, null);
  const fieldError = (f: string) => (state && !state.ok && state.field === f ? state.message : null);
  return (
    <form action={action} className="space-y-5" aria-describedby={props.readOnly ? "alerts-readonly" : undefined}>
      <AccountField />
      <fieldset disabled={props.readOnly || pending} className="space-y-5">
        {props.showPercents && (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{t("form.usageAlerts")}</legend>
            <p className="text-sm text-slate-600">{t("form.usageAlertsHelp", { allowance: props.allowanceWord })}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              {props.percentChoices.map((p) => (
                <label key={p} className="flex min-h-10 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="checkbox" name="usageAlertPercents" value={p} defaultChecked={props.percents.includes(p)} className="size-4 accent-brand-600" />
                  {t("form.percent", { percent: p })}
                </label>
              ))}
            </div>
            {fieldError("usageAlertPercents") && (
              <p role="alert" className="mt-1 text-sm text-red-700">
                {fieldError("usageAlertPercents")}
              </p>
            )}
          </fieldset>
        )}
        {props.threshold && (
          <div className="max-w-xs">
            <Field
              id="lowBalanceThreshold"
              name="lowBalanceThreshold"
              label={props.threshold.unit === "credits" ? t("form.lowCredits") : t("form.lowBalance")}
              prefix={props.threshold.symbol ?? undefined}
              inputMode="decimal"
              defaultValue={props.threshold.value}
              placeholder={t("form.off")}
              hint={t("form.thresholdHint")}
              error={fieldError("lowBalanceThreshold")}
            />
          </div>
        )}
        <Button type="submit">{pending ? t("saving") : t("form.saveAlerts")}</Button>
      </fieldset>
      <Result state={state} testId="alerts-result" />
    </form>
  );
}

export function SpendingCapForm({ readOnly, cap, symbol, unitPrice }: { readOnly: boolean; cap: string; symbol: string; unitPrice: string }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(saveSpendingCap, null);
  return (
    <form action={action} className="space-y-4">
      <AccountField />
      <fieldset disabled={readOnly || pending} className="space-y-4">
        <div className="max-w-xs">
          <Field
            id="cap"
            name="cap"
            label={t("form.capLabel")}
            prefix={symbol}
            inputMode="decimal"
            defaultValue={cap}
            placeholder={t("form.noCap")}
            hint={t("form.capHint", { price: unitPrice })}
            error={state && !state.ok && state.field === "cap" ? state.message : null}
          />
        </div>
        <Button type="submit">{pending ? t("saving") : t("form.saveCap")}</Button>
      </fieldset>
      <Result state={state} testId="cap-result" />
    </form>
  );
}
