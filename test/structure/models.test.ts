// The consumption models' rules live in lib/billing/models/<model>.ts; everything else asks
// rulesFor(plan). A branch on a model's name elsewhere (`plan.model === "credits"`,
// `case "metered":`) is a rule that escaped its module. The count outside the modules may only
// shrink: move a branch into the models and lower the number; never raise it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

function sources(dir: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test.") && !f.includes("generated"))
    .map((f) => path.join(dir, f));
}

const BRANCH = /\bmodel\s*[!=]==?\s*["'](metered|credits|balance)["']|["'](metered|credits|balance)["']\s*[!=]==?\s*\w*\.?model\b|\bcase\s+["'](metered|credits|balance)["']\s*:/g;

/** Places where a branch per model is the clearer code, each with the most it may hold. */
const ALLOWED: Record<string, number> = {
  // the catalogue's zod refinements per model, and turning each model's schema into its plan
  "lib/catalog/config.ts": 6,
};

/** Branches anywhere else outside lib/billing/models/ (was 124 before the models had modules). */
const RATCHET = 0;

function branches(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of [...sources("lib"), ...sources("app"), ...sources("components")]) {
    if (file.startsWith(path.join("lib", "billing", "models") + path.sep)) continue;
    const code = fs.readFileSync(path.join(root, file), "utf8");
    for (const [i, line] of code.split("\n").entries()) {
      if (/^\s*(\/\/|\*)/.test(line)) continue;
      for (const m of line.matchAll(BRANCH)) found.set(file, [...(found.get(file) ?? []), `${file}:${i + 1}: ${m[0]}`]);
    }
  }
  return found;
}

describe("consumption-model branches", () => {
  const found = branches();

  it(`stay in lib/billing/models/ (at most ${RATCHET} elsewhere, besides the named places)`, () => {
    const elsewhere = [...found].filter(([file]) => !(file in ALLOWED)).flatMap(([, hits]) => hits);
    expect(elsewhere.length, `branches on a model outside lib/billing/models/:\n${elsewhere.join("\n")}`).toBeLessThanOrEqual(RATCHET);
  });

  it("the named places do not grow", () => {
    for (const [file, max] of Object.entries(ALLOWED)) {
      expect(found.get(file)?.length ?? 0, file).toBeLessThanOrEqual(max);
    }
  });

  it("the pattern finds a branch (the check can fail)", () => {
    const samples = ['if (plan.model === "credits") {', '    case "metered":', 'p.model !== "balance"', '"metered" === plan.model'];
    for (const s of samples) expect(s.match(BRANCH), s).not.toBeNull();
    expect('if (from.model === to.model) {'.match(BRANCH)).toBeNull();
  });
});
