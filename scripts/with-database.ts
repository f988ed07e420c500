// The frame every database command shares: open the database (embedded or DATABASE_URL) as the
// process's handle, run the command, close it, and exit with the command's code — 2 (with the
// lock holder named) when the embedded database is held by another process or anything throws.
import { openDatabase, setDbHandle, type DbHandle } from "@/lib/db/client";
import { EmbeddedDbLockedError } from "@/lib/db/lock";

export function runWithDatabase(command: (h: DbHandle) => Promise<number>): void {
  const run = async () => {
    const h = openDatabase();
    setDbHandle(h);
    try {
      return await command(h);
    } finally {
      setDbHandle(undefined);
      await h.close();
    }
  };
  run().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof EmbeddedDbLockedError ? `\n${e.message}\n` : e);
      process.exit(2);
    },
  );
}

/** The same frame for a command whose result is data: printed as one JSON line (bigints as strings). */
export function printWithDatabase(command: (h: DbHandle) => Promise<unknown>): void {
  runWithDatabase(async (h) => {
    console.log(JSON.stringify(await command(h), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
    return 0;
  });
}
