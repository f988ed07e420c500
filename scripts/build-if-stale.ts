// Build the production app when there is no build or a source is newer than it. Run alone
// (`tsx scripts/build-if-stale.ts`) before starting several servers from one checkout, so they
// never build into the same .next at once.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const INPUTS = ["app", "components", "lib", "types", "public", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package.json", "tsconfig.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

export function buildIsStale(): boolean {
  const stamp = fs.statSync(path.join(root, ".next", "BUILD_ID"), { throwIfNoEntry: false });
  if (!stamp) return true;
  return INPUTS.some((i) => newestMtime(path.join(root, i)) > stamp.mtimeMs);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  if (buildIsStale()) {
    const r = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    process.exit(r.status ?? 1);
  }
  console.log("The production build is up to date.");
}
