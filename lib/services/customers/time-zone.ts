import "server-only";
// The account's own time zone (Settings → Time zone): an IANA zone the runtime knows, or automatic
// (null: each member's browser decides). Times of day in the portal follow it; billing dates, CSV
// exports and the API stay UTC. Bad input changes nothing.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { say } from "@/lib/i18n/say";
import { canonicalTimeZone } from "@/lib/i18n/time-zones";

export const timeZoneSchema = z.object({ timeZone: z.string().max(64) });

type Saved = { ok: true; timeZone: string | null } | { ok: false; code: "invalid_input"; field: "timeZone"; message: string };

/** Save the account's time zone ("" = automatic); refuses a zone that is not an IANA name. */
export async function saveTimeZone(customerId: string, timeZone: string, locale = "en-US"): Promise<Saved> {
  const wanted = timeZone.trim();
  const chosen = wanted === "" ? null : canonicalTimeZone(wanted);
  if (wanted !== "" && !chosen) {
    return { ok: false, code: "invalid_input", field: "timeZone", message: say(locale, "timezone")("refused") };
  }
  await db().customer.update({ where: { id: customerId }, data: { timeZone: chosen } });
  return { ok: true, timeZone: chosen };
}
