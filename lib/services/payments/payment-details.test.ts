// A payment's stored details: every kind survives the round trip exactly (bigints included), and
// details that do not parse are refused with the field named — never settled as funds by default.
import { describe, expect, it } from "vitest";
import { say } from "@/lib/i18n/say";
import { detailsToJson, parseDetails, type PaymentDetails } from "./payment-details";
import { PURPOSES } from "./purposes";

const base = { description: "500 credits pack", subtotalMicros: 10_000_000n, taxMicros: 837_500n, taxRateBps: 838, packCode: null, packName: null, creditsMilli: null, expiryMonths: null, automatic: false, invoice: null, planChange: null };
const KINDS: PaymentDetails[] = [
  { ...base, kind: "pack", packCode: "pack_500", packName: "500 credits", creditsMilli: 500_000n, expiryMonths: 12 },
  { ...base, kind: "funds", automatic: true },
  {
    ...base, kind: "invoice",
    invoice: { invoiceId: "inv_1", subscriptionId: "sub_1", feeMicros: 49_000_000n, grantPeriodStart: "2026-12-01T00:00:00.000Z", grantPlanId: "plan_x", overageMicros: 1_234_567n, overageAccountId: "acc_1", attempt: 2 },
  },
  {
    ...base, kind: "plan_change",
    planChange: { fromPlanId: "p1", toPlanId: "p2", fromPlanName: "Creator", toPlanName: "Studio", periodStart: new Date("2026-12-01T00:00:00Z"), periodEnd: new Date("2027-01-01T00:00:00Z"), extra: { asset: "CREDIT", amount: 250_000n } },
  },
];

describe("payment details", () => {
  it.each(KINDS.map((d) => [d.kind, d] as const))("%s: stored and read back exactly", (_kind, d) => {
    const stored = JSON.parse(JSON.stringify(detailsToJson(d)));
    expect(parseDetails(stored)).toEqual(d);
  });

  it("every kind has a purpose (what it credits, how it is reversed, the portal's words)", () => {
    const w = (locale: string) => ({ t: say(locale, "payments"), locale, currency: "EUR", invoiceNumber: "INV-000042" });
    for (const d of KINDS) {
      expect(PURPOSES[d.kind].successText(d, w("en-US"))).toMatch(/^[A-Z0-9€].+\.$/);
      // in the reader's language: a German sentence is not the English one
      expect(PURPOSES[d.kind].successText(d, w("de-DE"))).not.toBe(PURPOSES[d.kind].successText(d, w("en-US")));
    }
    expect(Object.keys(PURPOSES).sort()).toEqual(KINDS.map((d) => d.kind).sort());
  });

  it.each([
    [{ kind: "pack", description: "x", subtotal_micros: "100" }, /pack_code/],
    [{ kind: "pack", pack_code: "p", credits_milli: "1.5" }, /credits_milli/],
    [{ kind: "invoice", subtotal_micros: "100" }, /invoice/],
    [{ kind: "plan_change", plan_change: { from_plan_id: "a", to_plan_id: "b", from_plan_name: "A", to_plan_name: "B", period_start: "soon", period_end: "2027-01-01T00:00:00.000Z" } }, /plan_change\.period_start/],
    [{ kind: "gift_card" }, /kind/],
    [{ kind: "funds", subtotal_micros: 1.5 }, /subtotal_micros/],
  ])("refuses %j naming the field", (json, field) => {
    expect(() => parseDetails(json)).toThrow(field);
  });

  it("a row stored before kinds existed reads as funds, as it always did", () => {
    expect(parseDetails({ description: "Added funds", subtotal_micros: "5000000" })).toMatchObject({ kind: "funds", subtotalMicros: 5_000_000n, automatic: false });
  });
});
