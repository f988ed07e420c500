import { describe, expect, it } from "vitest";
import { demoPlan, type PlanDef } from "./plans";
import { chargeNow, daysLeft, describeAllowance, describePlanChange, previewPlanChange, PRORATION_RULE, prorationRule } from "./proration";

const M = 1_000_000n;
const creator = demoPlan("credits", "creator");
const apiPro = demoPlan("metered", "api_pro");
const platform = demoPlan("balance", "platform");
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

describe("proration across month ends and leap years", () => {
  const p = (from: PlanDef, to: PlanDef, periodStart: string, periodEnd: string, at: string) =>
    previewPlanChange({ from, to, periodStart: new Date(periodStart), periodEnd: new Date(periodEnd), at: new Date(at) });
  it.each([
    // February of a leap year has 29 days: 14.5 of 29 left is half the period
    ["2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z", "2028-02-15T12:00:00Z", 50n * M, 1_500_000n],
    // the same instant in a common year: 13.5 of 28 days left
    ["2027-02-01T00:00:00Z", "2027-03-01T00:00:00Z", "2027-02-15T12:00:00Z", 48_214_286n, 1_446_000n], // 100 × 13.5/28 = 48.2142857…; 1,446.43 credits → 1,446
    // an anchor on Jan 31: the period runs to Feb 29 (clamped) in a leap year; 1 day of 29 left
    ["2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z", "2028-02-28T00:00:00Z", 3_448_276n, 103_000n], // 100/29 = 3.4482758…; 103.448 credits → 103
    // a 31-day month, upgrading in its last hour: 1/744 of the period
    ["2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-12-31T23:00:00Z", 134_409n, 4_000n], // 100/744 = 0.134408…; 4.03 credits → 4
    // one second in: 2,999.9988 credits → the customer is given 3,000, never "2,999.999 credits"
    ["2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-12-01T00:00:01Z", 99_999_963n, 3_000_000n], // 100 × 2,678,399/2,678,400
    // the first instant of the period: the whole difference
    ["2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-12-01T00:00:00Z", 100n * M, 3_000_000n],
  ])("%s – %s at %s charges %s", (s, e, at, charge, allowance) => {
    expect(p(creator, studio, s, e, at)).toMatchObject({ kind: "now", chargeMicros: charge, extraAllowance: { asset: "CREDIT", amount: allowance } });
  });

  it("counts days left upwards, and none once the period is over", () => {
    expect(daysLeft(new Date("2028-02-28T00:00:00Z"), new Date("2028-02-29T00:00:00Z"))).toBe(1);
    expect(daysLeft(new Date("2028-02-27T23:00:00Z"), new Date("2028-02-29T00:00:00Z"))).toBe(2);
    expect(daysLeft(new Date("2028-02-01T00:00:00Z"), new Date("2028-03-01T00:00:00Z"))).toBe(29);
    expect(daysLeft(new Date("2028-03-01T00:00:00Z"), new Date("2028-03-01T00:00:00Z"))).toBe(0);
  });
});

describe("zero-fee plans and what is charged now", () => {
  const free: PlanDef = { ...creator, code: "free", name: "Free", priceMicros: 0n, allowanceMilli: 100_000n };
  const freeBig: PlanDef = { ...free, code: "free_big", allowanceMilli: 500_000n };
  it("free → paid within the model charges the pro-rated full price", () => {
    expect(previewPlanChange({ from: free, to: creator, periodStart: start, periodEnd: end, at: day(15) })).toMatchObject({
      kind: "now", chargeMicros: 24_500_000n, extraAllowance: { amount: 450_000n },
    });
  });
  it("free → free with more allowance is a same-price change, at period end", () => {
    expect(previewPlanChange({ from: free, to: freeBig, periodStart: start, periodEnd: end, at: day(15) })).toMatchObject({ kind: "period_end", reason: "same_price" });
  });
  it("paid → free is a downgrade at period end", () => {
    expect(previewPlanChange({ from: creator, to: free, periodStart: start, periodEnd: end, at: day(15) })).toMatchObject({ kind: "period_end", reason: "downgrade" });
  });
  it.each([
    // charge micros, tax bps, subtotal, tax, total cents
    [50n * M, 0, 50n * M, 0n, 5_000n],
    [33_333_333n, 825, 33_333_333n, 2_750_000n, 3_608n], // 33.333333 + 2.750000 = 36.083333 → 36.08
    [4_000n, 0, 4_000n, 0n, 0n], // under half a cent: nothing to charge
    [5_000n, 0, 5_000n, 0n, 0n], // exactly half a cent rounds to even (0)
    [15_000n, 0, 15_000n, 0n, 2n], // 1.5 cents → 2
  ])("a difference of %s micros at %s bps charges %s + %s = %s¢", (chargeMicros, bps, subtotal, tax, total) => {
    const preview = { kind: "now" as const, effectiveAt: day(1), chargeMicros, extraAllowance: null, remainingMs: 1, periodMs: 2 };
    expect(chargeNow(preview, bps, "USD")).toEqual({ subtotalMicros: subtotal, taxMicros: tax, totalCents: total });
  });
  it("a scheduled change charges nothing now", () => {
    expect(chargeNow({ kind: "period_end", effectiveAt: end, reason: "downgrade" }, 800, "USD")).toBeNull();
  });
});

describe("what changes, in plain words", () => {
  it("an upgrade now says the credits stay and how many are added", () => {
    const preview = previewPlanChange({ from: creator, to: studio, periodStart: start, periodEnd: end, at: day(15) });
    const lines = describePlanChange({ from: creator, to: studio, preview });
    expect(lines).toContain("Price: $49.00 → $149.00 per month.");
    expect(lines).toContain("Allowance: 1,000 credits each period → 4,000 credits each period.");
    expect(lines).toContain("Your current credits stay, and 1,500 credits more are added now for the rest of this period.");
  });
  it("a move to another model says what happens to purchased credits, and when", () => {
    const preview = previewPlanChange({ from: creator, to: platform, periodStart: start, periodEnd: end, at: day(15) });
    const lines = describePlanChange({ from: creator, to: platform, preview, held: { purchasedCredits: 500_000n } });
    expect(lines).toContain("Kind of plan: Credits (a monthly credit allowance) → Balance (a monthly amount of money to spend).");
    expect(lines).toContain("Until Dec 1, 2026 you keep Creator and everything it includes.");
    expect(lines.join(" ")).toContain("your 500 credits of purchased credits stay in your account until they expire, but Platform does not spend credits.");
    expect(lines).toContain("Build minute: $0.04 per minute.");
  });
  it("a metered upgrade names the extra included calls and the new overage price", () => {
    const cheaperOverage: PlanDef = { ...scale, overagePriceMicros: 8_000n };
    const preview = previewPlanChange({ from: apiPro, to: cheaperOverage, periodStart: start, periodEnd: end, at: day(10) });
    const lines = describePlanChange({ from: apiPro, to: cheaperOverage, preview });
    expect(lines).toContain("Allowance: 10,000 API calls included each period, then $0.01 per extra call → 50,000 API calls included each period, then $0.008 per extra call.");
    expect(lines.join(" ")).toContain("26,667 API calls more are included for the rest of this period");
  });
});

describe("what changes, in the reader's language", () => {
  it("German: one sentence each, amounts and dates the German way, the merchant's names as its catalogue translates them", () => {
    const preview = previewPlanChange({ from: creator, to: platform, periodStart: start, periodEnd: end, at: day(15) });
    expect(describePlanChange({ from: creator, to: platform, preview, held: { purchasedCredits: 500_000n }, locale: "de-DE" })).toEqual([
      "Preis: 49,00\u00a0$ → 50,00\u00a0$ pro Monat.",
      "Art des Tarifs: Credits (ein monatliches Credit-Kontingent) → Guthaben (ein monatlicher Geldbetrag zum Ausgeben).",
      "Kontingent: 1.000 Credits in jedem Zeitraum → 50,00\u00a0$ Guthaben in jedem Zeitraum.",
      "Arbeitsspeicher (GB-Stunde): 0,002\u00a0$ pro GB-Stunde.",
      "Build-Minute: 0,04\u00a0$ pro Minute.",
      "Bis zum 01.12.2026 behalten Sie Creator mit allem, was dazugehört.",
      "Nicht genutzte Tarif-Credits verfallen wie üblich am 01.12.2026; Ihre gekauften Credits (500 Credits) bleiben bis zu ihrem Verfall in Ihrem Konto, aber Platform verbraucht keine Credits.",
    ]);
  });
  it("Spanish upgrade, and the rule in Japanese", () => {
    const preview = previewPlanChange({ from: creator, to: studio, periodStart: start, periodEnd: end, at: day(15) });
    expect(describePlanChange({ from: creator, to: studio, preview, locale: "es-ES" })).toContain("Sus créditos actuales se mantienen, y ahora se añaden 1500 créditos más para el resto de este periodo.");
    expect(describeAllowance(apiPro, "fr-FR")).toBe("10\u202f000 appels d’API inclus à chaque période, puis 0,01\u00a0$US par appel supplémentaire");
    expect(prorationRule("ja-JP")[3]).toBe("解約は今期の終わりに適用されます。それまではすべてをご利用いただけ、以後の請求はありません。その日までなら再開できます。");
  });
  it("English is unchanged", () => {
    expect(PRORATION_RULE).toEqual(prorationRule("en-US"));
    expect(PRORATION_RULE[1]).toBe("If your card is declined, nothing changes. A difference under half a cent is not charged; the upgrade still applies.");
    expect(describeAllowance(platform)).toBe("$50.00 of balance each period");
  });
});
