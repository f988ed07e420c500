import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_PLANS, describeAction, describePolicies, validatePlan, type PlanDef } from "./plans";
import { applyDraws, rateUsage, splitCapture, spendOrder, totalAvailable, type RatingWallet, type Source } from "./rating";

const plan = (code: string) => DEMO_PLANS.find((p) => p.code === code)!;
const AT = new Date("2026-11-10T00:00:00Z");
const src = (accountId: string, kind: Source["kind"], available: bigint, asset: Source["asset"], expiresAt: Date | null = null): Source => ({ accountId, kind, available, asset, expiresAt });

describe("demo plans", () => {
  it("are exactly DESIGN §2's and internally consistent", () => {
    expect(DEMO_PLANS.map((p) => [p.code, p.name, p.model, p.zeroBalancePolicy])).toEqual([
      ["api_pro", "API Pro", "metered", "overage"],
      ["creator", "Creator", "credits", "block"],
      ["platform", "Platform", "balance", "block"],
    ]);
    for (const p of DEMO_PLANS) expect(validatePlan(p)).toEqual([]);
  });

  it("explain actions and policies in plain words", () => {
    const creator = plan("creator");
    expect(describeAction(creator, creator.actions[0]!)).toBe("Image generation — 10 credits per image");
    expect(describeAction(plan("platform"), plan("platform").actions[0]!)).toBe("Memory (GB-hour) — $0.002 per GB-hour");
    expect(describePolicies(plan("api_pro")).join(" ")).toContain("each call costs $0.01, billed at the end of the period");
    expect(describePolicies(creator).join(" ")).toContain("Plan credits are spent first, then purchased credits");
  });

  it("refuses inconsistent plans", () => {
    const bad: PlanDef = { ...plan("creator"), zeroBalancePolicy: "overage", actions: [] };
    expect(validatePlan(bad)).toEqual(expect.arrayContaining([expect.stringContaining("at least one action"), expect.stringContaining("only metered")]));
  });
});

describe("metered rating", () => {
  const wallet = (included: bigint, accrued = 0n, cap: bigint | null = null): RatingWallet => ({
    sources: [src("inc", "included", included, "API_CALL")],
    overage: { accountId: "ovg", accruedMicros: accrued, capMicros: cap },
  });

  it("counts against included units first", () => {
    const r = rateUsage(plan("api_pro"), "api_call", 5n, wallet(100n), AT);
    expect(r).toMatchObject({ ok: true, costAsset: "API_CALL", costAmount: 5n, overageMicros: 0n, draws: [{ accountId: "inc", amount: 5n }] });
  });

  it("accrues the rest as overage at $0.01 per call", () => {
    const r = rateUsage(plan("api_pro"), "api_call", 5n, wallet(2n), AT);
    expect(r).toMatchObject({ ok: true, overageMicros: 30_000n, draws: [{ accountId: "inc", amount: 2n }, { accountId: "ovg", asset: "USD", amount: 30_000n, kind: "overage" }] });
  });

  it("reaching the spending cap acts as block", () => {
    expect(rateUsage(plan("api_pro"), "api_call", 100n, wallet(0n, 0n, 1_000_000n), AT)).toMatchObject({ ok: true, overageMicros: 1_000_000n });
    expect(rateUsage(plan("api_pro"), "api_call", 101n, wallet(0n, 0n, 1_000_000n), AT)).toMatchObject({ ok: false, reason: "spending_cap_reached" });
    expect(rateUsage(plan("api_pro"), "api_call", 1n, wallet(0n, 1_000_000n, 1_000_000n), AT)).toMatchObject({ ok: false, reason: "spending_cap_reached" });
  });

  it("a metered plan with block refuses beyond included", () => {
    const blocking = { ...plan("api_pro"), zeroBalancePolicy: "block" as const };
    expect(rateUsage(blocking, "api_call", 3n, wallet(2n), AT)).toMatchObject({ ok: false, reason: "included_usage_exhausted" });
  });
});

describe("credits rating", () => {
  const soon = new Date("2027-01-01T00:00:00Z");
  const later = new Date("2027-06-01T00:00:00Z");
  const wallet = (planCredits: bigint): RatingWallet => ({
    sources: [src("lotLate", "lot", 50_000n, "CREDIT", later), src("plan", "plan_credits", planCredits, "CREDIT"), src("lotSoon", "lot", 20_000n, "CREDIT", soon)],
    overage: null,
  });

  it("spends plan credits first, then purchased credits by soonest expiry", () => {
    expect(spendOrder(wallet(1n).sources).map((s) => s.accountId)).toEqual(["plan", "lotSoon", "lotLate"]);
    const r = rateUsage(plan("creator"), "agent_run", 2n, wallet(15_000n), AT); // 50 credits
    expect(r).toMatchObject({ ok: true, costAmount: 50_000n, draws: [{ accountId: "plan", amount: 15_000n }, { accountId: "lotSoon", amount: 20_000n }, { accountId: "lotLate", amount: 15_000n }] });
  });

  it("blocks when credits run out, naming cost and what is left", () => {
    const r = rateUsage(plan("creator"), "agent_run", 4n, wallet(15_000n), AT); // 100 credits > 85 available
    expect(r).toEqual({ ok: false, reason: "insufficient_credits", message: "Agent run × 4 costs 100 credits; 85 credits available." });
  });

  it("never spends an expired lot", () => {
    const r = rateUsage(plan("creator"), "image_generation", 3n, wallet(0n), new Date("2027-02-01T00:00:00Z"));
    expect(r).toMatchObject({ ok: true, draws: [{ accountId: "lotLate", amount: 30_000n }] });
    expect(totalAvailable(wallet(0n), new Date("2027-02-01T00:00:00Z"))).toBe(50_000n);
  });

  it("successive events see earlier draws", () => {
    let w = wallet(10_000n);
    const first = rateUsage(plan("creator"), "image_generation", 1n, w, AT);
    if (!first.ok) throw new Error("expected ok");
    w = applyDraws(w, first.draws);
    const second = rateUsage(plan("creator"), "voice_transcription", 1n, w, AT);
    expect(second).toMatchObject({ ok: true, draws: [{ accountId: "lotSoon", amount: 3_000n }] });
  });
});

describe("balance rating", () => {
  const wallet = (micros: bigint): RatingWallet => ({ sources: [src("bal", "balance", micros, "USD")], overage: null });

  it("charges money from the price table exactly", () => {
    expect(rateUsage(plan("platform"), "gb_hour", 7n, wallet(1_000_000n), AT)).toMatchObject({ ok: true, costAsset: "USD", costAmount: 14_000n });
    expect(rateUsage(plan("platform"), "build_minute", 25n, wallet(1_000_000n), AT)).toMatchObject({ ok: true, costAmount: 1_000_000n });
    expect(rateUsage(plan("platform"), "build_minute", 26n, wallet(1_000_000n), AT)).toMatchObject({ ok: false, reason: "insufficient_balance" });
  });
});

describe("bad input", () => {
  it.each([0n, -1n, 10n ** 13n])("refuses quantity %s", (q) => {
    expect(rateUsage(plan("platform"), "gb_hour", q, { sources: [], overage: null }, AT)).toMatchObject({ ok: false, reason: "invalid_quantity" });
  });
  it("refuses an action the plan does not have", () => {
    expect(rateUsage(plan("creator"), "api_call", 1n, { sources: [], overage: null }, AT)).toMatchObject({ ok: false, reason: "unknown_action" });
  });
});

describe("capturing less than was held", () => {
  it("charges the earliest holds first and releases the rest", () => {
    expect(splitCapture([10n, 20n, 5n], 25n)).toEqual([10n, 15n, 0n]);
    expect(splitCapture([10n], 10n)).toEqual([10n]);
    expect(splitCapture([10n, 20n], 0n)).toEqual([0n, 0n]);
  });
});

describe("rating, for any wallet (property)", () => {
  const creditsPlan = plan("creator");
  const lot = fc.record({ available: fc.bigInt({ min: 0n, max: 2_000_000n }), days: fc.option(fc.integer({ min: -5, max: 400 }), { nil: null }) });
  it("takes exactly the cost, never more than a bucket has, plan credits first then lots by soonest expiry", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2_000_000n }), fc.array(lot, { maxLength: 5 }), fc.constantFrom("image_generation", "voice_transcription", "agent_run"), fc.bigInt({ min: 1n, max: 200n }), (planCredits, lots, action, quantity) => {
        const sources: Source[] = [
          src("plan", "plan_credits", planCredits, "CREDIT"),
          ...lots.map((l, i) => src(`lot${i}`, "lot", l.available, "CREDIT", l.days === null ? null : new Date(AT.getTime() + l.days * 86_400_000))),
        ];
        const wallet: RatingWallet = { sources, overage: null };
        const r = rateUsage(creditsPlan, action, quantity, wallet, AT);
        const cost = quantity * creditsPlan.actions.find((a) => a.code === action)!.unitCost;
        const usable = totalAvailable(wallet, AT);
        if (!r.ok) {
          expect(r.reason).toBe("insufficient_credits");
          expect(usable).toBeLessThan(cost);
          return;
        }
        expect(usable).toBeGreaterThanOrEqual(cost);
        expect(r.costAmount).toBe(cost);
        expect(r.draws.reduce((s, d) => s + d.amount, 0n)).toBe(cost);
        const byId = new Map(sources.map((s) => [s.accountId, s]));
        for (const d of r.draws) {
          const s = byId.get(d.accountId)!;
          expect(d.amount).toBeGreaterThan(0n);
          expect(d.amount).toBeLessThanOrEqual(s.available);
          expect(s.expiresAt === null || s.expiresAt.getTime() > AT.getTime()).toBe(true); // never an expired lot
        }
        // every bucket drawn before the last one drawn was emptied: the spend order holds
        const order = spendOrder(sources.filter((s) => s.expiresAt === null || s.expiresAt.getTime() > AT.getTime())).map((s) => s.accountId);
        const drawn = r.draws.map((d) => d.accountId);
        expect(drawn).toEqual(order.filter((id) => drawn.includes(id)));
        for (const d of r.draws.slice(0, -1)) expect(d.amount).toBe(byId.get(d.accountId)!.available);
        expect(applyDraws(wallet, r.draws).sources.every((s) => s.available >= 0n)).toBe(true);
      }),
    );
  });
});
