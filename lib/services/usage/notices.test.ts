// Notifications are recorded in English (they are the merchant's webhook events too) and worded
// again for the portal's reader: banners and Settings → Recent alerts speak the reader's language,
// rebuilt from the row's type, key and data — never half translated, and an English reader (or a
// row whose figures were not kept) gets the recorded text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { withLocale } from "@/lib/i18n/locale-scope";
import { C, createPortalWorld, use } from "@/test/support/portal-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { updateAlertSettings, updateSpendingCap } from "./alert-settings";
import { listBanners, recentAlerts } from "./alerts";
import { noticeFacts, noticeWords } from "./notices";

let h: DbHandle;
const NOW = new Date("2026-11-21T12:00:00Z");
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const rows = (customerId: string) => h.prisma.notification.findMany({ where: { customerId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const NO_FACTS = { period: null, runs: new Map() };
// The banners as the portal frame reads them: this period's usage alerts, the rest of the last 31 days.
const banners = async (customerId: string) => {
  const sub = await h.prisma.subscription.findUniqueOrThrow({ where: { customerId } });
  return { banners: await listBanners(customerId, { periodStart: sub.currentPeriodStart, now: NOW }) };
};

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  await createPortalWorld(h, NOW);
  await use(C.credits, "agent_run", 20n, ago(30), NOW); // 500 of 1,000 credits: 50 %
  await use(C.credits, "agent_run", 20n, ago(20), NOW); // 1,000: all of them
  await updateSpendingCap(C.metered, { cap: "5" }, NOW);
  await use(C.metered, "api_call", 10_100n, ago(5), NOW); // all included calls, and $1 of overage
  await use(C.metered, "api_call", 400n, ago(4), NOW); // $5: the cap
  await use(C.balance, "build_minute", 1_000n, ago(6), NOW); // $40 of $50
  await updateAlertSettings(C.balance, { lowBalanceThreshold: "12.50", usageAlertPercents: [] }, NOW);
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

describe("worded again in English", () => {
  it.each([C.credits, C.metered, C.balance])("every alert of %s reads exactly as it was recorded", async (customerId) => {
    const recorded = await rows(customerId);
    expect(recorded.length).toBeGreaterThan(0);
    const facts = await noticeFacts(customerId, recorded);
    for (const n of recorded) expect(noticeWords(n, "en-US", facts), n.dedupeKey).toEqual({ title: n.title, body: n.body });
  });

  it("the other notices, as their services record them", () => {
    const en = (type: string, data: Record<string, unknown>, title = "", dedupeKey = `${type}:x`, facts = NO_FACTS) => noticeWords({ type, dedupeKey, title, body: "", data }, "en-US", facts);
    expect(en("payment.failed", { code: "insufficient_funds", purpose: "credit_pack" })).toEqual({
      title: "Payment failed", body: "Your card has insufficient funds. Nothing was charged. Use another card or try a smaller amount.",
    });
    expect(en("payment.failed", { code: "what_is_this", purpose: "top_up" }).body).toBe("The payment did not go through. Nothing was charged. Try again or use another card.");
    expect(en("auto_top_up.failed", { run_id: "atr_1", attempt: 1, code: "card_declined" }, "", "auto_top_up.failed:atr_1:1")).toEqual({
      title: "Automatic top-up failed", body: "Your card was declined. Nothing was charged. Try another card or contact your bank. We will try again (attempt 2 of 3).",
    });
    const runs = new Map([["atr_2", { attempts: 3, failureCode: "do_not_honor" }]]);
    expect(en("auto_top_up.failed", { run_id: "atr_2", status: "failed", payment_id: "pay_2" }, "", "auto_top_up.failed:atr_2:final", { period: null, runs })).toEqual({
      title: "Automatic top-up stopped",
      body: "Your bank declined the payment. Nothing was charged. Contact your bank or use another card. Gave up after 3 attempts. Buy more from the portal to keep going.",
    });
    expect(en("top_up.succeeded", { kind: "pack" }).title).toBe("Credits added");
    expect(en("top_up.succeeded", { kind: "funds" }).title).toBe("Funds added");
    expect(en("invoice.issued", { number: "INV-0042", kind: "invoice" }).title).toBe("Invoice INV-0042");
    expect(en("invoice.issued", { number: "CN-0003", kind: "credit_note" }).title).toBe("Credit note CN-0003");
    for (const [data, title, key] of [
      [{ change: "scheduled" }, "Plan change to Studio Plus scheduled", "subscription.updated:schedule:k"],
      [{ change: "scheduled_change_canceled" }, "Staying on Creator", "subscription.updated:keep:k"],
      [{ change: "cancel_at_period_end" }, "Plan set to end", "subscription.updated:cancel:k"],
      [{ change: "resumed" }, "Plan resumed", "subscription.updated:resume:k"],
      [{ change: "upgrade" }, "Upgraded to Studio", "subscription.updated:upgrade:k"],
      [{ status: "canceled", previous_status: "active" }, "Subscription ended", "subscription.updated:sub_1:canceled"],
      [{ status: "active", plan: "studio", previous_plan_id: "pln_1" }, "Now on Studio", "subscription.updated:sub_1:plan:2026"],
      [{ status: "past_due", previous_status: "active" }, "Subscription past due", "subscription.updated:sub_1:past_due:2026"],
      [{ status: "active", previous_status: "past_due" }, "Subscription active again", "subscription.updated:sub_1:active:2026"],
    ] as const) {
      expect(en("subscription.updated", data, title, key).title).toBe(title);
    }
  });
});

describe("the portal's reader", () => {
  it("sees the banners in German, and in English as recorded", async () => {
    const [credits] = (await withLocale("de-DE", () => banners(C.credits))).banners;
    expect(credits!.title).toBe("Sie haben alle Ihre Tarif-Credits verbraucht");
    expect(credits!.body).toMatch(/^1\.000 Credits von 1\.000 Credits in diesem Zeitraum verbraucht\. Als Nächstes werden gekaufte Credits verbraucht; kaufen Sie ein Paket, um weiterzumachen\.$/);
    const metered = (await withLocale("de-DE", () => banners(C.metered))).banners.map((b) => [b.title, b.body]);
    expect(metered).toContainEqual(["Ausgabenlimit erreicht", expect.stringMatching(/^Der Mehrverbrauch hat Ihr Limit von 5,00\s\$ erreicht: Weitere Aufrufe werden bis zum \d{2}\.\d{2}\.\d{4} abgelehnt, es sei denn, Sie erhöhen das Limit\.$/)]);
    const [low] = (await withLocale("fr-FR", () => banners(C.balance))).banners;
    expect(low!.title).toMatch(/^Solde bas : il reste 10,00\s\$US$/);
    expect(low!.body).toMatch(/^Votre solde est passé sous le seuil d’alerte de 12,50\s\$US que vous avez fixé\. Ajoutez des fonds pour que vos actions continuent\.$/);

    const english = (await banners(C.credits)).banners[0]!;
    const recorded = (await rows(C.credits)).find((n) => n.id === english.id)!;
    expect([english.title, english.body]).toEqual([recorded.title, recorded.body]);
    expect((await withLocale("en-GB", () => banners(C.credits))).banners[0]).toEqual(english);
  });

  it("sees Recent alerts titled in Japanese", async () => {
    const titles = (await withLocale("ja-JP", () => recentAlerts(C.credits))).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(["プランのクレジットをすべて使いました", "プランのクレジットの 80% を使いました", "プランのクレジットの 50% を使いました"]));
    const english = (await recentAlerts(C.credits)).map((a) => a.title);
    expect(english).toEqual(expect.arrayContaining(["You have used all your plan credits", "You have used 80% of your plan credits", "You have used 50% of your plan credits"]));
  });

  it("keeps the recorded English whole when a sentence's figures were not kept (never half translated)", async () => {
    await h.prisma.notification.create({
      data: {
        id: "ntf_capped", customerId: C.credits, type: "auto_top_up.failed", dedupeKey: "auto_top_up.failed:atr_capped:final", createdAt: NOW,
        title: "Automatic top-up paused: monthly cap reached",
        body: "Monthly cap of $50.00 reached: $50.00 charged this month, this top-up is $27.00. Buy more from the portal to keep going.",
        data: { run_id: "atr_capped", status: "capped", payment_id: null },
      },
    });
    const banner = (await withLocale("es-ES", () => banners(C.credits))).banners.find((b) => b.id === "ntf_capped")!;
    expect([banner.title, banner.body]).toEqual(["Automatic top-up paused: monthly cap reached", "Monthly cap of $50.00 reached: $50.00 charged this month, this top-up is $27.00. Buy more from the portal to keep going."]);
    // its title alone can be worded again, as Recent alerts shows it
    expect((await withLocale("es-ES", () => recentAlerts(C.credits))).find((a) => a.id === "ntf_capped")!.title).toBe("Recarga automática en pausa: se alcanzó el límite mensual");
    // an older row that kept no data keeps its recorded words
    expect(noticeWords({ type: "balance.low", dedupeKey: "balance.low:1:2", title: "Low credits: 5 left", body: "…", data: {} }, "de-DE", NO_FACTS)).toEqual({ title: null, body: null });
  });
});
