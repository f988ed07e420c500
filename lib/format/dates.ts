// One way to write a date and a moment wherever a person reads one ("Dec 6, 2026", "Dec 6, 2026,
// 3:04 PM UTC"), in the reader's locale. Billing dates are UTC days (DESIGN §7: periods are
// computed in UTC), so they are written in UTC too: a renewal on Jan 1 reads Jan 1 everywhere.
// A moment (a payment, an alert) is written in the reader's time zone (lib/i18n/time-zones.ts),
// with the zone's short name ("4:04 PM GMT+1", "16:04 MEZ"); UTC where none is known.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, time: boolean, timeZone = "UTC"): Intl.DateTimeFormat {
  const key = `${locale}|${time}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    if (cache.size > 500) cache.clear();
    f = new Intl.DateTimeFormat(locale, time ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone: "UTC" });
    cache.set(key, f);
  }
  return f;
}

/** The zone's short name at that moment in that locale ("UTC", "GMT+1", "MEZ", "JST"). */
function zoneName(d: Date, locale: string, timeZone: string): string {
  if (timeZone === "UTC") return "UTC";
  const key = `${locale}|zone|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" });
    cache.set(key, f);
  }
  return f.formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** "Dec 6, 2026" (en-US), "06.12.2026" (de-DE). */
export function formatDate(d: Date, locale = "en-US"): string {
  return formatter(locale, false).format(d);
}

/**
 * "Dec 6, 2026, 3:04 PM UTC" in `opts.timeZone` (default UTC), without the zone's name where the
 * page already says which zone its times are in (`zone: false`).
 */
export function formatDateTime(d: Date, locale = "en-US", opts: { zone?: boolean; timeZone?: string } = {}): string {
  const timeZone = opts.timeZone ?? "UTC";
  const text = formatter(locale, true, timeZone).format(d);
  return opts.zone === false ? text : `${text} ${zoneName(d, locale, timeZone)}`;
}

/** "Dec 6, 2026 – Jan 6, 2027". */
export function formatDateRange(from: Date, to: Date, locale = "en-US"): string {
  return `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
}
