// npm start (and npm run dev): everything a fresh clone needs, then the portal.
//   1. the Prisma client (generated), a production build when the sources changed (start only)
//   2. what next-auth needs: NEXTAUTH_SECRET (generated once into .data/) and NEXTAUTH_URL
//   3. the database: migrations, and the demo in an empty database (scripts/db.ts prepare)
//   4. next start / next dev, which also runs Portico's background jobs (instrumentation.ts)
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { limitConfigErrors } from "../lib/rate-limit-config";
import { buildIsStale } from "./build-if-stale";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(process.env.PORTICO_DATA_DIR ?? path.join(root, ".data"));
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const configErrors = limitConfigErrors();
if (configErrors.length > 0) {
  console.error(`Portico cannot start: a rate limit is set wrongly.\n  ${configErrors.join("\n  ")}`);
  process.exit(1);
}

fs.mkdirSync(dataDir, { recursive: true });
const secretFile = path.join(dataDir, "nextauth-secret");
if (!process.env.NEXTAUTH_SECRET && !fs.existsSync(secretFile)) {
  fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
}
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? fs.readFileSync(secretFile, "utf8").trim(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  PORTICO_DATA_DIR: dataDir,
  NEXT_TELEMETRY_DISABLED: "1",
};

if (!fs.existsSync(path.join(root, "lib", "db", "generated", "client.ts"))) run(bin("prisma"), ["generate"]);
if (!dev && buildIsStale()) {
  console.log("Building the portal (first start, or the sources changed)…");
  run(bin("next"), ["build"], { ...env, NODE_ENV: "production" });
}
run(bin("tsx"), ["--conditions=react-server", path.join(root, "scripts", "db.ts"), "prepare"], env);

const args = dev ? ["dev", "-p", port] : ["start", "-p", port];
if (process.env.HOST) args.push("-H", process.env.HOST);
const child = spawn(bin("next"), args, { cwd: root, stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
