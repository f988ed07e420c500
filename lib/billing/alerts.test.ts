import { describe, expect, it } from "vitest";
import { dueAlerts, type AlertState } from "./alerts";

const P = new Date("2026-11-10T00:00:00Z");
const base = (over: Partial<AlertState>): AlertState => ({
  model: "credits",
  currency: "USD",
  periodStart: P,
  periodEnd: new Date("2026-12-10T00:00:00Z"),
  allowance: { asset: "CREDIT", granted: 1_000_000n, used: 0n },
  percents: [50, 80, 100],
  usable: { asset: "CREDIT", available: 1_000_000n, credited: 1_000_000n },
  lowBalanceThreshold: null,
  overage: null,
  ...over,
});
const keys = (s: AlertState) => dueAlerts(s).map((a) => a.dedupeKey);

describe("usage alerts at the chosen percentages", () => {
  it.each([
    [499_999n, []],
    [500_000n, ["usage.threshold:50:2026-11-10T00:00:00.000Z"]],
    [850_000n, ["usage.threshold:50:2026-11-10T00:00:00.000Z", "usage.threshold:80:2026-11-10T00:00:00.000Z"]],
    [1_000_000n, ["usage.threshold:50:2026-11-10T00:00:00.000Z", "usage.threshold:80:2026-11-10T00:00:00.000Z", "usage.threshold:100:2026-11-10T00:00:00.000Z"]],
  ])("%s milli-credits used of 1,000 credits → %j", (used, expected) => {
    expect(keys(base({ allowance: { asset: "CREDIT", granted: 1_000_000n, used } }))).toEqual(expected);
  });

  it("only the percentages the customer chose", () => {
    expect(keys(base({ percents: [90], allowance: { asset: "CREDIT", granted: 1_000_000n, used: 850_000n } }))).toEqual([]);
    expect(keys(base({ percents: [], allowance: { asset: "CREDIT", granted: 1_000_000n, used: 1_000_000n } }))).toEqual([]);
  });

  it("says how much was used, in plain words", () => {
    const [a] = dueAlerts(base({ percents: [80], allowance: { asset: "CREDIT", granted: 1_000_000n, used: 812_500n } }));
    expect(a!.title).toBe("You have used 80% of your plan credits");
    expect(a!.body).toBe("812.5 credits of 1,000 credits used this period. It resets on Dec 10, 2026.");
  });
});

describe("metered: no silent overage", () => {
  const metered = (accrued: bigint, cap: bigint | null) =>
    base({
      model: "metered",
      allowance: { asset: "API_CALL", granted: 10_000n, used: 10_000n + accrued / 10_000n },
      percents: [100],
      usable: null,
      overage: { policy: "overage", unitPriceMicros: 10_000n, accruedMicros: accrued, capMicros: cap },
    });
  it("overage beginning is an alert of its own", () => {
    expect(keys(metered(0n, null))).toEqual(["usage.threshold:100:2026-11-10T00:00:00.000Z"]);
    expect(keys(metered(10_000n, null))).toContain("usage.overage:2026-11-10T00:00:00.000Z");
    expect(dueAlerts(metered(10_000n, null))[0]!.body).toContain("billed as overage ($0.01 each)");
  });
  it("reaching the cap (no further call fits) is an alert, keyed by the cap", () => {
    expect(keys(metered(4_990_000n, 5_000_000n))).not.toContain("usage.cap:5000000:2026-11-10T00:00:00.000Z");
    expect(keys(metered(4_995_000n, 5_000_000n))).toContain("usage.cap:5000000:2026-11-10T00:00:00.000Z");
    expect(keys(metered(5_000_000n, 5_000_000n))).toContain("usage.cap:5000000:2026-11-10T00:00:00.000Z");
  });
});

describe("low balance", () => {
  const balance = (available: bigint, credited: bigint, threshold: bigint | null) =>
    base({ model: "balance", allowance: null, usable: { asset: "USD", available, credited }, lowBalanceThreshold: threshold });
  it("fires below the threshold, once per crossing (a top-up re-arms it)", () => {
    expect(keys(balance(5_000_000n, 50_000_000n, 5_000_000n))).toEqual([]);
    expect(keys(balance(4_999_999n, 50_000_000n, 5_000_000n))).toEqual(["balance.low:5000000:50000000"]);
    expect(keys(balance(1_000_000n, 50_000_000n, 5_000_000n))).toEqual(["balance.low:5000000:50000000"]);
    expect(keys(balance(1_000_000n, 70_000_000n, 5_000_000n))).toEqual(["balance.low:5000000:70000000"]);
    expect(keys(balance(0n, 50_000_000n, null))).toEqual([]);
  });
  it("names the amount left and the action to take", () => {
    const [a] = dueAlerts(balance(4_200_000n, 50_000_000n, 5_000_000n));
    expect(a!.title).toBe("Low balance: $4.20 left");
    expect(a!.body).toBe("Your balance fell below the $5.00 alert you set. Add funds to keep your actions running.");
  });
});
