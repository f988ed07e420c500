import "server-only";
// The customer's alert settings and spending cap (Settings → Alerts & caps). Amounts are typed the
// way the customer's language writes numbers and counted in the plan's own currency (a JPY plan's
// cap is whole yen); a change raises at once any alert it makes due.
import { z } from "zod";
import { actionWords } from "@/lib/i18n/action-words";
import { currencyWords, readTypedAmount } from "@/lib/i18n/amount-words";
import { assetIn } from "@/lib/billing/terms";
import { MAX_ALERT_PERCENTS } from "@/lib/billing/alerts";
import { amountExample } from "@/lib/billing/money-input";
import { rulesFor } from "@/lib/billing/models";
import { planColumns, usageAsset, type ConsumptionModel } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { plansById } from "@/lib/db/plans";
import { transaction, type Tx } from "@/lib/db/tx";
import type { AssetCode } from "@/lib/ledger/assets";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { evaluateAlerts } from "./alerts";

type AlertSettings = {
  model: ConsumptionModel | null;
  /** The plan's currency: the spending cap and a money threshold are counted in it. */
  currency: string | null;
  /** Usage alerts count a per-period allowance (not on Balance plans), named so. */
  showPercents: boolean;
  allowanceWord: string;
  /** A low-balance threshold, in what unit; null when the plan has none (Metered). */
  lowBalance: { asset: AssetCode; unit: "credits" | "money"; hint: string } | null;
  /** The plan bills overage, so the customer may cap it. */
  spendingCap: boolean;
  asset: AssetCode | null;
  lowBalanceThreshold: bigint | null;
  usageAlertPercents: number[];
  spendingCapMicros: bigint | null;
  overageUnitPriceMicros: bigint | null;
  overagePolicy: string | null;
};

export async function getAlertSettings(customerId: string): Promise<AlertSettings | null> {
  const c = await db().customer.findUnique({ where: { id: customerId }, include: { subscription: true } });
  if (!c) return null;
  const plan = c.subscription ? (await plansById(db() as unknown as Tx, c.merchantId)).get(c.subscription.planId) : undefined;
  const rules = plan ? rulesFor(plan) : null;
  const topUp = rules?.topUp;
  return {
    model: plan?.model ?? null,
    currency: plan?.currency ?? null,
    showPercents: !!rules?.allowanceBucket,
    allowanceWord: rules?.allowanceNoun ?? "",
    lowBalance: topUp
      ? {
          asset: assetIn(topUp.thresholdAsset, plan!.currency),
          unit: topUp.thresholdAsset === "CREDIT" ? "credits" : "money",
          hint: actionWords()("alerts.thresholdHint", { model: plan!.model, ...currencyWords(plan!.currency), creditsExample: amountExample("12.5", displayLocale(null), 1) }),
        }
      : null,
    spendingCap: !!rules?.tracksOverage && plan?.zeroBalancePolicy === "overage",
    asset: plan ? usageAsset(plan) : null,
    lowBalanceThreshold: c.lowBalanceThreshold,
    usageAlertPercents: [...c.usageAlertPercents].sort((a, b) => a - b),
    spendingCapMicros: c.subscription?.spendingCapMicros ?? null,
    overageUnitPriceMicros: plan ? planColumns(plan).overagePriceMicros : null,
    overagePolicy: plan?.zeroBalancePolicy ?? null,
  };
}

type SettingsResult = { ok: true; message: string } | { ok: false; code: "invalid_input" | "not_found" | "not_applicable"; message: string; field?: string };

const decimalText = z.string().trim().max(24);

// worded when the form is checked, in the portal's language (actionWords), not when the file loads
const said = (key: string, values?: Record<string, number>) => ({ error: () => actionWords()(key, values) });
const alertSettingsSchema = z.object({
  lowBalanceThreshold: decimalText.optional().default(""),
  usageAlertPercents: z
    .array(z.coerce.number().int(said("alerts.percentWhole")).min(1, said("alerts.percentRange")).max(100, said("alerts.percentRange")))
    .max(MAX_ALERT_PERCENTS, said("alerts.tooMany", { max: MAX_ALERT_PERCENTS })),
});

/** Save the low-balance threshold and usage-alert percentages; alerts due at once are raised. */
export async function updateAlertSettings(customerId: string, input: unknown, now = new Date()): Promise<SettingsResult> {
  const parsed = alertSettingsSchema.safeParse(input);
  const t = actionWords();
  if (!parsed.success) return { ok: false, code: "invalid_input", message: parsed.error.issues[0]?.message ?? t("form.check"), field: String(parsed.error.issues[0]?.path[0] ?? "") };
  const settings = await getAlertSettings(customerId);
  if (!settings) return { ok: false, code: "not_found", message: t("alerts.accountGone") };
  let threshold: bigint | null = null;
  const text = parsed.data.lowBalanceThreshold;
  if (text !== "") {
    const low = settings.lowBalance;
    if (!low) {
      return { ok: false, code: "not_applicable", message: t("alerts.lowBalanceNotApplicable"), field: "lowBalanceThreshold" };
    }
    // a money threshold has the decimals of its currency (cents, whole yen), credits their own three
    const decimals = low.unit === "money" ? t("alerts.thresholdWholeCents", currencyWords(low.asset)) : undefined;
    const read = readTypedAmount(text, low.asset, { format: low.hint, decimals });
    if (!read.ok) return { ok: false, code: "invalid_input", field: "lowBalanceThreshold", message: read.problem === "empty" ? low.hint : read.message };
    threshold = read.amount;
    if (threshold <= 0n || threshold > 10n ** 15n) return { ok: false, code: "invalid_input", field: "lowBalanceThreshold", message: t("alerts.thresholdPositive") };
  }
  const percents = [...new Set(parsed.data.usageAlertPercents)].sort((a, b) => a - b);
  await transaction(async (tx) => {
    await tx.customer.update({ where: { id: customerId }, data: { lowBalanceThreshold: threshold, usageAlertPercents: percents } });
    await evaluateAlerts(tx, [customerId], now);
  });
  return { ok: true, message: t("alerts.saved") };
}

const spendingCapSchema = z.object({ cap: decimalText.optional().default("") });

/** Set (or remove, with an empty value) the overage spending cap of the current subscription, in the plan's currency. */
export async function updateSpendingCap(customerId: string, input: unknown, now = new Date()): Promise<SettingsResult> {
  const parsed = spendingCapSchema.safeParse(input);
  const t = actionWords();
  const settings = parsed.success ? await getAlertSettings(customerId) : null;
  const words = currencyWords(settings?.currency ?? "USD");
  if (!parsed.success) return { ok: false, code: "invalid_input", field: "cap", message: t("alerts.capFormat", words) };
  if (!settings) return { ok: false, code: "not_found", message: t("alerts.accountGone") };
  if (!settings.spendingCap || !settings.currency) {
    return { ok: false, code: "not_applicable", field: "cap", message: t("alerts.capNotApplicable") };
  }
  const text = parsed.data.cap;
  let cap: bigint | null = null;
  if (text !== "") {
    const read = readTypedAmount(text, settings.currency, { format: t("alerts.capFormat", words), decimals: t("alerts.capWholeCents", words) });
    if (!read.ok) return { ok: false, code: "invalid_input", field: "cap", message: read.problem === "empty" ? t("alerts.capFormat", words) : read.message };
    cap = read.amount;
    if (cap > 10n ** 15n) return { ok: false, code: "invalid_input", field: "cap", message: t("alerts.capTooLarge") };
  }
  await transaction(async (tx) => {
    const updated = await tx.subscription.updateMany({ where: { customerId }, data: { spendingCapMicros: cap } });
    if (updated.count === 0) throw new Error("subscription vanished");
    await evaluateAlerts(tx, [customerId], now);
  });
  return { ok: true, message: t(cap === null ? "alerts.capRemoved" : "alerts.capSaved") };
}
