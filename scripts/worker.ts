// npm run worker — a background worker process on PostgreSQL (DATABASE_URL). On the embedded
// database the server process runs the worker itself (it alone may open the database).
import { dbMode } from "@/lib/db/config";
import { closeDb } from "@/lib/db/client";
import { startBackgroundWork } from "@/lib/jobs/runtime";

if (dbMode().kind !== "postgres") {
  console.error("npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database, the server runs the jobs itself.");
  process.exit(2);
}
const worker = startBackgroundWork({ log: (s) => console.log(`[worker ${process.pid}] ${s}`) });
console.log(`[worker ${process.pid}] running; Ctrl-C to stop`);
const keepAlive = setInterval(() => {}, 60_000);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, async () => {
    worker.stop();
    clearInterval(keepAlive);
    await closeDb();
    process.exit(0);
  });
}
