// The spending cap and the low-balance threshold in the plan's own currency, typed the way the
// customer's language writes numbers: a German customer on a EUR plan types "49,50" and is told
// about euros; a Japanese customer's cap is whole yen; English on a USD plan says what it said.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PLANS } from "@/lib/billing/plans";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { withLocale } from "@/lib/i18n/locale-scope";
import { upsertPlan } from "@/lib/services/catalog/catalog";
import { createCustomer } from "@/lib/services/customers/customers";
import { C, createPortalWorld, MER } from "@/test/support/portal-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { getAlertSettings, updateAlertSettings, updateSpendingCap } from "./alert-settings";

let h: DbHandle;
const NOW = new Date("2026-11-21T12:00:00Z");
const E = { meteredEur: "cus_metered_eur", meteredJpy: "cus_metered_jpy", balanceEur: "cus_balance_eur", balanceJpy: "cus_balance_jpy" } as const;

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  await createPortalWorld(h, NOW);
  const plan = (code: string) => DEMO_PLANS.find((p) => p.code === code)!;
  await transaction(
    async (tx) => {
      const variants = [
        { ...plan("api_pro"), code: "api_eur", currency: "EUR" },
        { ...plan("api_pro"), code: "api_jpy", currency: "JPY" },
        { ...plan("platform"), code: "platform_eur", currency: "EUR" },
        { ...plan("platform"), code: "platform_jpy", currency: "JPY" },
      ];
      for (const [i, p] of variants.entries()) await upsertPlan(tx, MER, p as (typeof DEMO_PLANS)[number], 10 + i);
      const make = (id: string, planCode: string) => createCustomer(tx, { id, merchantId: MER, externalId: id, name: id, email: `owner@${id}.example`, planCode, now: NOW });
      await make(E.meteredEur, "api_eur");
      await make(E.meteredJpy, "api_jpy");
      await make(E.balanceEur, "platform_eur");
      await make(E.balanceJpy, "platform_jpy");
    },
    { client: h.prisma },
  );
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

const capOf = async (customerId: string) => (await h.prisma.subscription.findUniqueOrThrow({ where: { customerId } })).spendingCapMicros;
const thresholdOf = async (customerId: string) => (await h.prisma.customer.findUniqueOrThrow({ where: { id: customerId } })).lowBalanceThreshold;

describe("the spending cap, in the plan's currency", () => {
  it("a German customer on a EUR plan types euros with a decimal comma", async () => {
    const cap = (typed: string) => withLocale("de-DE", () => updateSpendingCap(E.meteredEur, { cap: typed }, NOW));
    expect(await cap("1.249,50")).toMatchObject({ ok: true, message: "Ausgabenlimit gespeichert." });
    expect(await capOf(E.meteredEur)).toBe(1_249_500_000n); // €1,249.50 in ledger units (1/10,000 of a cent)
    // refused, and the cap stays as it was
    expect(await cap("49.50")).toMatchObject({ ok: false, field: "cap", message: "Geben Sie den Betrag wie 12.345,67 ein: ein Komma vor den Nachkommastellen, Punkte nur zwischen den Tausendern." });
    expect(await cap("49,505")).toMatchObject({ ok: false, field: "cap", message: "Geben Sie das Limit in ganzen Cent ein, z. B. 49,99." });
    expect(await cap("fünfzig")).toMatchObject({ ok: false, field: "cap", message: "Geben Sie das Limit in Euro ein, z. B. 50 oder 49,99." });
    expect(await cap("$50")).toMatchObject({ ok: false, message: "Geben Sie das Limit in Euro ein, z. B. 50 oder 49,99." });
    expect(await capOf(E.meteredEur)).toBe(1_249_500_000n);
    // in English the same plan's cap is in euros, never dollars
    expect(await updateSpendingCap(E.meteredEur, { cap: "fifty" }, NOW)).toMatchObject({ ok: false, message: "Enter the cap in euros, e.g. 50 or 49.99." });
  });

  it("a JPY plan's cap is whole yen", async () => {
    const cap = (typed: string) => withLocale("ja-JP", () => updateSpendingCap(E.meteredJpy, { cap: typed }, NOW));
    expect(await cap("5,000")).toMatchObject({ ok: true });
    expect(await capOf(E.meteredJpy)).toBe(50_000_000n); // ¥5,000: 10,000 ledger units a yen
    expect(await cap("5000.5")).toMatchObject({ ok: false, message: "上限は小数点以下なしの円で入力してください（例: 5,000）。" });
    expect(await cap("ごせん")).toMatchObject({ ok: false, message: "上限を円で入力してください（例: 50 や 5,000）。" });
    expect(await updateSpendingCap(E.meteredJpy, { cap: "12.50" }, NOW)).toMatchObject({ ok: false, message: "Enter the cap in whole Japanese yen, e.g. 5,000." });
    expect(await capOf(E.meteredJpy)).toBe(50_000_000n);
  });

  it("English on a USD plan reads and says what it always did", async () => {
    expect(await updateSpendingCap(C.metered, { cap: "$1,250.50" }, NOW)).toMatchObject({ ok: true });
    expect(await capOf(C.metered)).toBe(1_250_500_000n);
    expect(await updateSpendingCap(C.metered, { cap: "fifty" }, NOW)).toMatchObject({ ok: false, message: "Enter the cap in dollars, e.g. 50 or 49.99." });
    expect(await updateSpendingCap(C.metered, { cap: "49.999" }, NOW)).toMatchObject({ ok: false, message: "Enter the cap in whole cents, e.g. 49.99." });
    // "12,50" is not silently 1,250 dollars
    expect(await updateSpendingCap(C.metered, { cap: "12,50" }, NOW)).toMatchObject({ ok: false, message: "Enter the amount like 12,345.67: a point before the decimals, commas only between thousands." });
    expect(await capOf(C.metered)).toBe(1_250_500_000n);
  });
});

describe("the low-balance threshold, in the plan's currency", () => {
  const save = (customerId: string, typed: string, locale = "en-US") => withLocale(locale, () => updateAlertSettings(customerId, { lowBalanceThreshold: typed, usageAlertPercents: [] }, NOW));

  it("names the plan's currency in the customer's language, never dollars on a EUR or JPY plan", async () => {
    const hint = async (customerId: string, locale: string) => withLocale(locale, async () => (await getAlertSettings(customerId))!.lowBalance);
    expect(await hint(E.balanceEur, "de-DE")).toEqual({ asset: "EUR", unit: "money", hint: "Geben Sie den Schwellenwert in Euro ein, z. B. 10 oder 12,50." });
    expect(await hint(E.balanceEur, "en-US")).toMatchObject({ hint: "Enter the threshold in euros, e.g. 10 or 12.50." });
    expect(await hint(E.balanceJpy, "ja-JP")).toMatchObject({ asset: "JPY", hint: "しきい値を円で入力してください（例: 10 や 1,000）。" });
    expect(await hint(C.balance, "en-US")).toMatchObject({ asset: "USD", hint: "Enter the threshold in dollars, e.g. 10 or 12.50." });
    expect(await hint(C.credits, "fr-FR")).toMatchObject({ unit: "credits", hint: "Saisissez le seuil en crédits, par exemple 100 ou 12,5." });
  });

  it("reads the threshold the customer's way and to the currency's decimals", async () => {
    expect(await save(E.balanceEur, "12,50", "de-DE")).toMatchObject({ ok: true });
    expect(await thresholdOf(E.balanceEur)).toBe(12_500_000n);
    expect(await save(E.balanceEur, "12,505", "de-DE")).toMatchObject({ ok: false, field: "lowBalanceThreshold", message: "Geben Sie den Schwellenwert in ganzen Cent ein, z. B. 12,50." });
    expect(await save(E.balanceJpy, "1,500", "ja-JP")).toMatchObject({ ok: true });
    expect(await thresholdOf(E.balanceJpy)).toBe(15_000_000n);
    expect(await save(E.balanceJpy, "1500.5", "ja-JP")).toMatchObject({ ok: false, message: "しきい値は小数点以下なしの円で入力してください（例: 1,000）。" });
    expect(await thresholdOf(E.balanceJpy)).toBe(15_000_000n);
    expect(await save(C.balance, "12.505")).toMatchObject({ ok: false, message: "Enter the threshold in whole cents, e.g. 12.50." });
    expect(await save(C.credits, "12,5", "es-ES")).toMatchObject({ ok: true });
    expect(await thresholdOf(C.credits)).toBe(12_500n); // 12.5 credits in milli-credits
  });
});
