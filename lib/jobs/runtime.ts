import "server-only";
// The background worker: runs due jobs and the recurring tasks on timers. Started in the server
// process (instrumentation.ts) — the only way on the embedded database, where one process holds
// it — and, on PostgreSQL, also as separate `npm run worker` processes. PORTICO_WORKER=0 turns it
// off in a server process.
import { runDueJobs } from "./queue";
import { HANDLERS, RECURRING } from "./schedule";

const globalForWorker = globalThis as unknown as { __porticoWorker?: { stop(): void } };

export function startBackgroundWork(opts: { pollMs?: number; log?: (s: string) => void } = {}): { stop(): void } {
  if (globalForWorker.__porticoWorker) return globalForWorker.__porticoWorker;
  const log = opts.log ?? ((s: string) => console.error(`[worker] ${s}`));
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const guard = (name: string, fn: () => Promise<unknown>) => {
    let running = false;
    return async () => {
      if (running || stopped) return;
      running = true;
      try {
        await fn();
      } catch (e) {
        log(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        running = false;
      }
    };
  };
  const jobs = guard("jobs", async () => {
    // drain what is due, a batch at a time
    for (let i = 0; i < 50; i++) if ((await runDueJobs(HANDLERS)).claimed === 0) break;
  });
  timers.push(setInterval(jobs, opts.pollMs ?? 1_000));
  for (const task of RECURRING) timers.push(setInterval(guard(task.name, () => task.run(new Date())), task.everyMs));
  for (const t of timers) t.unref();
  const handle = {
    stop() {
      stopped = true;
      timers.forEach(clearInterval);
      globalForWorker.__porticoWorker = undefined;
    },
  };
  globalForWorker.__porticoWorker = handle;
  return handle;
}
