// One way to write a date and a moment wherever a person reads one ("Dec 6, 2026", "Dec 6, 2026,
// 3:04 PM UTC"), in the reader's locale. Billing dates are UTC days (DESIGN §7: periods are
// computed in UTC), so they are written in UTC too: a renewal on Jan 1 reads Jan 1 everywhere.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, time: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${time}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, time ? { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" });
    cache.set(key, f);
  }
  return f;
}

/** "Dec 6, 2026" (en-US), "06.12.2026" (de-DE). */
export function formatDate(d: Date, locale = "en-US"): string {
  return formatter(locale, false).format(d);
}

/** "Dec 6, 2026, 3:04 PM UTC" (without " UTC" where the page already says times are UTC). */
export function formatDateTime(d: Date, locale = "en-US", opts: { zone?: boolean } = {}): string {
  const text = formatter(locale, true).format(d);
  return opts.zone === false ? text : `${text} UTC`;
}

/** "Dec 6, 2026 – Jan 6, 2027". */
export function formatDateRange(from: Date, to: Date, locale = "en-US"): string {
  return `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
}
