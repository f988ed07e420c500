// A lock file beside the embedded database. Two PGlite instances on one data directory raise no
// error and silently lose data, so a second process must refuse, loudly.
import fs from "node:fs";
import path from "node:path";

export class EmbeddedDbLockedError extends Error {
  constructor(dir: string, holder: LockInfo) {
    super(
      `The embedded database in ${dir} is in use by another Portico process ` +
        `(pid ${holder.pid}: ${holder.command}, since ${holder.startedAt}).\n` +
        `The embedded database (PGlite) allows one process at a time. Stop that process first, ` +
        `or set DATABASE_URL to a PostgreSQL database to run several processes.`,
    );
    this.name = "EmbeddedDbLockedError";
  }
}

type LockInfo = { pid: number; command: string; startedAt: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  // A recycled pid that is not a Node process does not hold our lock.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true;
  }
}

const held = new Map<string, () => void>();

/** Take the lock for `dir`, or throw EmbeddedDbLockedError. Returns a release function. */
export function acquireDataDirLock(dir: string): () => void {
  const file = path.join(dir, "pglite.lock");
  const existing = held.get(file);
  if (existing) return existing;
  fs.mkdirSync(dir, { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    command: process.argv.slice(1).map((a) => path.basename(a)).join(" ").slice(0, 120),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: "wx" });
      const release = () => {
        held.delete(file);
        try {
          const now = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
          if (now.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      held.set(file, release);
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder: LockInfo | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
      } catch {
        holder = null; // half-written or vanished: treat as stale
      }
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new EmbeddedDbLockedError(dir, holder);
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
