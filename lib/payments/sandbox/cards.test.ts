import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/messages";
import { say, type Say } from "@/lib/i18n/say";
import { declineMessage } from "../messages";
import { checkSandboxCard, luhnValid, TEST_CARDS, testCard } from "./cards";

const NOW = new Date("2026-11-21T12:00:00Z");

describe("sandbox test cards", () => {
  it("every test card passes the Luhn check, and a typo does not", () => {
    for (const c of TEST_CARDS) expect(luhnValid(c.number)).toBe(true);
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(luhnValid("4242")).toBe(false);
  });

  it("decides outcomes like Stripe's test mode", () => {
    expect(testCard("4242 4242 4242 4242")?.outcome).toEqual({ kind: "succeed" });
    expect(testCard("4000-0000-0000-0002")?.outcome).toMatchObject({ kind: "decline", code: "card_declined" });
    expect(testCard("4000000000009995")?.outcome).toMatchObject({ kind: "decline", code: "insufficient_funds" });
    expect(testCard("4000002500003155")?.outcome).toEqual({ kind: "authenticate" });
  });

  it.each([
    [{ number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123" }, { ok: true }],
    [{ number: "4242424242424241", expMonth: 12, expYear: 2030, cvc: "123" }, { ok: false, field: "number" }],
    [{ number: "4012888888881881", expMonth: 12, expYear: 2030, cvc: "123" }, { ok: false, field: "number", reason: "testOnly" }],
    [{ number: "4242424242424242", expMonth: 13, expYear: 2030, cvc: "123" }, { ok: false, field: "expiry" }],
    [{ number: "4242424242424242", expMonth: 10, expYear: 2026, cvc: "123" }, { ok: false, field: "expiry", reason: "cardExpired" }],
    [{ number: "4242424242424242", expMonth: 11, expYear: 2026, cvc: "123" }, { ok: true }],
    [{ number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "12" }, { ok: false, field: "cvc" }],
  ])("checks what was typed: %o", (input, expected) => {
    expect(checkSandboxCard(input, NOW)).toMatchObject(expected);
  });

  it("says in plain words what each decline means, and that nothing was charged", () => {
    for (const code of ["card_declined", "insufficient_funds", "expired_card", "authentication_required", "payment_intent_authentication_failure", "some_new_code", null]) {
      expect(declineMessage(code, "en-US")).toMatch(/Nothing was charged|Nothing is charged/);
    }
    expect(declineMessage("insufficient_funds", "en-US")).toBe("Your card has insufficient funds. Nothing was charged. Use another card or try a smaller amount.");
  });

  it("says it in the customer's language", () => {
    expect(declineMessage("insufficient_funds", "de-DE")).toBe("Ihre Karte ist nicht ausreichend gedeckt. Es wurde nichts abgebucht. Verwenden Sie eine andere Karte oder versuchen Sie einen kleineren Betrag.");
    expect(declineMessage("authentication_required", "ja-JP")).toBe("カード会社がこのお支払いの確認を求めています。請求は発生していません。認証するには、ポータルから購入してください。");
    expect(declineMessage("some_new_code", "de-DE")).toBe("Die Zahlung ist nicht durchgegangen. Es wurde nichts abgebucht. Versuchen Sie es erneut oder verwenden Sie eine andere Karte.");
  });

  it("the form's table and the card checks read in the customer's language (English as before)", () => {
    const label = (locale: string) => TEST_CARDS.map((c) => (translator(locale, "payments") as unknown as Say)(`cards.testCard.${c.label}`));
    expect(label("en-US")).toEqual(["Succeeds", "Succeeds", "Declined (card_declined)", "Insufficient funds", "Requires 3-D Secure authentication", "Expired card", "Processing error"]);
    expect(label("de-DE")).toEqual(["Zahlung gelingt", "Zahlung gelingt", "Abgelehnt (card_declined)", "Nicht genug Guthaben", "Verlangt eine Bestätigung mit 3-D Secure", "Abgelaufene Karte", "Fehler bei der Verarbeitung"]);
    expect(label("ja-JP")[4]).toBe("3-D セキュアでの本人確認が必要");
    const check = checkSandboxCard({ number: "4012888888881881", expMonth: 12, expYear: 2030, cvc: "123" }, NOW);
    const reason = check.ok ? "" : check.reason;
    expect(say("en-US", "actions")(`card.${reason}`)).toBe("The sandbox accepts test cards only (for example 4242 4242 4242 4242).");
    expect(say("de-DE", "actions")(`card.${reason}`)).toBe("Die Sandbox nimmt nur Testkarten an (zum Beispiel 4242 4242 4242 4242).");
    expect(say("ja-JP", "actions")("card.cardExpired")).toBe("そのカードは有効期限が切れています。");
  });
});
