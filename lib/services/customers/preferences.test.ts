// The account's language (PGlite): saved as a locale Portico speaks, or cleared to automatic; any
// other value is refused and changes nothing.
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { freshCustomer, withPaymentsDemo } from "@/test/support/payments";
import { saveLanguage } from "./preferences";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));

const localeOf = async (id: string) => (await h.prisma.customer.findUniqueOrThrow({ where: { id } })).locale;

describe("the account's language", () => {
  it("is saved as the chosen locale, and Automatic clears it", async () => {
    const c = await freshCustomer("creator");
    expect(await saveLanguage(c, "ja-JP")).toEqual({ ok: true, locale: "ja-JP" });
    expect(await localeOf(c)).toBe("ja-JP");
    expect(await saveLanguage(c, "de-de")).toEqual({ ok: true, locale: "de-DE" });
    expect(await saveLanguage(c, "")).toEqual({ ok: true, locale: null });
    expect(await localeOf(c)).toBeNull();
  });

  it.each(["it-IT", "klingon", "x".repeat(30), "de_DE!"])("refuses %s and keeps what was there", async (bad) => {
    const c = await freshCustomer("creator");
    await saveLanguage(c, "fr-FR");
    expect(await saveLanguage(c, bad)).toMatchObject({ ok: false, code: "invalid_input", field: "locale" });
    expect(await localeOf(c)).toBe("fr-FR");
  });
});
