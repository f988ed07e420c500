// One database transaction for a use case, retried when PostgreSQL reports a serialization
// failure or deadlock (40001 / 40P01) or the code detected a lost race.
import { db, txConnection, withTxSlot } from "./client";
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
      return await withTxSlot(() => client.$transaction(fn, opts.isolationLevel ? { isolationLevel: opts.isolationLevel } : undefined));
    } catch (e) {
      if (!isRetryable(e) || attempt >= attempts) throw e;
      // jittered backoff: 2, 4, 8 … ms, capped at 200 ms
      const wait = Math.min(200, 2 ** attempt) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/**
 * Plain SQL inside a transaction: on PostgreSQL straight on the transaction's connection (bulk
 * statements cost a fraction of going through Prisma), otherwise through the transaction client.
 * BIGINT/NUMERIC may come back as strings or bigints: read them with BigInt() / Number().
 */
export function txSql(tx: Tx) {
  const conn = txConnection();
  return {
    async query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
      if (!conn) return tx.$queryRawUnsafe<T[]>(sql, ...params);
      return (await conn.query(sql, params)).rows as T[];
    },
    async execute(sql: string, ...params: unknown[]): Promise<number> {
      if (!conn) return tx.$executeRawUnsafe(sql, ...params);
      return (await conn.query(sql, params)).rowCount ?? 0;
    },
  };
}
