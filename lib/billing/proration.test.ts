import { describe, expect, it } from "vitest";
import { DEMO_PLANS, type PlanDef } from "./plans";
import { previewPlanChange } from "./proration";

const M = 1_000_000n;
const creator = DEMO_PLANS.find((p) => p.code === "creator")!;
const apiPro = DEMO_PLANS.find((p) => p.code === "api_pro")!;
const platform = DEMO_PLANS.find((p) => p.code === "platform")!;
const studio: PlanDef = { ...creator, code: "studio", name: "Studio", priceMicros: 149n * M, allowanceMilli: 4_000_000n };
const scale: PlanDef = { ...apiPro, code: "api_scale", name: "API Scale", priceMicros: 299n * M, includedUnits: 50_000n };
const platformPlus: PlanDef = { ...platform, code: "platform_plus", priceMicros: 80n * M, grantMicros: 80n * M };

// A 30-day period from Nov 1 to Dec 1 (UTC).
const start = new Date("2026-11-01T00:00:00Z");
const end = new Date("2026-12-01T00:00:00Z");
const day = (n: number) => new Date(start.getTime() + n * 86_400_000);

describe("plan change proration table", () => {
  it.each([
    // from, to, at day, expected charge (micros), expected extra allowance
    [creator, studio, 0, 100n * M, 3_000_000n],
    [creator, studio, 15, 50n * M, 1_500_000n],
    [creator, studio, 20, 33_333_333n, 1_000_000n], // 100 × 10/30 = 33.333333… → half-even to the micro
    [creator, studio, 29, 3_333_333n, 100_000n],
    [apiPro, scale, 10, 133_333_333n, 26_667n], // 200 × 20/30; 40,000 calls × 20/30 = 26,666.67 → 26,667
    [platform, platformPlus, 15, 15n * M, 15n * M],
  ])("%s → %s at day %s", (from, to, at, charge, allowance) => {
    const p = previewPlanChange({ from, to, periodStart: start, periodEnd: end, at: day(at) });
    expect(p).toMatchObject({ kind: "now", chargeMicros: charge, extraAllowance: { amount: allowance } });
  });

  it("half a micro rounds to even", () => {
    // a $0.000003 difference over a period with 1/2 left: 1.5 micros → 2
    const cheap: PlanDef = { ...creator, code: "a", priceMicros: 10n };
    const dear: PlanDef = { ...creator, code: "b", priceMicros: 13n };
    expect(previewPlanChange({ from: cheap, to: dear, periodStart: start, periodEnd: end, at: day(15) })).toMatchObject({ chargeMicros: 2n });
    const dear2: PlanDef = { ...creator, code: "c", priceMicros: 15n }; // 2.5 → 2
    expect(previewPlanChange({ from: cheap, to: dear2, periodStart: start, periodEnd: end, at: day(15) })).toMatchObject({ chargeMicros: 2n });
  });

  it.each([
    [studio, creator, "downgrade"],
    [creator, { ...creator, code: "twin" }, "same_price"],
    [creator, platform, "different_model"],
    [apiPro, creator, "different_model"],
  ] as const)("%s → %s waits for the period end (%s)", (from, to, reason) => {
    expect(previewPlanChange({ from, to, periodStart: start, periodEnd: end, at: day(10) })).toEqual({ kind: "period_end", effectiveAt: end, reason });
  });

  it("refuses a change to the same plan, or after the period is over", () => {
    expect(previewPlanChange({ from: creator, to: creator, periodStart: start, periodEnd: end, at: day(3) })).toEqual({ kind: "refused", reason: "same_plan" });
    expect(previewPlanChange({ from: creator, to: studio, periodStart: start, periodEnd: end, at: end })).toEqual({ kind: "refused", reason: "period_over" });
  });
});
