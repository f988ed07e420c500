// The sentences lib/services builds for the usage, credits/funds, plan, billing and invoice pages
// and the overview's suggestion, in the reader's language (PGlite, the demo catalogue): German and
// Japanese as a customer reads them — amounts in euros and yen the local way — and English as it
// always was. Each read runs in the page's locale, as customerReads(ctx) runs it.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { billingDetailsInputSchema } from "@/lib/billing/billing-details";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { withLocale } from "@/lib/i18n/locale-scope";
import { withPaymentsDemo } from "@/test/support/payments";
import { saveBillingDetails } from "../customers/billing-details";
import { createCustomer } from "../customers/customers";
import { getPlanPage } from "../cycle/plan-page";
import { createDraftInvoice, getInvoiceForCustomer, issueInvoice } from "../invoices/invoices";
import { presentInvoice } from "../invoices/invoice-view";
import { billingSummary, seedDemoCard } from "../payments/payment-methods";
import { quotePurchase } from "../payments/purchase-pricing";
import { packOffers } from "../payments/purchases";
import { recordUsage } from "../usage/usage";
import { getUsageReport } from "../usage/usage-report";
import { getOverview } from "./overview";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));

// Intl's spaces: no-break before "€" and "%" in German.
const NB = "\u00a0";
const ANCHOR = new Date("2026-11-03T12:00:00Z");
const NOW = new Date("2026-11-20T12:00:00Z");

/** A new customer of the demo merchant on a plan, anchored on Nov 3, with the demo card. */
async function customerOn(plan: string, locale: string | null) {
  const ext = `w_${randomBytes(5).toString("hex")}`;
  return transaction(async (tx) => {
    const { customer } = await createCustomer(tx, { merchantId: "mer_demo", externalId: ext, name: `Test ${ext}`, email: `${ext}@test.example`, planCode: plan, anchorAt: ANCHOR, now: ANCHOR, locale: locale ?? undefined });
    await seedDemoCard(tx, customer, ANCHOR);
    return customer.id;
  });
}

describe("the usage page", () => {
  it("names periods and ranges in German", async () => {
    const c = await customerOn("creator_eur", "de-DE");
    const current = await withLocale("de-DE", () => getUsageReport(c, {}, { now: NOW }));
    expect(current!.label).toBe("03.11.2026 – 03.12.2026 (aktueller Zeitraum)");
    expect(current!.choices.map((x) => x.label)).toEqual(["03.11.2026 – 03.12.2026 (aktueller Zeitraum)", "Letzte 7 Tage", "Letzte 30 Tage", "Letzte 90 Tage"]);
    expect((await withLocale("de-DE", () => getUsageReport(c, { range: "7d" }, { now: NOW })))!.label).toBe("Letzte 7 Tage");
    expect((await withLocale("de-DE", () => getUsageReport(c, { periodId: "per_gone" }, { now: NOW })))!.label).toBe("Aktueller Zeitraum");
    expect(current!.total.costText).toBe("0 Credits");
  });

  it("names the merchant's actions and counts their units in German, as its catalogue translates them", async () => {
    const c = await customerOn("creator_eur", "de-DE");
    const at = new Date(NOW.getTime() - 3_600_000);
    const events = [
      { id: `ev_${c}_1`, customer: c, action: "agent_run", quantity: 1n, timestamp: at },
      { id: `ev_${c}_2`, customer: c, action: "image_generation", quantity: 3n, timestamp: at },
    ];
    expect((await recordUsage("mer_demo", events, { now: NOW })).map((r) => r.status)).toEqual(["accepted", "accepted"]);
    const r = (await withLocale("de-DE", () => getUsageReport(c, {}, { now: NOW })))!;
    expect(r.byAction.map((a) => [a.name, a.quantityText])).toEqual([
      ["Bildgenerierung", "3 Bilder"],
      ["Sprachtranskription", "0 Transkriptionen"],
      ["Agentenlauf", "1 Lauf"],
    ]);
    expect(r.priceTable[0]).toBe(`Bildgenerierung — 10 Credits pro Bild`);
    // the same usage of an English-speaking account: the catalogue's own words
    const en = await customerOn("creator_eur", null);
    await recordUsage("mer_demo", events.map((e) => ({ ...e, id: `${e.id}_en`, customer: en })), { now: NOW });
    expect((await getUsageReport(en, {}, { now: NOW }))!.byAction.map((a) => [a.name, a.quantityText])).toEqual([["Image generation", "3 images"], ["Voice transcription", "0 transcriptions"], ["Agent run", "1 run"]]);
  });

  it("names them in Japanese, with the price table in yen", async () => {
    const c = await customerOn("platform_jpy", "ja-JP");
    const r = (await withLocale("ja-JP", () => getUsageReport(c, { range: "30d" }, { now: NOW })))!;
    expect(r.label).toBe("直近 30 日間");
    expect(r.choices.map((x) => x.label)).toEqual(["2026/11/03～2026/12/03（現在の期間）", "直近 7 日間", "直近 30 日間", "直近 90 日間"]);
    expect(r.total.costText).toBe("￥0");
    expect(r.priceTable).toEqual(["メモリ（GB時間） — GB時間あたり ￥0.3", "ビルド時間 — 分あたり ￥6"]); // the catalogue's Japanese words
  });

  it("reads in English as it always did, and a range that is not one falls back to the current period", async () => {
    const c = await customerOn("creator", null);
    const r = (await getUsageReport(c, { range: "90d" }, { now: NOW }))!;
    expect(r.choices.map((x) => x.label)).toEqual(["Nov 3, 2026 – Dec 3, 2026 (current period)", "Last 7 days", "Last 30 days", "Last 90 days"]);
    expect(r.label).toBe("Last 90 days");
    expect((await getUsageReport(c, { periodId: "per_gone" }, { now: NOW }))!.label).toBe("Current period");
    // an inherited name is no range (it used to yield an invalid date)
    expect((await getUsageReport(c, { range: "constructor" }, { now: NOW }))!).toMatchObject({ label: "Nov 3, 2026 – Dec 3, 2026 (current period)", from: ANCHOR.toISOString() });
  });
});

describe("buying credits and funds", () => {
  it("a German customer's pack quote and offers, in euros", async () => {
    const c = await customerOn("creator_eur", "de-DE");
    const q = await withLocale("de-DE", () => quotePurchase(c, { kind: "pack", packCode: "pack_50000" }, NOW));
    if (!q.ok) throw new Error(q.message);
    expect(q.quote).toMatchObject({
      description: "50.000 Credits (Paket 50,000 credits)",
      creditsText: "50.000 Credits",
      expiresText: "Verfallen am 20.11.2027 (12 Monate)",
      subtotalText: `1.234,56${NB}€`,
      taxText: `98,76${NB}€`,
      totalText: `1.333,32${NB}€`,
    });
    const offers = await withLocale("de-DE", () => packOffers(c, NOW));
    expect(offers.map((o) => [o.creditsText, o.totalText, o.perCreditText])).toEqual([
      ["500 Credits", `24,84${NB}€`, `0,046${NB}€ pro Credit`],
      ["50.000 Credits", `1.333,32${NB}€`, `0,024691${NB}€ pro Credit`],
    ]);
  });

  it("a Japanese customer's pack and funds quotes", async () => {
    const credits = await customerOn("creator", "ja-JP");
    const pack = await withLocale("ja-JP", () => quotePurchase(credits, { kind: "pack", packCode: "pack_500" }, NOW));
    if (!pack.ok) throw new Error(pack.message);
    expect(pack.quote).toMatchObject({ creditsText: "500 クレジット", expiresText: "2027/11/20 に失効（12 か月）", totalText: "$27.00" });
    const c = await customerOn("platform_jpy", "ja-JP");
    const funds = await withLocale("ja-JP", () => quotePurchase(c, { kind: "funds", amount: "1235" }, NOW));
    if (!funds.ok) throw new Error(funds.message);
    expect(funds.quote).toMatchObject({ description: "￥1,235 の残高", subtotalText: "￥1,235", taxText: "￥99", totalText: "￥1,334", creditsText: null, expiresText: null });
  });

  it("in English as it always was", async () => {
    const c = await customerOn("creator", null);
    const q = await quotePurchase(c, { kind: "pack", packCode: "pack_2000" }, NOW);
    if (!q.ok) throw new Error(q.message);
    expect(q.quote).toMatchObject({ description: "2,000 credits (2,000 credits pack)", creditsText: "2,000 credits", expiresText: "Expires on Nov 20, 2027 (12 months)", totalText: "$86.40" });
    const f = await quotePurchase(await customerOn("platform", null), { kind: "funds", amount: "25" }, NOW);
    expect(f.ok && f.quote.description).toBe("$25.00 of funds");
  });
});

describe("the billing page's summary", () => {
  it("says the price and renewal date in the reader's language", async () => {
    const de = await withLocale("de-DE", async () => billingSummary(await customerOn("creator_eur", "de-DE")));
    expect(de.plan).toMatchObject({ priceText: `45,00${NB}€ pro Monat`, renewsText: "03.12.2026" });
    const ja = await withLocale("ja-JP", async () => billingSummary(await customerOn("platform_jpy", "ja-JP")));
    expect(ja.plan).toMatchObject({ priceText: "月額 ￥7,500", renewsText: "2026/12/03" });
    expect((await billingSummary(await customerOn("api_pro", null))).plan).toMatchObject({ priceText: "$99.00 per month", renewsText: "Dec 3, 2026" });
  });
});

describe("an invoice", () => {
  const lines = [{ description: "Creator — November", quantity: 1n, unitLabel: "month", unitPriceMicros: 50_000_000n, amountMicros: 50_000_000n }];
  // a draft is never shown to the customer, but the presentation still names one: an issued invoice as a draft
  async function invoiceOf(plan: string, locale: string | null, currency: string, opts: { issue: boolean }) {
    const c = await customerOn(plan, locale);
    await saveBillingDetails(c, billingDetailsInputSchema.parse({ name: "Kunde GmbH", line1: "Hauptstr. 1", postal_code: "10117", city: "Berlin", country: "DE", tax_id: "DE123456789" }));
    const id = await transaction(async (tx) => {
      const d = await createDraftInvoice(tx, { merchantId: "mer_demo", customerId: c, kind: "subscription", currency, taxRateBps: 725, lines, now: NOW });
      return (await issueInvoice(tx, d.id, { now: NOW })).id;
    });
    const issued = (await getInvoiceForCustomer(c, id))!;
    const detail = opts.issue ? issued : { ...issued, number: null, status: "draft" as const };
    return locale ? withLocale(locale, () => presentInvoice(detail)) : presentInvoice(detail);
  }

  it("is worded in German: status, kind, tax rate, tax ID and rounding rule", async () => {
    const v = await invoiceOf("creator_eur", "de-DE", "EUR", { issue: true });
    expect(v).toMatchObject({
      title: "Rechnung",
      kind: "Abonnement",
      statusLabel: "Offen",
      taxRate: `7,25${NB}%`,
      taxLabel: `Steuer (7,25${NB}%)`,
      totalLabel: "Fällig gesamt",
      total: `53,62${NB}€`,
    });
    expect(v.buyer.taxId).toBe("USt-IdNr.: DE123456789");
    expect(v.roundingRule).toContain("auf 0,01 Euro gerundet");
    const draft = await invoiceOf("creator_eur", "de-DE", "EUR", { issue: false });
    expect([draft.number, draft.statusLabel]).toEqual(["Entwurf", "Entwurf"]);
  });

  it("is worded in Japanese, in yen", async () => {
    const v = await invoiceOf("platform_jpy", "ja-JP", "JPY", { issue: true });
    expect(v).toMatchObject({ title: "請求書", kind: "サブスクリプション", statusLabel: "未払い", taxRate: "7.25%", taxLabel: "税（7.25%）", total: "￥5,362" });
    expect(v.buyer.taxId).toBe("VAT番号：DE123456789");
    expect(v.roundingRule).toContain("日本円の整数単位に偶数丸めで表示");
    expect((await invoiceOf("platform_jpy", "ja-JP", "JPY", { issue: false })).number).toBe("下書き");
  });

  it("reads in English as it always did", async () => {
    const v = await invoiceOf("platform", null, "USD", { issue: true });
    expect(v).toMatchObject({ title: "Invoice", kind: "Subscription", statusLabel: "Open", taxRate: "7.25 %", taxLabel: "Tax (7.25 %)", totalLabel: "Total due", total: "$53.62" });
    expect(v.buyer.taxId).toBe("VAT number: DE123456789");
    expect(v.roundingRule).toBe("Amounts are kept to the millionth of a dollar and shown rounded to the cent, half to even; the total charged is their exact sum, rounded once.");
    expect((await invoiceOf("platform", null, "USD", { issue: false })).number).toBe("Draft");
  });
});

describe("the overview's suggestion", () => {
  it("links in the reader's language", async () => {
    // 750 of 1,000 credits spent yesterday: at that rate they run out this period, so buy a pack
    const spender = async (locale: string | null) => {
      const c = await customerOn("creator", locale);
      const [r] = await recordUsage("mer_demo", [{ id: `ev_${c}`, customer: c, action: "agent_run", quantity: 30n, timestamp: new Date(NOW.getTime() - 86_400_000) }], { now: NOW });
      expect(r?.status).toBe("accepted");
      return c;
    };
    const de = await spender("de-DE");
    expect((await withLocale("de-DE", () => getOverview(de, { now: NOW })))!.forecast?.action).toEqual({ label: "Credit-Paket kaufen", href: "/credits" });
    const ja = await spender("ja-JP");
    expect((await withLocale("ja-JP", () => getOverview(ja, { now: NOW })))!.forecast?.action).toEqual({ label: "クレジットパックを購入する", href: "/credits" });
    expect((await getOverview(await spender(null), { now: NOW }))!.forecast?.action).toEqual({ label: "Buy a credit pack", href: "/credits" });
  });
});

// Last: it makes new versions of the plans (later customers would get those).
describe("the plan page", () => {
  async function newVersion(code: string, priceMicros: bigint) {
    const old = await h.prisma.plan.findFirstOrThrow({ where: { merchantId: "mer_demo", code, current: true } });
    await h.prisma.plan.update({ where: { id: old.id }, data: { current: false } });
    const { id, createdAt: _createdAt, ...terms } = old;
    await h.prisma.plan.create({ data: { ...terms, id: `${id}_v${old.version + 1}`, version: old.version + 1, priceMicros, current: true } });
  }

  it("prices, the change rule, the dunning rule and kept terms in German, Japanese and English", async () => {
    const [de, ja, en] = [await customerOn("creator_eur", "de-DE"), await customerOn("platform_jpy", "ja-JP"), await customerOn("creator", null)];
    await newVersion("creator_eur", 49n * 1_000_000n); // €49
    await newVersion("platform_jpy", 80_000_000n); // ¥8,000
    await newVersion("creator", 49n * 1_000_000n); // the same $49: only the terms are kept

    const pde = await withLocale("de-DE", () => getPlanPage(de, NOW));
    expect(pde.current?.grandfatheredText).toBe(`Sie behalten die Bedingungen, zu denen Sie Creator abgeschlossen haben (45,00${NB}€; Neukunden zahlen 49,00${NB}€), solange Sie bei diesem Tarif bleiben.`);
    expect(pde.plans.find((p) => p.current)?.priceText).toBe(`45,00${NB}€ pro Monat`);
    expect(pde.rule[1]).toBe("Wird Ihre Karte abgelehnt, ändert sich nichts. Eine Differenz unter einem halben Cent wird nicht berechnet; der Wechsel gilt trotzdem.");
    expect(pde.dunningText).toMatch(/^Eine fehlgeschlagene Verlängerungszahlung wird 3 Mal wiederholt, 1, 3 und 5 Tage nach dem ersten Fehlschlag;/);

    const pja = await withLocale("ja-JP", () => getPlanPage(ja, NOW));
    expect(pja.current?.grandfatheredText).toBe("ご契約時の Platform の条件（￥7,500。新規のお客様は ￥8,000）は、このプランを続けている限りそのまま適用されます。");
    expect(pja.plans.find((p) => p.current)?.priceText).toBe("月額 ￥7,500");
    expect(pja.rule[3]).toBe("解約は今期の終わりに適用されます。それまではすべてをご利用いただけ、以後の請求はありません。その日までなら再開できます。");
    expect(pja.dunningText).toMatch(/^更新のお支払いに失敗した場合、最初の失敗から 1、3、5 日後に計 3 回再試行します。/);

    const pen = await getPlanPage(en, NOW);
    expect(pen.current?.grandfatheredText).toBe("You keep the terms of Creator you subscribed on for as long as you stay on it.");
    expect(pen.plans.map((p) => p.priceText)).toEqual(["$99.00 per month", "$49.00 per month", "$50.00 per month"]);
    expect(pen.rule[1]).toBe("If your card is declined, nothing changes. A difference under half a cent is not charged; the upgrade still applies.");
    expect(pen.dunningText).toBe("A failed renewal payment is retried 3 times, 1, 3, 5 days after the first failure; if it still fails, the subscription is suspended (usage is refused) until the invoice is paid.");
  });
});
