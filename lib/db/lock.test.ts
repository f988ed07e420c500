// The embedded database refuses a second process instead of silently losing data.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, EmbeddedDbLockedError } from "./lock";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "portico-lock-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("the embedded database lock", () => {
  it("a second process (a script while the server runs) refuses with a clear message", () => {
    const dir = tmp();
    const release = acquireDataDirLock(dir);
    try {
      const r = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/db.ts", "migrate"], {
        env: { ...process.env, PORTICO_DATA_DIR: dir, DATABASE_URL: "" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("is in use by another Portico process");
      expect(r.stderr).toContain(`pid ${process.pid}`);
      expect(fs.existsSync(path.join(dir, "pglite"))).toBe(false); // it never opened the database
    } finally {
      release();
    }
  });

  it("takes over a lock whose process is gone", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "pglite.lock"), JSON.stringify({ pid: 999_999_999, command: "next start", startedAt: "2026-01-01" }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, "pglite.lock"))).toBe(false);
  });

  it("refuses while a live process holds it, and names it", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "pglite.lock"), JSON.stringify({ pid: process.ppid, command: "node next start", startedAt: "2026-01-01" }));
    expect(() => acquireDataDirLock(dir)).toThrow(EmbeddedDbLockedError);
  });
});
