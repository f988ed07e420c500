// What a customer reads when a payment does not go through: one plain sentence per decline code
// (Stripe's codes; the sandbox uses the same), saying what happened and what to do next.

const MESSAGES: Record<string, string> = {
  card_declined: "Your card was declined. Nothing was charged. Try another card or contact your bank.",
  generic_decline: "Your card was declined. Nothing was charged. Try another card or contact your bank.",
  insufficient_funds: "Your card has insufficient funds. Nothing was charged. Use another card or try a smaller amount.",
  expired_card: "Your card has expired. Nothing was charged. Add a card that is still valid.",
  incorrect_cvc: "The card's security code was rejected. Nothing was charged. Add the card again with the right code.",
  lost_card: "Your card was declined. Nothing was charged. Use another card.",
  stolen_card: "Your card was declined. Nothing was charged. Use another card.",
  processing_error: "The card network had a problem processing the payment. Nothing was charged. Try again in a moment.",
  authentication_required: "Your bank asks you to confirm this payment. Nothing was charged. Buy from the portal to authenticate it.",
  payment_intent_authentication_failure: "The payment was not authenticated with your bank. Nothing was charged.",
  not_charged: "The payment never reached the card processor. Nothing was charged; you can try again.",
  no_payment_method: "There is no card on file to charge. Nothing was charged. Add a card on the Billing page, then pay the open invoice.",
  do_not_honor: "Your bank declined the payment. Nothing was charged. Contact your bank or use another card.",
};

export function declineMessage(code: string | null | undefined): string {
  return (code && MESSAGES[code]) || "The payment did not go through. Nothing was charged. Try again or use another card.";
}
