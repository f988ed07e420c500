// The sandbox's test cards: the numbers of Stripe's test mode, with the same outcomes. Saving a
// card always works; charging it decides by its number. Pure (the portal lists them).

type TestCardOutcome =
  | { kind: "succeed" }
  | { kind: "decline"; code: string; message: string }
  | { kind: "authenticate" };

type TestCard = { number: string; brand: string; label: string; outcome: TestCardOutcome };

export const TEST_CARDS: TestCard[] = [
  { number: "4242424242424242", brand: "visa", label: "Succeeds", outcome: { kind: "succeed" } },
  { number: "5555555555554444", brand: "mastercard", label: "Succeeds", outcome: { kind: "succeed" } },
  { number: "4000000000000002", brand: "visa", label: "Declined (card_declined)", outcome: { kind: "decline", code: "card_declined", message: "Your card was declined." } },
  { number: "4000000000009995", brand: "visa", label: "Insufficient funds", outcome: { kind: "decline", code: "insufficient_funds", message: "Your card has insufficient funds." } },
  { number: "4000002500003155", brand: "visa", label: "Requires 3-D Secure authentication", outcome: { kind: "authenticate" } },
  { number: "4000000000000069", brand: "visa", label: "Expired card", outcome: { kind: "decline", code: "expired_card", message: "Your card has expired." } },
  { number: "4000000000000119", brand: "visa", label: "Processing error", outcome: { kind: "decline", code: "processing_error", message: "An error occurred while processing your card." } },
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

type CardCheck =
  | { ok: true; card: TestCard }
  | { ok: false; field: "number" | "expiry" | "cvc"; message: string };

/** Validate what a customer typed into the sandbox's card form. */
export function checkSandboxCard(input: { number: string; expMonth: number; expYear: number; cvc: string }, now: Date): CardCheck {
  const digits = normalizeCardNumber(input.number);
  if (!luhnValid(digits)) return { ok: false, field: "number", message: "That card number is not valid." };
  const card = testCard(digits);
  if (!card) return { ok: false, field: "number", message: "The sandbox accepts test cards only (for example 4242 4242 4242 4242)." };
  if (!Number.isInteger(input.expMonth) || input.expMonth < 1 || input.expMonth > 12) return { ok: false, field: "expiry", message: "The expiry month must be 1–12." };
  const endOfMonth = Date.UTC(input.expYear, input.expMonth, 1);
  if (!Number.isInteger(input.expYear) || endOfMonth <= now.getTime()) return { ok: false, field: "expiry", message: "That card has expired." };
  if (input.expYear > now.getUTCFullYear() + 20) return { ok: false, field: "expiry", message: "The expiry year is too far in the future." };
  if (!/^\d{3,4}$/.test(input.cvc)) return { ok: false, field: "cvc", message: "The security code is 3 or 4 digits." };
  return { ok: true, card };
}
