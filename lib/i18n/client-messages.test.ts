// The browser only gets CLIENT_NAMESPACES: every namespace a component names with useTranslations
// (the form that can render in the browser) must be one of them, or its words would be missing there.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, clientMessages } from "./client-messages";
import { loadMessages } from "./messages";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("the messages sent to the browser", () => {
  it("hold every namespace a component names with useTranslations", () => {
    const named = new Set<string>();
    for (const file of ["app", "components", "lib"].flatMap((d) => sources(path.join(process.cwd(), d)))) {
      const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const m of code.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)) named.add(m[1] === undefined ? "(all)" : m[1].split(".")[0]!);
    }
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((n) => !(CLIENT_NAMESPACES as readonly string[]).includes(n))).toEqual([]);
  });

  it("are those namespaces of the language, and nothing else", () => {
    const all = loadMessages("de");
    const sent = clientMessages(all);
    expect(Object.keys(sent).sort()).toEqual([...CLIENT_NAMESPACES].sort());
    expect(sent.overview).toBe(all.overview);
    expect(sent).not.toHaveProperty("email");
  });
});
