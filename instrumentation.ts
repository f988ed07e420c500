// Runs once when the Next.js server starts: Portico's background work (jobs, hold expiry,
// period close, webhook delivery) lives in the server process unless PORTICO_WORKER=0.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.PORTICO_WORKER === "0") return;
  const { startBackgroundWork } = await import("./lib/jobs/runtime");
  startBackgroundWork();
}
