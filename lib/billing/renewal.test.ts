import { describe, expect, it } from "vitest";
import { dunningRuleWords, nextDunningStep, periodWords, renewalLines } from "./renewal";

const d = (s: string) => new Date(s);

describe("renewal invoice lines", () => {
  const next = { planName: "API Pro", planCode: "api_pro", model: "metered" as const, priceMicros: 99_000_000n, start: d("2028-02-29T23:30:00Z"), end: d("2028-03-31T23:30:00Z") };
  const overage = { planName: "API Pro", units: 4_000n, meterAsset: "API_CALL", includedUnits: 10_000n, unitPriceMicros: 10_000n, amountMicros: 40_000_000n, start: d("2028-01-31T23:30:00Z"), end: d("2028-02-29T23:30:00Z") };

  it("the next fee, then the closed period's overage in product words", () => {
    expect(renewalLines({ currency: "USD", next, overage }).map((l) => [l.description, l.quantity, l.unitPriceMicros, l.amountMicros, l.refs.line])).toEqual([
      ["API Pro plan, Feb 29, 2028 – Mar 31, 2028", 1n, 99_000_000n, 99_000_000n, "fee"],
      ["4,000 API calls over 10,000 included at $0.01, Jan 31, 2028 – Feb 29, 2028", 4_000n, 10_000n, 40_000_000n, "overage"],
    ]);
  });

  it("dates are UTC whatever the locale (a 23:30 UTC anchor is not the next day in Berlin)", () => {
    expect(periodWords(next.start, next.end, "de-DE")).toBe("29.02.2028 – 31.03.2028");
    expect(renewalLines({ currency: "USD", next, overage: null, locale: "de-DE" })[0]!.description).toBe("Tarif API Pro, 29.02.2028 – 31.03.2028");
  });

  it("no fee when the subscription ends, no line for zero overage, and a Balance fee says it becomes balance", () => {
    expect(renewalLines({ currency: "USD", next: null, overage: { ...overage, amountMicros: 0n, units: 0n } })).toEqual([]);
    expect(renewalLines({ currency: "USD", next: null, overage }).map((l) => l.refs.line)).toEqual(["overage"]);
    const bal = renewalLines({ currency: "USD", next: { ...next, planName: "Platform", planCode: "platform", model: "balance", priceMicros: 50_000_000n }, overage: null });
    expect(bal[0]!.description).toBe("Platform plan, Feb 29, 2028 – Mar 31, 2028, granted as $50.00 of balance when paid");
  });
});

describe("renewal invoice lines in the customer's language", () => {
  const next = { planName: "Platform", planCode: "platform", model: "balance" as const, priceMicros: 75_000_000n, start: d("2026-12-06T00:00:00Z"), end: d("2027-01-06T00:00:00Z") };
  const overage = { planName: "API Pro", units: 4_000n, meterAsset: "API_CALL", includedUnits: 10_000n, unitPriceMicros: 10_000n, amountMicros: 40_000_000n, start: d("2028-01-31T23:30:00Z"), end: d("2028-02-29T23:30:00Z") };
  it("a Japanese Balance fee and a German overage line, issued as their customers read them", () => {
    expect(renewalLines({ currency: "JPY", next, overage: null, locale: "ja-JP" })[0]!.description).toBe("Platform プラン、2026/12/06 – 2027/01/06、支払い時に ￥7,500 を残高として付与");
    expect(renewalLines({ currency: "EUR", next: null, overage, locale: "de-DE" })[0]!.description).toMatch(/^4\.000 API-Aufrufe über die 10\.000 enthaltenen hinaus zu je 0,01\s€, 31\.01\.2028 – 29\.02\.2028$/);
    expect(renewalLines({ currency: "EUR", next: { ...next, model: "credits", planName: "Creator" }, overage: null, locale: "fr-FR" })[0]!.description).toBe("Forfait Creator, 6 déc. 2026 – 6 janv. 2027");
  });
});

describe("dunning schedule", () => {
  const first = d("2028-02-29T23:30:00Z");
  it("retries 1, 3 and 5 days after the first failure, then the final rule", () => {
    expect(nextDunningStep([1, 3, 5], 0, first)).toEqual({ kind: "retry", attempt: 1, at: d("2028-03-01T23:30:00Z") });
    expect(nextDunningStep([1, 3, 5], 1, first)).toEqual({ kind: "retry", attempt: 2, at: d("2028-03-03T23:30:00Z") });
    expect(nextDunningStep([1, 3, 5], 2, first)).toEqual({ kind: "retry", attempt: 3, at: d("2028-03-05T23:30:00Z") });
    expect(nextDunningStep([1, 3, 5], 3, first)).toEqual({ kind: "final" });
    expect(nextDunningStep([], 0, first)).toEqual({ kind: "final" });
    expect(() => nextDunningStep([1], -1, first)).toThrow();
  });

  it("says the plan's rule in plain words", () => {
    expect(dunningRuleWords("suspend", [1, 3, 5])).toBe(
      "A failed renewal payment is retried 3 times, 1, 3, 5 days after the first failure; if it still fails, the subscription is suspended (usage is refused) until the invoice is paid.",
    );
    expect(dunningRuleWords("cancel", [])).toBe("A failed renewal payment is not retried; if it still fails, the subscription is canceled.");
  });
});

describe("the dunning rule in the reader's language", () => {
  it("lists the retry days the reader's way", () => {
    expect(dunningRuleWords("suspend", [1, 3, 5], "de-DE")).toBe(
      "Eine fehlgeschlagene Verlängerungszahlung wird 3 Mal wiederholt, 1, 3 und 5 Tage nach dem ersten Fehlschlag; schlägt sie weiterhin fehl, wird das Abonnement ausgesetzt (Nutzung wird abgelehnt), bis die Rechnung bezahlt ist.",
    );
    expect(dunningRuleWords("cancel", [2], "es-ES")).toBe("Un pago de renovación fallido se reintenta 1 vez, 2 días después del primer fallo; si sigue fallando, la suscripción se cancela.");
    expect(dunningRuleWords("cancel", [1, 3, 5], "ja-JP")).toBe("更新のお支払いに失敗した場合、最初の失敗から 1、3、5 日後に計 3 回再試行します。それでも失敗した場合、ご契約は解約されます。");
    expect(dunningRuleWords("cancel", [1, 3, 5], "en-GB")).toBe("A failed renewal payment is retried 3 times, 1, 3, 5 days after the first failure; if it still fails, the subscription is canceled.");
  });
});
