// The Plan page's services on PGlite with the sandbox provider: previews, an upgrade charged and
// applied at once (or not at all when declined), scheduled changes and their undo, cancel and
// resume — each notifying `subscription.updated` once.
import { describe, expect, it } from "vitest";
import { periodAccountId } from "@/lib/billing/accounts";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { withLocale } from "@/lib/i18n/locale-scope";
import { CARDS, formKey, freshCustomer, saveDefaultCard, withPaymentsDemo } from "@/test/support/payments";
import { addUpgradePlans } from "@/test/support/plans";
import { checkLedger } from "../ledger/ledger-check";
import { applyChange, cancelAtPeriodEnd, keepCurrentPlan, previewChange, resumeSubscription } from "./plan-portal";
import { getPlanPage } from "./plan-page";
import { rollSubscription } from "./subscriptions";
import { getWallet } from "../usage/wallet";

const DAY = 86_400_000;
let h: DbHandle;
withPaymentsDemo((db) => (h = db), addUpgradePlans);

const sub = (c: string) => h.prisma.subscription.findUniqueOrThrow({ where: { customerId: c }, include: { plan: true, pendingPlan: true } });
const updates = (c: string) => h.prisma.notification.findMany({ where: { customerId: c, type: "subscription.updated" }, orderBy: { createdAt: "asc" } });
/** A fresh customer and the instant halfway through its first period. */
async function midPeriod(plan: "creator" | "api_pro" | "platform") {
  const c = await freshCustomer(plan);
  const s = await sub(c);
  return { c, s, at: new Date(s.currentPeriodStart.getTime() + (s.currentPeriodEnd.getTime() - s.currentPeriodStart.getTime()) / 2) };
}
const clean = async () => expect((await checkLedger(h.prisma)).violations).toEqual([]);

describe("the plan page", () => {
  it("lists the merchant's plans in plain words, the current one marked", async () => {
    const { c } = await midPeriod("creator");
    const page = await getPlanPage(c);
    expect(page.plans.map((p) => [p.code, p.current])).toEqual(expect.arrayContaining([["creator", true], ["studio", false], ["platform", false]]));
    expect(page.plans.find((p) => p.code === "studio")).toMatchObject({ priceText: "$149.00 per month", allowanceText: "4,000 credits each period", modelLabel: "Credits" });
    expect(page.current).toMatchObject({ name: "Creator", cancelAtPeriodEnd: false, pendingPlan: null });
    expect(page.rule.join(" ")).toContain("time left");
  });

  it("previews an upgrade with what it costs now (pro-rated, 8 % tax) and a model change with nothing now", async () => {
    const { c, at } = await midPeriod("creator");
    const up = await previewChange(c, "studio", at);
    expect(up).toMatchObject({ ok: true, preview: { kind: "now", now: { subtotalText: "$50.00", taxText: "$4.00", totalText: "$54.00", totalCents: "5400" } } });
    if (!up.ok) throw new Error();
    expect(up.preview.changes).toContain("Your current credits stay, and 1,500 credits more are added now for the rest of this period.");
    expect(up.preview.nextRenewalText).toMatch(/^From .+: \$149\.00 per month, plus tax\.$/);
    const across = await previewChange(c, "platform", at);
    expect(across).toMatchObject({ ok: true, preview: { kind: "period_end", now: null } });
    expect(await previewChange(c, "creator", at)).toMatchObject({ ok: false, code: "same_plan" });
    expect(await previewChange(c, "nope", at)).toMatchObject({ ok: false, code: "unknown_plan" });
  });
});

describe("behind on payment", () => {
  it("a past-due account cannot upgrade now (it would charge the card again) but may schedule a change; the page states the dunning rule", async () => {
    const { c, s, at } = await midPeriod("creator");
    await h.prisma.subscription.update({ where: { id: s.id }, data: { status: "past_due", pastDueSince: at } });
    const payments = await h.prisma.payment.count({ where: { customerId: c } });
    expect(await previewChange(c, "studio", at)).toMatchObject({ ok: false, code: "payment_overdue", message: "Your last invoice is unpaid. Pay it from Invoices first; then you can upgrade." });
    expect(await applyChange({ customerId: c, planCode: "studio", formKey: formKey(), expectedTotalCents: 5400n }, at)).toMatchObject({ ok: false, code: "payment_overdue" });
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(payments);
    expect((await sub(c)).plan.code).toBe("creator");
    expect(await previewChange(c, "platform", at)).toMatchObject({ ok: true, preview: { kind: "period_end" } });
    expect((await getPlanPage(c, at)).dunningText).toMatch(/^A failed renewal payment is retried 3 times, 1, 3, 5 days after the first failure; if it still fails, the subscription is (suspended|canceled)/);
  });
});

describe("upgrading now", () => {
  it("charges the pro-rated difference, issues a paid subscription invoice and applies the plan with its extra credits", async () => {
    const { c, s, at } = await midPeriod("creator");
    const key = formKey();
    const r = await applyChange({ customerId: c, planCode: "studio", formKey: key, expectedTotalCents: 5400n }, at);
    expect(r).toMatchObject({ ok: true, result: "upgraded", payment: { status: "succeeded", totalText: "$54.00" } });
    const after = await sub(c);
    expect([after.plan.code, after.pendingPlanId]).toEqual(["studio", null]);
    const period = await h.prisma.billingPeriod.findFirstOrThrow({ where: { subscriptionId: s.id, periodStart: s.currentPeriodStart } });
    const studioId = after.planId;
    expect(period.planId).toBe(studioId);
    const credits = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: periodAccountId(c, "plan_credits", s.currentPeriodStart) } });
    expect(credits.postedCredits).toBe(2_500_000n); // 1,000 granted + 1,500 for the half period left
    const invoices = await h.prisma.invoice.findMany({ where: { customerId: c }, include: { lines: true } });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ kind: "subscription", status: "paid", totalCents: 5400n, subtotalMicros: 50_000_000n, taxMicros: 4_000_000n });
    expect(invoices[0]!.lines[0]!.description).toMatch(/^Upgrade from Creator to Studio, pro-rated for the rest of the period to .+, 1,500 credits added$/);
    expect((await updates(c)).map((n) => n.title)).toEqual(["Upgraded to Studio"]);
    // the same form again: nothing more is charged
    const again = await applyChange({ customerId: c, planCode: "studio", formKey: key, expectedTotalCents: 5400n }, at);
    expect(again).toMatchObject({ ok: true });
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(1);
    // the same form key sent for another plan is refused, not taken as that payment
    expect(await applyChange({ customerId: c, planCode: "platform", formKey: key }, at)).toMatchObject({ ok: false, code: "invalid_request" });
    await clean();
  });

  it("a metered upgrade includes more calls at once", async () => {
    const { c, at } = await midPeriod("api_pro");
    const before = (await getWallet(c, { now: at }))!.included!.left;
    const r = await applyChange({ customerId: c, planCode: "api_scale", formKey: formKey() }, at);
    expect(r).toMatchObject({ ok: true, result: "upgraded" });
    const w = (await getWallet(c, { now: at }))!;
    expect(w.plan!.code).toBe("api_scale");
    expect(w.included!.left - before).toBe(20_000n); // 40,000 more calls × half the period
    await clean();
  });

  it("a declined card changes nothing", async () => {
    const { c, at } = await midPeriod("creator");
    await saveDefaultCard(c, CARDS.declined);
    const r = await applyChange({ customerId: c, planCode: "studio", formKey: formKey() }, at);
    expect(r).toMatchObject({ ok: false, code: "card_declined" });
    if (r.ok) throw new Error();
    expect(r.message).toMatch(/declined.*Your plan has not changed\.$/);
    expect((await sub(c)).plan.code).toBe("creator");
    expect(await h.prisma.invoice.count({ where: { customerId: c } })).toBe(0);
    expect(await updates(c)).toEqual([]);
    await clean();
  });

  it("a price that moved since the preview is refused before any charge", async () => {
    const { c, at } = await midPeriod("creator");
    const r = await applyChange({ customerId: c, planCode: "studio", formKey: formKey(), expectedTotalCents: 9999n }, at);
    expect(r).toMatchObject({ ok: false, code: "price_changed" });
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(0);
  });

  it("under a cent left to pay: applies at once and charges nothing", async () => {
    const { c, s } = await midPeriod("creator");
    const lastSecond = new Date(s.currentPeriodEnd.getTime() - 1_000);
    const r = await applyChange({ customerId: c, planCode: "studio", formKey: formKey() }, lastSecond);
    expect(r).toMatchObject({ ok: true, result: "upgraded", payment: null });
    expect((await sub(c)).plan.code).toBe("studio");
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(0);
    await clean();
  });
});

describe("scheduled changes", () => {
  it("a change of model waits for the period end, can be undone, and the next period opens on it", async () => {
    const { c, s, at } = await midPeriod("creator");
    const r = await applyChange({ customerId: c, planCode: "platform", formKey: formKey() }, at);
    expect(r).toMatchObject({ ok: true, result: "scheduled" });
    expect((await sub(c)).pendingPlan?.code).toBe("platform");
    expect((await sub(c)).plan.code).toBe("creator");
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(0);
    expect((await getPlanPage(c, at)).current?.pendingPlan).toEqual({ code: "platform", name: "Platform" });
    // undo
    expect(await keepCurrentPlan(c, formKey(), at)).toMatchObject({ ok: true, result: "scheduled" });
    expect((await sub(c)).pendingPlanId).toBeNull();
    expect((await updates(c)).map((n) => n.title)).toEqual(["Plan change to Platform scheduled", "Staying on Creator"]);
    // schedule again and let the period end
    await applyChange({ customerId: c, planCode: "platform", formKey: formKey() }, at);
    await transaction((tx) => rollSubscription(tx, s.id, new Date(s.currentPeriodEnd.getTime() + 1_000)));
    expect((await sub(c)).plan.code).toBe("platform");
  });

  it("a downgrade is scheduled, never charged or refunded now", async () => {
    const { c, at } = await midPeriod("creator");
    await applyChange({ customerId: c, planCode: "studio", formKey: formKey() }, at);
    const r = await applyChange({ customerId: c, planCode: "creator", formKey: formKey() }, new Date(at.getTime() + DAY));
    expect(r).toMatchObject({ ok: true, result: "scheduled" });
    const s = await sub(c);
    expect([s.plan.code, s.pendingPlan?.code]).toEqual(["studio", "creator"]);
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(1);
  });
});

describe("cancel and resume", () => {
  it("cancels at the period end (once), blocks plan changes until resumed, and resumes", async () => {
    const { c, s, at } = await midPeriod("platform");
    await applyChange({ customerId: c, planCode: "creator", formKey: formKey() }, at);
    const key = formKey();
    const r = await cancelAtPeriodEnd(c, key, at);
    expect(r).toMatchObject({ ok: true, changed: true });
    if (!r.ok) throw new Error();
    expect(r.message).toMatch(/^Your Platform plan ends on .+\. Until then you keep your balance, to spend as now; you will not be billed again\./);
    expect(await cancelAtPeriodEnd(c, key, at)).toMatchObject({ ok: true, changed: false });
    const canceled = await sub(c);
    expect([canceled.cancelAtPeriodEnd, canceled.pendingPlanId, canceled.status]).toEqual([true, null, "active"]);
    expect(await previewChange(c, "platform_plus", at)).toMatchObject({ ok: false, code: "cancel_scheduled" });
    expect(await resumeSubscription(c, formKey(), at)).toMatchObject({ ok: true, changed: true });
    expect(await resumeSubscription(c, formKey(), at)).toMatchObject({ ok: true, changed: false });
    expect((await sub(c)).cancelAtPeriodEnd).toBe(false);
    expect((await updates(c)).map((n) => n.title)).toEqual(["Plan change to Creator scheduled", "Plan set to end", "Plan resumed"]);
    // once the period has ended on a cancel, it cannot be resumed
    await cancelAtPeriodEnd(c, formKey(), at);
    await transaction((tx) => rollSubscription(tx, s.id, new Date(s.currentPeriodEnd.getTime() + 1_000)));
    expect((await sub(c)).status).toBe("canceled");
    expect(await resumeSubscription(c, formKey(), new Date(s.currentPeriodEnd.getTime() + 2_000))).toMatchObject({ ok: false, code: "subscription_canceled" });
  });
});

describe("in the portal's language", () => {
  it("previews, cancels and keeps in German and Japanese; the notification stays English (the merchant's webhook)", async () => {
    const { c, at } = await midPeriod("creator");
    const de = <T>(fn: () => Promise<T>) => withLocale("de-DE", fn);
    const up = await de(() => previewChange(c, "studio", at));
    if (!up.ok) throw new Error(up.message);
    expect(up.preview.effectiveText).toBe("Gilt ab sofort");
    expect(up.preview.nextRenewalText).toMatch(/^Ab \d{2}\.\d{2}\.\d{4}: 149,00\s\$ pro Monat, zzgl\. Steuer\.$/);
    expect(await de(() => previewChange(c, "creator", at))).toMatchObject({ ok: false, message: "Sie haben bereits den Tarif Creator." });
    expect(await de(() => applyChange({ customerId: c, planCode: "studio", formKey: "short" }, at))).toMatchObject({ ok: false, message: "Dieses Formular ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es noch einmal." });

    // a change of model waits for the period end; keeping the current plan drops it, said in Japanese
    expect(await withLocale("ja-JP", () => applyChange({ customerId: c, planCode: "platform", formKey: formKey() }, at))).toMatchObject({ ok: true, result: "scheduled", message: expect.stringMatching(/^Platform は .+ に始まります。それまでは Creator のままです。$/) });
    expect(await withLocale("ja-JP", () => keepCurrentPlan(c, formKey(), at))).toMatchObject({ ok: true, message: "Creator プランのままです。Platform への変更は取り消されました。" });

    const r = await de(() => cancelAtPeriodEnd(c, formKey(), at));
    expect(r).toMatchObject({ ok: true, changed: true });
    expect(r.ok && r.message).toMatch(/^Ihr Tarif Creator endet am .+\. Bis dahin behalten Sie Ihre Tarif-Credits und gekauften Credits und nutzen sie wie bisher; Ihnen wird nichts mehr berechnet\./);
    const ended = (await updates(c)).find((n) => n.title === "Plan set to end")!;
    expect(ended.body).toMatch(/^Your Creator plan ends on [A-Z][a-z]{2} \d{1,2}, \d{4}\. Until then you keep your plan credits and purchased credits, to use as now; you will not be billed again\. You can resume before [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/);
    expect(await de(() => resumeSubscription(c, formKey(), at))).toMatchObject({ ok: true, changed: true, message: expect.stringMatching(/^Ihr Tarif Creator läuft weiter: Er verlängert sich am .+\.$/) });
    expect((await updates(c)).find((n) => n.title === "Plan resumed")!.body).toMatch(/^Your Creator plan continues: it renews on [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/);
  });
});
