// The time zone a customer reads times of day in (DESIGN §9): the account's own (Settings → Time
// zone), else the browser's (sent in the `portico_tz` cookie the frame sets), else UTC. Billing
// dates (renewals, periods) stay UTC days, and CSV exports and the API stay UTC.
// Zones are IANA names checked by the runtime's own Intl data, not a home-made list.

/** The cookie the browser's time zone travels in (set by components/portal/time-zone-cookie.tsx). */
export const TIME_ZONE_COOKIE = "portico_tz";

/** A zone Intl knows, in its canonical spelling ("europe/berlin" → "Europe/Berlin"), or null. */
export function canonicalTimeZone(name: string | null | undefined): string | null {
  if (!name || typeof name !== "string" || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The zone a request shows times in: the account's choice, else the browser's, else UTC. */
export function resolveTimeZone(opts: { customerTimeZone?: string | null; browserTimeZone?: string | null }): string {
  return canonicalTimeZone(opts.customerTimeZone) ?? canonicalTimeZone(opts.browserTimeZone) ?? "UTC";
}

/** Every zone offered in Settings: UTC first, then the runtime's IANA list. */
export function timeZoneChoices(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

/** A zone as a person reads it ("America/New_York" → "America/New York"). */
export function zoneLabel(zone: string): string {
  return zone.replaceAll("_", " ");
}
