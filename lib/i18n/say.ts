// Messages outside React with plain string keys: `translator` is typed from the message files'
// shape, which this project does not declare to next-intl, so its keys type as never. Emails and
// PDFs build keys from codes ("status.paid"), so they take a translator typed by string.
import { translator } from "./messages";

export type Say = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };

/** `say("de-DE", "email")("invite.subject", { customer })`. */
export function say(locale: string, namespace: "email" | "pdf" | "timezone" | "billing-words" | "actions" | "notices" | "invoices" | "payments"): Say {
  return translator(locale, namespace) as unknown as Say;
}
