// One database transaction for a use case, retried when PostgreSQL reports a serialization
// failure or deadlock (40001 / 40P01) or the code detected a lost race.
import { db } from "./client";
import { isRetryable } from "./errors";
import type { PrismaClient, Prisma } from "./generated/client";

export type Tx = Prisma.TransactionClient;

type TxOptions = {
  client?: PrismaClient;
  /** Attempts in all (default 12). */
  attempts?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
};

export async function transaction<T>(fn: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  const client = opts.client ?? db();
  const attempts = opts.attempts ?? 12;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.$transaction(fn, opts.isolationLevel ? { isolationLevel: opts.isolationLevel } : undefined);
    } catch (e) {
      if (!isRetryable(e) || attempt >= attempts) throw e;
      // jittered backoff: 2, 4, 8 … ms, capped at 200 ms
      const wait = Math.min(200, 2 ** attempt) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
