// The soak's processes: the two `next start` servers and the two job workers on the soak
// database, the project's npm scripts run on it, and the id Next.js gave a server action.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run one of the project's npm scripts on the soak database; resolves with its exit code and output. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const cmd = pkg.scripts[script];
  if (!cmd) return Promise.resolve({ code: -1, out: `no script ${script}` });
  const file = /scripts\/[\w/.-]+\.ts/.exec(cmd)?.[0];
  if (!file) return Promise.resolve({ code: -1, out: `cannot run ${script}` });
  return new Promise((resolve) => {
    const child = spawn(tsx, ["--conditions=react-server", path.join(ROOT, file), ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code: code ?? 1, out: out.trim() }));
  });
}

async function waitFor(url: string, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(300);
  }
  throw new Error(`${url} did not answer`);
}

/** The id Next.js gave a server action in this build (the browser sends it in `Next-Action`). */
export function actionId(file: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!hit) throw new Error(`server action ${file}#${name} not in the build`);
  return hit[0];
}

/** Two servers (`basePort` and the next) and two workers; each child is added to `children` as it starts. */
export async function startFleet(basePort: number, env: NodeJS.ProcessEnv, log: (s: string) => void, children: ChildProcess[]) {
  const ports = [basePort, basePort + 1];
  for (const port of ports) {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...env, NEXTAUTH_URL: `http://127.0.0.1:${port}`, PORTICO_WORKER: "0", PORTICO_DB_POOL: "10" },
    });
    child.stderr?.on("data", (d) => log(`[server :${port}] ${String(d).trim()}`));
    children.push(child);
  }
  for (let w = 0; w < 2; w++) {
    const child = spawn(tsx, ["--conditions=react-server", path.join(ROOT, "scripts", "worker.ts")], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: { ...env, PORTICO_DB_POOL: "5", PORTICO_HOLD_SWEEP_MS: "2000" } });
    child.stderr?.on("data", (d) => log(`[worker ${w}] ${String(d).trim()}`));
    children.push(child);
  }
  const bases = ports.map((p) => `http://127.0.0.1:${p}`);
  await Promise.all(bases.map((b) => waitFor(`${b}/status`)));
  return { ports, bases };
}
