import "server-only";
// A PostgreSQL-backed job queue (DESIGN §11): jobs are rows; any number of workers claim them
// with FOR UPDATE SKIP LOCKED, so each runs on one worker at a time. A unique key makes "enqueue
// this once" safe under concurrency; a failed job is retried with backoff up to maxAttempts; a job
// whose worker died is reclaimed when its lock runs out. Handlers must be idempotent (at-least-once).
import type { PrismaClient } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";

export type JobPayload = Record<string, unknown>;

type JobSpec = {
  queue: string;
  payload?: JobPayload;
  runAt?: Date;
  /** At most one job per key, ever (e.g. "close:<period id>"). */
  uniqueKey?: string;
  maxAttempts?: number;
};

/** Enqueue inside the caller's transaction: the job exists only if the transaction commits. */
export async function enqueue(tx: Tx | PrismaClient, spec: JobSpec): Promise<boolean> {
  const rows = await tx.$executeRawUnsafe(
    `INSERT INTO jobs (id, queue, unique_key, payload, status, run_at, max_attempts)
     VALUES ($1, $2, $3, $4::jsonb, 'queued', $5, $6)
     ON CONFLICT (unique_key) DO NOTHING`,
    newId("job"),
    spec.queue,
    spec.uniqueKey ?? null,
    JSON.stringify(spec.payload ?? {}),
    spec.runAt ?? new Date(),
    spec.maxAttempts ?? 5,
  );
  return rows > 0;
}

export type JobContext = { id: string; attempt: number; maxAttempts: number; now: Date; client: PrismaClient };
export type Handler = (payload: JobPayload, ctx: JobContext) => Promise<void>;

type ClaimedRow = { id: string; queue: string; payload: JobPayload; attempts: number; max_attempts: number };

const LOCK_SECONDS = 300;

/** Backoff before attempt n+1: 10 s, 40 s, 2.5 min, 10 min … capped at 1 h. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 10_000 * 4 ** (attempt - 1));
}

type RunResult = { claimed: number; done: number; failed: number; retried: number };

/** Claim and run up to `limit` due jobs of these queues once. */
export async function runDueJobs(
  handlers: Record<string, Handler>,
  opts: { client?: PrismaClient; workerId?: string; limit?: number; now?: Date } = {},
): Promise<RunResult> {
  const client = opts.client ?? db();
  const now = opts.now ?? new Date();
  const workerId = opts.workerId ?? `w-${process.pid}`;
  const queues = Object.keys(handlers);
  const result: RunResult = { claimed: 0, done: 0, failed: 0, retried: 0 };
  if (queues.length === 0) return result;
  const claimed = await client.$queryRawUnsafe<ClaimedRow[]>(
    `UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2::timestamptz + make_interval(secs => $3), attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM jobs
         WHERE queue = ANY($4::text[])
           AND ((status IN ('queued', 'retry') AND run_at <= $2) OR (status = 'running' AND locked_until < $2))
         ORDER BY run_at
         LIMIT $5
         FOR UPDATE SKIP LOCKED)
      RETURNING id, queue, payload, attempts, max_attempts`,
    workerId,
    now,
    LOCK_SECONDS,
    queues,
    opts.limit ?? 20,
  );
  result.claimed = claimed.length;
  for (const job of claimed) {
    const handler = handlers[job.queue]!;
    try {
      await handler(job.payload ?? {}, { id: job.id, attempt: job.attempts, maxAttempts: job.max_attempts, now, client });
      await client.$executeRawUnsafe(
        `UPDATE jobs SET status = 'done', finished_at = now(), locked_by = NULL, locked_until = NULL WHERE id = $1 AND locked_by = $2`,
        job.id,
        workerId,
      );
      result.done++;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = job.attempts >= job.max_attempts;
      await client.$executeRawUnsafe(
        `UPDATE jobs SET status = $3, last_error = $4, run_at = $5, locked_by = NULL, locked_until = NULL,
                finished_at = CASE WHEN $3 = 'failed' THEN now() ELSE NULL END
          WHERE id = $1 AND locked_by = $2`,
        job.id,
        workerId,
        final ? "failed" : "retry",
        message.slice(0, 2000),
        new Date(now.getTime() + backoffMs(job.attempts)),
      );
      if (final) result.failed++;
      else result.retried++;
    }
  }
  return result;
}
