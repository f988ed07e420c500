// `npm run catalog:apply` as a merchant runs it, on an embedded database of its own: a bad config
// exits 1 naming the file, the path and the rule and never opens the database; a good one shows
// the diff, applies it with --yes, and a second run has nothing to change.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-catalog-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/catalog-apply.ts", ...args], {
    env: { ...process.env, PORTICO_DATA_DIR: dir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 120_000,
  });

describe("npm run catalog:apply", () => {
  it("refuses a bad config with the file, the path and the rule, and changes nothing", () => {
    const bad = path.join(dir, "bad.config.ts");
    const text = fs.readFileSync("examples/catalog/northwind.config.ts", "utf8").replace('"../../lib/catalog/config"', JSON.stringify(path.resolve("lib/catalog/config.ts"))).replace('price: "0.006"', 'price: "-0.006"').replace('credits: "2.5"', "credits: 2.5");
    fs.writeFileSync(bad, text);
    const r = run("--config", bad, "--yes");
    expect(r.status).toBe(1);
    const rel = path.relative(process.cwd(), bad);
    expect(r.stderr).toContain(`${rel}: plans[1].actions[0].price: price cannot be negative`);
    expect(r.stderr).toContain(`${rel}: plans[0].actions[1].credits: write credits as a string, e.g. "2.5": money is never a float`);
    expect(r.stderr).toContain("nothing was changed");
    expect(fs.existsSync(path.join(dir, "pglite"))).toBe(false);
    expect(run("--config", path.join(dir, "missing.config.ts")).stderr).toContain("no such file");
  });

  it("shows the diff, applies it with --yes, and then has nothing to change", () => {
    const config = "examples/catalog/northwind.config.ts";
    const dry = run("--config", config);
    expect(dry.stderr).toBe("");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('+ merchant mer_northwind "Northwind Speech Ltd" (USD, tax 20 %)');
    expect(dry.stdout).toContain('+ plan studio "Studio" (credits, $29.00 / month, 2 actions, 1 pack)');
    expect(dry.stdout).toContain("Nothing changed yet: run again with --yes");
    const yes = run("--config", config, "--yes");
    expect(yes.status).toBe(0);
    expect(yes.stdout).toContain("Applied 3 change(s).");
    const again = run("--config", config, "--yes");
    expect(again.stdout).toContain("no changes: the database already matches the config.");

    // the second merchant gets its own API key; a merchant that does not exist gets a clear no
    const keys = (...args: string[]) =>
      spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/keys.ts", ...args], { env: { ...process.env, PORTICO_DATA_DIR: dir, DATABASE_URL: "" }, encoding: "utf8", timeout: 120_000 });
    const made = keys("--merchant", "mer_northwind", "--name", "Northwind server");
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/Created key_\w+ "Northwind server" for mer_northwind\.\n\n {2}sk_test_\w+/);
    expect(keys("--merchant", "mer_northwind", "--list").stdout).toContain("Northwind server");
    const none = keys("--merchant", "mer_nobody", "--name", "x");
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("No merchant mer_nobody.");
  });
});
