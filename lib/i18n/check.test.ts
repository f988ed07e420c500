import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkMessages } from "./check";
import { LANGUAGES } from "./locales";

function plant(files: Record<string, Record<string, unknown>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "messages-"));
  for (const lang of LANGUAGES) {
    mkdirSync(path.join(dir, lang));
    writeFileSync(path.join(dir, lang, "t.json"), JSON.stringify(files[lang] ?? files.en));
  }
  return dir;
}

describe("the missing-translation check", () => {
  it("passes on Portico's own messages: every key in every language", () => {
    expect(checkMessages()).toEqual([]);
  });

  it("names a key a language lacks, one it has that English does not, and an empty one", () => {
    const dir = plant({ en: { a: "Hi", b: { c: "Bye" } }, de: { a: "Hallo", z: "Extra" }, fr: { a: "", b: { c: "Salut" } } });
    const problems = checkMessages(dir);
    expect(problems).toContain("de: t.b.c is missing");
    expect(problems).toContain("de: t.z is not an English key (a typo, or left behind)");
    expect(problems).toContain("fr: t.a is empty");
  });

  it("names a translation whose placeholders differ from English and one that does not parse", () => {
    const dir = plant({ en: { due: "Due {date} for {amount}" }, ja: { due: "{date}に{total}" }, es: { due: "Vence {date" } });
    const problems = checkMessages(dir);
    expect(problems).toContain("ja: t.due placeholders differ from English (missing amount; extra total)");
    expect(problems.some((p) => p.startsWith("es: t.due is not valid ICU MessageFormat"))).toBe(true);
  });
});
