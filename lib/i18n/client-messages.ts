// The messages the browser gets: only the namespaces a component that can render there names with
// `useTranslations` (client-messages.test.ts checks every one), not all of them — the rest (emails,
// PDFs, actions' results, notices…) are worded on the server. Every page's HTML carried all ~47 kB.
type Messages = Record<string, unknown>;

export const CLIENT_NAMESPACES = ["auth", "charts", "common", "errors", "invoices", "nav", "overview", "payments", "plan", "purchase", "settings", "team", "timezone"] as const;

const picked = new WeakMap<Messages, Messages>();

/** The client's share of one language's messages (the same object for the same messages). */
export function clientMessages(messages: Messages): Messages {
  let out = picked.get(messages);
  if (!out) {
    out = Object.fromEntries(CLIENT_NAMESPACES.filter((n) => n in messages).map((n) => [n, messages[n]]));
    picked.set(messages, out);
  }
  return out;
}
