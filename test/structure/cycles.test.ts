// No import circles anywhere in the source (madge resolves the "@/" paths through tsconfig.json and
// counts type-only imports too): a circle is how a domain's files start depending on each other's
// load order. The planted pair proves the check sees one.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error madge ships no types
import madge from "madge";

type Madge = { circular(): string[][] };
const find = (paths: string[], baseDir: string): Promise<Madge> =>
  madge(paths, { baseDir, fileExtensions: ["ts", "tsx"], tsConfig: path.resolve("tsconfig.json"), excludeRegExp: [/lib\/db\/generated/, /node_modules/] });

const planted = mkdtempSync(path.join(tmpdir(), "portico-cycle-"));
afterAll(() => rmSync(planted, { recursive: true, force: true }));

describe("import circles", () => {
  it("the check finds a planted circle (type-only imports included)", async () => {
    writeFileSync(path.join(planted, "a.ts"), 'import type { B } from "./b";\nexport type A = { b?: B };\n');
    writeFileSync(path.join(planted, "b.ts"), 'import type { A } from "./a";\nexport type B = { a?: A };\n');
    expect((await find([planted], planted)).circular()).toEqual([["a.ts", "b.ts"]]);
  });

  it("lib, app, components, scripts, test and e2e have none", async () => {
    const result = await find(["lib", "app", "components", "scripts", "test", "e2e"], process.cwd());
    expect(result.circular()).toEqual([]);
  });
});
