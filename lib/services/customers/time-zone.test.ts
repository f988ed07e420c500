// The account's time zone (PGlite): saved as an IANA zone in its canonical spelling, or cleared to
// automatic; anything else is refused and changes nothing.
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { freshCustomer, withPaymentsDemo } from "@/test/support/payments";
import { saveTimeZone } from "./time-zone";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));

const zoneOf = async (id: string) => (await h.prisma.customer.findUniqueOrThrow({ where: { id } })).timeZone;

describe("the account's time zone", () => {
  it("is saved as the chosen zone, and Automatic clears it", async () => {
    const c = await freshCustomer("creator");
    expect(await saveTimeZone(c, "Asia/Tokyo")).toEqual({ ok: true, timeZone: "Asia/Tokyo" });
    expect(await zoneOf(c)).toBe("Asia/Tokyo");
    expect(await saveTimeZone(c, " europe/berlin ")).toEqual({ ok: true, timeZone: "Europe/Berlin" });
    expect(await saveTimeZone(c, "")).toEqual({ ok: true, timeZone: null });
    expect(await zoneOf(c)).toBeNull();
  });

  it.each(["Mars/Olympus_Mons", "GMT+25", "x".repeat(64), "<script>"])("refuses %s and keeps what was there", async (bad) => {
    const c = await freshCustomer("creator");
    await saveTimeZone(c, "America/New_York");
    expect(await saveTimeZone(c, bad)).toMatchObject({ ok: false, code: "invalid_input", field: "timeZone" });
    expect(await zoneOf(c)).toBe("America/New_York");
  });
});

describe("the refusal", () => {
  it("is written in the customer's language", async () => {
    const c = await freshCustomer("creator");
    expect(await saveTimeZone(c, "Nowhere/Land", "de-DE")).toMatchObject({ ok: false, message: "Wählen Sie eine Zeitzone aus der Liste (etwa Europe/Berlin) oder „Automatisch“." });
    expect(await saveTimeZone(c, "Nowhere/Land")).toMatchObject({ ok: false, message: "Choose a time zone from the list (such as Europe/Berlin), or Automatic." });
  });
});
