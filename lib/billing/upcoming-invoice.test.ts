import { describe, expect, it } from "vitest";
import { DEMO_PLANS, type PlanDef } from "./plans";
import { upcomingInvoice, type UpcomingInput } from "./upcoming-invoice";

const M = 1_000_000n;
const DAY = 86_400_000;
const apiPro = DEMO_PLANS.find((p) => p.code === "api_pro")!;
const creator = DEMO_PLANS.find((p) => p.code === "creator")!;
const platform = DEMO_PLANS.find((p) => p.code === "platform")!;
const start = new Date("2026-11-01T00:00:00Z");
const end = new Date("2026-12-01T00:00:00Z");
const nextEnd = new Date("2027-01-01T00:00:00Z");
const at = (d: number) => new Date(start.getTime() + d * DAY);

const base = (plan: PlanDef, over: Partial<UpcomingInput> = {}): UpcomingInput => ({
  now: at(20), periodStart: start, periodEnd: end, nextPeriodEnd: nextEnd, plan, pendingPlan: null, cancelAtPeriodEnd: false, taxRateBps: 0, graceHours: 24, ...over,
});
// 7 days of the window at 1,000 calls a day
const rate = { windowUnits: 7_000n, windowMs: 7 * DAY };

describe("upcoming invoice", () => {
  it.each([
    // plan, tax bps, subtotal, tax, total cents
    [creator, 0, 49n * M, 0n, 4_900n],
    [creator, 825, 49n * M, 4_042_500n, 5_304n], // 49 + 4.0425 = 53.0425 → 53.04
    [platform, 1_000, 50n * M, 5n * M, 5_500n],
  ])("%s: the next fee with tax %s bps", (plan, bps, subtotal, tax, total) => {
    const inv = upcomingInvoice(base(plan, { taxRateBps: bps }));
    expect(inv).toMatchObject({ date: end, subtotalMicros: subtotal, taxMicros: tax, totalCents: total });
    expect(inv.lines).toEqual([{ kind: "fee", description: `${plan.name} — Dec 1, 2026 to Jan 1, 2027`, amountMicros: plan.priceMicros }]);
  });

  it("is dated when the invoice is really issued: the period end, or on Metered plans its close after the grace window", () => {
    expect(upcomingInvoice(base(creator)).date).toEqual(end);
    const metered = upcomingInvoice(base(apiPro, { graceHours: 48 }));
    expect(metered.date).toEqual(new Date("2026-12-03T00:00:00Z"));
    expect(metered.notes).toContain("It is issued on Dec 3, 2026, once usage sent late for this period (up to 48 hours after it ends on Dec 1, 2026) is counted.");
  });

  it("metered: overage so far plus the projection to the period end at the recent rate", () => {
    // 10 days left at 1,000/day = 10,000 calls expected; 2,000 included left → 8,000 projected over
    const inv = upcomingInvoice(base(apiPro, { metered: { includedLeft: 2_000n, overageMicros: 0n, capMicros: null, ...rate } }));
    expect(inv.lines.map((l) => [l.kind, l.units ?? null, l.amountMicros])).toEqual([
      ["fee", null, 99n * M],
      ["overage_projected", 8_000n, 80n * M],
    ]);
    expect(inv.totalCents).toBe(17_900n);
  });

  it("metered: overage already accrued is billed even with no recent usage", () => {
    const inv = upcomingInvoice(base(apiPro, { metered: { includedLeft: 0n, overageMicros: 12_340_000n, capMicros: null, windowUnits: 0n, windowMs: 7 * DAY } }));
    expect(inv.lines.map((l) => [l.kind, l.units ?? null, l.amountMicros])).toEqual([
      ["fee", null, 99n * M],
      ["overage_so_far", 1_234n, 12_340_000n],
    ]);
    expect(inv.totalCents).toBe(11_134n);
  });

  it("metered: the projection never goes past the spending cap", () => {
    const inv = upcomingInvoice(base(apiPro, { metered: { includedLeft: 0n, overageMicros: 15n * M, capMicros: 20n * M, ...rate } }));
    expect(inv.lines.find((l) => l.kind === "overage_projected")).toMatchObject({ units: 500n, amountMicros: 5n * M });
    expect(inv.subtotalMicros).toBe(119n * M);
    expect(inv.notes.join(" ")).toContain("spending cap of $20.00");
  });

  it("metered: usage that stays within the included calls projects no overage", () => {
    const inv = upcomingInvoice(base(apiPro, { metered: { includedLeft: 20_000n, overageMicros: 0n, capMicros: null, ...rate } }));
    expect(inv.lines.map((l) => l.kind)).toEqual(["fee"]);
  });

  it("a scheduled plan change bills the new plan's fee and says so", () => {
    const inv = upcomingInvoice(base(creator, { pendingPlan: platform }));
    expect(inv.lines).toMatchObject([{ kind: "fee", amountMicros: 50n * M, description: "Platform — Dec 1, 2026 to Jan 1, 2027" }]);
    expect(inv.notes).toContain("Your plan changes from Creator to Platform on Dec 1, 2026; the fee shown is Platform's.");
  });

  it("canceled at period end: no fee; a metered plan still bills its overage", () => {
    const credits = upcomingInvoice(base(creator, { cancelAtPeriodEnd: true, taxRateBps: 800 }));
    expect([credits.lines, credits.totalCents]).toEqual([[], 0n]);
    expect(credits.notes[0]).toBe("Your subscription ends on Dec 1, 2026: no renewal fee is billed.");
    const metered = upcomingInvoice(base(apiPro, { cancelAtPeriodEnd: true, metered: { includedLeft: 0n, overageMicros: 3n * M, capMicros: null, windowUnits: 0n, windowMs: DAY } }));
    expect(metered.lines.map((l) => l.kind)).toEqual(["overage_so_far"]);
    expect(metered.totalCents).toBe(300n);
  });

  it("a free plan has no fee line; the period end is the invoice date", () => {
    const free: PlanDef = { ...creator, code: "free", name: "Free", priceMicros: 0n };
    const inv = upcomingInvoice(base(free, { now: at(29) }));
    expect([inv.lines.length, inv.totalCents, inv.date]).toEqual([0, 0n, end]);
  });
});

describe("the upcoming invoice in the reader's language", () => {
  it("German lines and notes: the same figures, each sentence whole", () => {
    const inv = upcomingInvoice(base(creator, { pendingPlan: platform, locale: "de-DE" }));
    expect(inv.lines).toEqual([{ kind: "fee", description: "Platform — 01.12.2026 bis 01.01.2027", amountMicros: platform.priceMicros }]);
    expect(inv.notes).toEqual(["Ihr Tarif wechselt am 01.12.2026 von Creator zu Platform; die angezeigte Gebühr ist die von Platform."]);
    const metered = upcomingInvoice(base(apiPro, { graceHours: 48, locale: "de-DE" }));
    expect(metered.notes).toContain("Die Rechnung wird am 03.12.2026 ausgestellt, sobald verspätet gesendete Nutzung für diesen Zeitraum (bis zu 48 Stunden nach seinem Ende am 01.12.2026) gezählt ist.");
  });
  it("Japanese, on a cancel at period end", () => {
    expect(upcomingInvoice(base(creator, { cancelAtPeriodEnd: true, locale: "ja-JP" })).notes[0]).toBe("ご契約は 2026/12/01 に終了します。更新料金は請求されません。");
  });
});
