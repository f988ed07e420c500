// The merchant's action names and units in the reader's language, agreeing with the count by that
// language's plural rules; English (or a language the catalogue did not translate) as written.
import { describe, expect, it } from "vitest";
import { actionCount, actionName, actionUnit, readActionTranslations } from "./action-words";

const image = {
  name: "Image generation",
  unitLabel: "image",
  translations: {
    de: { name: "Bildgenerierung", unit: { one: "Bild", other: "Bilder" } },
    fr: { name: "Génération d’image", unit: { one: "image", many: "d’images", other: "images" } },
    ja: { name: "画像生成", unit: { other: "枚" } },
  },
};

describe("an action in the reader's language", () => {
  it.each([
    ["en-US", 1n, "Image generation", "1 image"],
    ["en-US", 1_234n, "Image generation", "1,234 images"],
    ["en-GB", 2n, "Image generation", "2 images"],
    ["de-DE", 1n, "Bildgenerierung", "1 Bild"],
    ["de-DE", 1_234n, "Bildgenerierung", "1.234 Bilder"],
    ["de-AT", 0n, "Bildgenerierung", "0 Bilder"],
    ["fr-FR", 1n, "Génération d’image", "1 image"],
    ["fr-FR", 0n, "Génération d’image", "0 image"], // French counts 0 as singular
    ["fr-FR", 3n, "Génération d’image", "3 images"],
    ["fr-FR", 1_000_000n, "Génération d’image", "1 000 000 d’images"], // the "many" form
    ["ja-JP", 5n, "画像生成", "5 枚"],
    // Spanish was not translated: the English words
    ["es-ES", 2n, "Image generation", "2 images"],
  ])("%s × %s", (locale, n, name, count) => {
    expect(actionName(image, locale)).toBe(name);
    expect(actionCount(image, n, locale).replace(/[\u202f\u00a0]/g, " ")).toBe(count);
  });

  it("a count past what a float holds still finds its form", () => {
    expect(actionUnit(image, 10n ** 30n, "de-DE")).toBe("Bilder");
    expect(actionUnit(image, 10n ** 30n, "en-US")).toBe("images");
  });

  it("a translation of the name only keeps the English unit, and one of the unit only the English name", () => {
    const half = { name: "Agent run", unitLabel: "run", translations: { de: { name: "Agentenlauf" }, fr: { unit: { other: "exécutions", one: "exécution" } } } };
    expect([actionName(half, "de-DE"), actionUnit(half, 2n, "de-DE")]).toEqual(["Agentenlauf", "runs"]);
    expect([actionName(half, "fr-FR"), actionUnit(half, 1n, "fr-FR")]).toEqual(["Agent run", "exécution"]);
  });
});

describe("translations as stored", () => {
  it("reads what the catalogue wrote", () => {
    expect(readActionTranslations(image.translations)).toEqual(image.translations);
  });

  it("keeps only well-formed entries: no language Portico does not speak, no unit without its `other` form", () => {
    expect(readActionTranslations({ xx: { name: "?" }, de: { name: "Lauf", unit: { one: "Lauf" } }, ja: { name: "", unit: { other: "回", few: 3 } } })).toEqual({
      de: { name: "Lauf" },
      ja: { unit: { other: "回" } },
    });
    for (const nothing of [null, undefined, "de", 7, [], {}, { en: { name: "Run" } }]) expect(readActionTranslations(nothing)).toBeUndefined();
  });
});
