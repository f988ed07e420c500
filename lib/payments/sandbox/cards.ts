// The sandbox's test cards: the numbers of Stripe's test mode, with the same outcomes. Saving a
// card always works; charging it decides by its number. Pure (the portal lists them).

type TestCardOutcome =
  | { kind: "succeed" }
  | { kind: "decline"; code: string; message: string }
  | { kind: "authenticate" };

/** The card's line in the form's table: messages payments.cards.testCard.<label>. */
type TestCardLabel = "succeeds" | "declined" | "insufficientFunds" | "authenticate" | "expired" | "processingError";

type TestCard = { number: string; brand: string; label: TestCardLabel; outcome: TestCardOutcome };

export const TEST_CARDS: TestCard[] = [
  { number: "4242424242424242", brand: "visa", label: "succeeds", outcome: { kind: "succeed" } },
  { number: "5555555555554444", brand: "mastercard", label: "succeeds", outcome: { kind: "succeed" } },
  { number: "4000000000000002", brand: "visa", label: "declined", outcome: { kind: "decline", code: "card_declined", message: "Your card was declined." } },
  { number: "4000000000009995", brand: "visa", label: "insufficientFunds", outcome: { kind: "decline", code: "insufficient_funds", message: "Your card has insufficient funds." } },
  { number: "4000002500003155", brand: "visa", label: "authenticate", outcome: { kind: "authenticate" } },
  { number: "4000000000000069", brand: "visa", label: "expired", outcome: { kind: "decline", code: "expired_card", message: "Your card has expired." } },
  { number: "4000000000000119", brand: "visa", label: "processingError", outcome: { kind: "decline", code: "processing_error", message: "An error occurred while processing your card." } },
];

function normalizeCardNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** The Luhn check every real card number passes. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function testCard(number: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.number === normalizeCardNumber(number));
}

// What is wrong, as a key of the `actions` messages (card.<reason>): the gateway words it in the
// reader's language (this file is also the browser's, so it has no messages of its own).
type CardCheck =
  | { ok: true; card: TestCard }
  | { ok: false; field: "number" | "expiry" | "cvc"; reason: "numberInvalid" | "testOnly" | "expiryMonth" | "cardExpired" | "expiryTooFar" | "securityCode" };

/** Validate what a customer typed into the sandbox's card form. */
export function checkSandboxCard(input: { number: string; expMonth: number; expYear: number; cvc: string }, now: Date): CardCheck {
  const digits = normalizeCardNumber(input.number);
  if (!luhnValid(digits)) return { ok: false, field: "number", reason: "numberInvalid" };
  const card = testCard(digits);
  if (!card) return { ok: false, field: "number", reason: "testOnly" };
  if (!Number.isInteger(input.expMonth) || input.expMonth < 1 || input.expMonth > 12) return { ok: false, field: "expiry", reason: "expiryMonth" };
  const endOfMonth = Date.UTC(input.expYear, input.expMonth, 1);
  if (!Number.isInteger(input.expYear) || endOfMonth <= now.getTime()) return { ok: false, field: "expiry", reason: "cardExpired" };
  if (input.expYear > now.getUTCFullYear() + 20) return { ok: false, field: "expiry", reason: "expiryTooFar" };
  if (!/^\d{3,4}$/.test(input.cvc)) return { ok: false, field: "cvc", reason: "securityCode" };
  return { ok: true, card };
}
