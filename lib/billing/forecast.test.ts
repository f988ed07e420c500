import { describe, expect, it } from "vitest";
import { describeForecast, forecast, forecastWindow, suggestionLink, SUGGESTION_LINKS, type ForecastInput } from "./forecast";

const d = (s: string) => new Date(s);
const NOW = d("2026-11-20T12:00:00Z"); // noon: the window is 7 full days + half of today = 7.5 days
const LONG_AGO = d("2026-01-01T00:00:00Z");

/** `perDay` cost on each of the 7 days before today, and half of it today (so the rate is exact). */
function steady(perDay: bigint, now = NOW) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Array.from({ length: 7 }, (_, i) => ({ day: new Date(today - (7 - i) * 86_400_000), cost: perDay }));
  return [...days, { day: new Date(today), cost: perDay / 2n }];
}

const base = (over: Partial<ForecastInput>): ForecastInput => ({
  model: "credits",
  asset: "CREDIT",
  now: NOW,
  periodEnd: d("2026-12-10T00:00:00Z"),
  since: LONG_AGO,
  daily: steady(100_000n), // 100 credits a day
  remaining: 1_000_000n,
  overage: null,
  ...over,
});

describe("the last-7-days window", () => {
  it.each([
    ["a long-standing customer: 7 full days + today so far", LONG_AGO, "2026-11-13T00:00:00.000Z", 7.5],
    ["a customer who started 2 days ago: only their days", d("2026-11-18T12:00:00Z"), "2026-11-18T12:00:00.000Z", 2],
    ["a customer who started an hour ago: at least one day", d("2026-11-20T11:00:00Z"), "2026-11-20T11:00:00.000Z", 1],
  ])("%s", (_, since, start, days) => {
    const w = forecastWindow(NOW, since);
    expect(w.start.toISOString()).toBe(start);
    expect(w.ms).toBe(days * 86_400_000);
  });
});

describe("forecast, table-driven", () => {
  const cases: [string, Partial<ForecastInput>, { runsOutAt: string | null; withinPeriod: boolean; suggestion: string; capReachedAt?: string | null }][] = [
    // 1,000 credits at 100 a day → 10 days → Nov 30, before the Dec 10 renewal
    ["credits running out inside the period suggest a pack", {}, { runsOutAt: "2026-11-30T12:00:00.000Z", withinPeriod: true, suggestion: "buy_pack" }],
    ["credits that last past the renewal suggest nothing", { remaining: 3_000_000n }, { runsOutAt: "2026-12-20T12:00:00.000Z", withinPeriod: false, suggestion: "none" }],
    ["no usage in the window: never runs out", { daily: [] }, { runsOutAt: null, withinPeriod: false, suggestion: "none" }],
    ["usage older than the window does not count", { daily: [{ day: d("2026-11-01T00:00:00Z"), cost: 10_000_000n }] }, { runsOutAt: null, withinPeriod: false, suggestion: "none" }],
    ["nothing left: already out, suggest a pack", { remaining: 0n }, { runsOutAt: "2026-11-20T12:00:00.000Z", withinPeriod: true, suggestion: "buy_pack" }],
    [
      "balance: $20 at $4 a day → 5 days, suggest adding funds",
      { model: "balance", asset: "USD", remaining: 20_000_000n, daily: steady(4_000_000n) },
      { runsOutAt: "2026-11-25T12:00:00.000Z", withinPeriod: true, suggestion: "add_funds" },
    ],
    [
      "metered without overage: included calls run out → upgrade",
      { model: "metered", asset: "API_CALL", remaining: 2_000n, daily: steady(400n), overage: { policy: "block", unitPriceMicros: 0n, accruedMicros: 0n, capMicros: null } },
      { runsOutAt: "2026-11-25T12:00:00.000Z", withinPeriod: true, suggestion: "upgrade", capReachedAt: null },
    ],
    [
      "metered with overage and no cap → suggest a cap (no silent overage)",
      { model: "metered", asset: "API_CALL", remaining: 2_000n, daily: steady(400n), overage: { policy: "overage", unitPriceMicros: 10_000n, accruedMicros: 0n, capMicros: null } },
      { runsOutAt: "2026-11-25T12:00:00.000Z", withinPeriod: true, suggestion: "set_cap", capReachedAt: null },
    ],
    [
      // included gone on Nov 25; 400 calls/day × $0.01 = $4/day; $8 of cap left → 2 more days
      "metered with a cap reached inside the period → raise the cap",
      { model: "metered", asset: "API_CALL", remaining: 2_000n, daily: steady(400n), overage: { policy: "overage", unitPriceMicros: 10_000n, accruedMicros: 2_000_000n, capMicros: 10_000_000n } },
      { runsOutAt: "2026-11-25T12:00:00.000Z", withinPeriod: true, suggestion: "raise_cap", capReachedAt: "2026-11-27T12:00:00.000Z" },
    ],
    [
      "metered already in overage: the cap is counted from now",
      { model: "metered", asset: "API_CALL", remaining: 0n, daily: steady(400n), overage: { policy: "overage", unitPriceMicros: 10_000n, accruedMicros: 0n, capMicros: 4_000_000n } },
      { runsOutAt: "2026-11-20T12:00:00.000Z", withinPeriod: true, suggestion: "raise_cap", capReachedAt: "2026-11-21T12:00:00.000Z" },
    ],
    [
      "metered with a generous cap reached only after the renewal → upgrade",
      { model: "metered", asset: "API_CALL", remaining: 2_000n, daily: steady(400n), overage: { policy: "overage", unitPriceMicros: 10_000n, accruedMicros: 0n, capMicros: 1_000_000_000n } },
      { runsOutAt: "2026-11-25T12:00:00.000Z", withinPeriod: true, suggestion: "upgrade", capReachedAt: "2027-08-02T12:00:00.000Z" },
    ],
  ];
  it.each(cases)("%s", (_, over, expected) => {
    const f = forecast(base(over));
    expect(f.runsOutAt?.toISOString() ?? null).toBe(expected.runsOutAt);
    expect(f.withinPeriod).toBe(expected.withinPeriod);
    expect(f.suggestion).toBe(expected.suggestion);
    if ("capReachedAt" in expected) expect(f.capReachedAt?.toISOString() ?? null).toBe(expected.capReachedAt);
  });

  it("keeps sub-unit rates exact (bigint), never floats", () => {
    // 1 milli-credit over 7.5 days; 3 milli-credits left → 22.5 days
    const f = forecast(base({ daily: [{ day: d("2026-11-15T00:00:00Z"), cost: 1n }], remaining: 3n }));
    expect(f.runsOutAt?.toISOString()).toBe("2026-12-13T00:00:00.000Z");
    expect(f.perDay).toBe(0n);
  });
});

describe("the forecast in plain words", () => {
  it.each([
    [{}, "At your last-7-days rate (about 100 credits a day), your credits run out on Nov 30, 2026."],
    [{ remaining: 3_000_000n }, "At your last-7-days rate (about 100 credits a day), your credits last beyond the end of this period."],
    [{ daily: [] }, "No usage in the last 7 days, so nothing runs out at this rate."],
    [{ remaining: 0n }, "You have no credits left: actions are refused until you buy a pack."],
    [
      { model: "balance" as const, asset: "USD" as const, remaining: 20_000_000n, daily: steady(4_000_000n) },
      "At your last-7-days rate (about $4.00 a day), your balance runs out on Nov 25, 2026.",
    ],
    [
      { model: "metered" as const, asset: "API_CALL" as const, remaining: 2_000n, daily: steady(400n), overage: { policy: "overage" as const, unitPriceMicros: 10_000n, accruedMicros: 2_000_000n, capMicros: 10_000_000n } },
      "At your last-7-days rate (about 400 API calls a day), your included API calls run out on Nov 25, 2026. After that, each call is billed as overage, until your spending cap is reached on Nov 27, 2026.",
    ],
  ])("%#", (over, text) => {
    const input = base(over);
    expect(describeForecast(forecast(input), input)).toBe(text);
  });
});

describe("the forecast in the reader's language", () => {
  const metered = base({ model: "metered", asset: "API_CALL", remaining: 2_000n, daily: steady(400n), overage: { policy: "overage", unitPriceMicros: 10_000n, accruedMicros: 2_000_000n, capMicros: 10_000_000n } });
  it("German: the same runway, its dates and amounts written the German way", () => {
    expect(describeForecast(forecast(metered), metered, "de-DE")).toBe(
      "Bei Ihrem Verbrauch der letzten 7 Tage (etwa 400 API-Aufrufe pro Tag) sind Ihre enthaltenen API-Aufrufe am 25.11.2026 aufgebraucht. Danach wird jeder Aufruf als Mehrverbrauch abgerechnet, bis am 27.11.2026 Ihr Ausgabenlimit erreicht ist.",
    );
    const balance = base({ model: "balance", asset: "USD", remaining: 0n, daily: steady(4_000_000n) });
    expect(describeForecast(forecast(balance), balance, "de-DE")).toBe("Ihr Guthaben ist aufgebraucht: Aktionen werden abgelehnt, bis Sie Guthaben aufladen.");
  });
  it("Japanese, and the suggestion's link", () => {
    const credits = base({});
    expect(describeForecast(forecast(credits), credits, "ja-JP")).toBe("直近 7 日間のペース（1 日あたり約 100 クレジット）では、クレジットは 2026/11/30 に使い切ります。");
    expect(describeForecast(forecast(base({ daily: [] })), base({ daily: [] }), "ja-JP")).toBe("直近 7 日間の利用がないため、このペースで使い切るものはありません。");
    expect(suggestionLink("buy_pack", "ja-JP")).toEqual({ label: "クレジットパックを購入する", href: "/credits" });
  });
  it("English stays English for English locales and without one", () => {
    expect(describeForecast(forecast(metered), metered, "en-GB")).toContain("your included API calls run out on 25 Nov 2026. After that, each call is billed as overage");
    expect(SUGGESTION_LINKS.raise_cap).toEqual({ label: "Raise your spending cap", href: "/settings#spending-cap" });
  });
});
