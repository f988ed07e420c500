// What a customer reads when a payment does not go through: one plain sentence per decline code
// (Stripe's codes; the sandbox uses the same), saying what happened and what to do next — the
// `notices` messages' decline.<code>, in the reader's language. What is recorded (a notification,
// a run's history row) and what the merchant API answers is English ("en-US").
import { say } from "@/lib/i18n/say";

const DECLINE_CODES = new Set([
  "card_declined", "generic_decline", "insufficient_funds", "expired_card", "incorrect_cvc", "lost_card", "stolen_card", "processing_error",
  "authentication_required", "payment_intent_authentication_failure", "not_charged", "no_payment_method", "do_not_honor",
]);

/** The sentence for a decline code in `locale` (an unknown code gets the general one). */
export function declineMessage(code: unknown, locale: string): string {
  return say(locale, "notices")(typeof code === "string" && DECLINE_CODES.has(code) ? `decline.${code}` : "decline.other");
}
