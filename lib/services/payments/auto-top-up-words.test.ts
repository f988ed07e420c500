// The automatic top-up history in the reader's language: each run's sentence is recorded in English
// and worded again from the run and its payment; English readers get the recorded sentence, and one
// whose figures the run does not keep stays as recorded.
import { describe, expect, it } from "vitest";
import { detailsToJson } from "./payment-details";
import { runWords } from "./auto-top-up";

const packPayment = {
  currency: "EUR",
  amountCents: 2_484n,
  failureCode: null,
  details: detailsToJson({ kind: "pack", description: "500 credits (500 credits pack)", subtotalMicros: 230_000_000n, taxMicros: 18_400_000n, taxRateBps: 800, creditsMilli: 500_000n, packCode: "pack_500", packName: "500 credits", expiryMonths: 12, automatic: true }),
};
const declined = { ...packPayment, failureCode: "insufficient_funds" };

describe("an automatic top-up run, as its reader reads it", () => {
  it("English: the sentence as recorded", () => {
    const r = { status: "succeeded", attempts: 1, message: "Bought 500 credits (500 credits pack) for €24.84." };
    expect(runWords(r, packPayment, "en-US")).toBe(r.message);
    expect(runWords(r, packPayment, "en-GB")).toBe(r.message);
  });

  it("German: bought, retrying, given up and turned off, from the run and its payment", () => {
    expect(runWords({ status: "succeeded", attempts: 1, message: "Bought 500 credits (500 credits pack) for €24.84." }, packPayment, "de-DE")).toMatch(/^500 Credits für 24,84\s€ gekauft\.$/);
    expect(runWords({ status: "retrying", attempts: 1, message: "Your card has insufficient funds. Retrying at 14:05 UTC (attempt 2 of 3)." }, declined, "de-DE")).toBe(
      "Ihre Karte ist nicht ausreichend gedeckt. Es wurde nichts abgebucht. Verwenden Sie eine andere Karte oder versuchen Sie einen kleineren Betrag. Neuer Versuch um 14:05 UTC (Versuch 2 von 3).",
    );
    expect(runWords({ status: "failed", attempts: 3, message: "… Gave up after 3 attempts." }, declined, "de-DE")).toMatch(/ Nach 3 Versuchen aufgegeben\.$/);
    expect(runWords({ status: "skipped", attempts: 0, message: "Automatic top-up was turned off." }, undefined, "de-DE")).toBe("Automatisches Aufladen wurde ausgeschaltet.");
  });

  it("Japanese: a top-up the bank wanted confirmed, given up after one attempt", () => {
    expect(runWords({ status: "requires_action", attempts: 1, message: "Your bank asks … Gave up after 1 attempt." }, { ...packPayment, failureCode: null }, "ja-JP")).toMatch(/ 1 回試行して中止しました。$/);
  });

  it("a sentence whose figures are not kept stays as recorded", () => {
    const capped = { status: "capped", attempts: 0, message: "Monthly cap of €50.00 reached: €40.00 charged this month, this top-up is €24.84." };
    expect(runWords(capped, undefined, "de-DE")).toBe(capped.message);
    expect(runWords({ status: "failed", attempts: 0, message: "No default card." }, undefined, "fr-FR")).toBe("No default card.");
  });
});
