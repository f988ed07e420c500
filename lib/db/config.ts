// Where Portico keeps its data: PostgreSQL when DATABASE_URL is set, otherwise the embedded
// PGlite database under .data/ (one process at a time; see lock.ts).
import path from "node:path";

export type DbMode = { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string; pgliteDir: string };

export function dataDir(): string {
  return path.resolve(process.env.PORTICO_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

export function dbMode(): DbMode {
  const url = process.env.DATABASE_URL;
  if (url && url.trim() !== "") return { kind: "postgres", url };
  const dir = dataDir();
  return { kind: "embedded", dataDir: dir, pgliteDir: path.join(dir, "pglite") };
}

/** True while `next build` runs: nothing may open the database then. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
