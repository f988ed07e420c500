import { describe, expect, it } from "vitest";
import { languageOf, localeFromAcceptLanguage, resolveLocale } from "./locales";

describe("choosing the locale", () => {
  it.each([
    [{ customerLocale: "de-DE", acceptLanguage: "ja" }, "de-DE"],
    [{ customerLocale: null, acceptLanguage: "ja,en;q=0.5" }, "ja-JP"],
    [{ customerLocale: null, acceptLanguage: "fr-CA,fr;q=0.9" }, "fr-CA"],
    [{ customerLocale: "pt-BR", acceptLanguage: "es-MX,es;q=0.8" }, "es-MX"],
    [{ customerLocale: null, acceptLanguage: "pt-BR,it;q=0.8" }, "en-US"],
    [{ customerLocale: "not a locale", acceptLanguage: null }, "en-US"],
    [{ customerLocale: "de-de", acceptLanguage: null }, "de-DE"],
  ])("%o → %s", (input, want) => {
    expect(resolveLocale(input)).toBe(want);
  });

  it("reads only languages Portico speaks", () => {
    expect(languageOf("ja-JP")).toBe("ja");
    expect(languageOf("it-IT")).toBeNull();
    expect(localeFromAcceptLanguage("*")).toBeNull();
  });
});
