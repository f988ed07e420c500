// The database connection: one Prisma client per process, on the embedded PGlite (default) or
// on PostgreSQL (DATABASE_URL). Nothing opens at import time or during `next build`.
import { AsyncLocalStorage } from "node:async_hooks";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { dbMode, isBuildPhase, type DbMode } from "./config";
import { PrismaClient } from "./generated/client";
import { acquireDataDirLock } from "./lock";
import type { SqlExecutor } from "./migrate";

export type DbHandle = {
  mode: DbMode;
  prisma: PrismaClient;
  /** Raw access outside Prisma (migrations, maintenance). Not for use inside a Prisma transaction. */
  raw: SqlExecutor;
  /** Pooled plain-SQL reads outside Prisma, for hot read paths (the portal's pages): a query costs
   *  a tenth of Prisma's. Never inside a Prisma transaction. BIGINT/NUMERIC come back as strings. */
  read: SqlExecutor;
  close(): Promise<void>;
};

function pgliteExecutor(pglite: PGlite): SqlExecutor {
  return {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T,>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
  };
}

export function openPglite(pglite: PGlite, mode: DbMode, release: () => void = () => {}): DbHandle {
  // pglite-prisma-adapter 0.6.1's types lag Prisma 6.19; at run time it is fine.
  const adapter = new PrismaPGlite(pglite) as never;
  const prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 30_000, timeout: 60_000 } });
  return {
    mode,
    prisma,
    raw: pgliteExecutor(pglite),
    read: pgliteExecutor(pglite),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}

// The connection each transaction() attempt runs on (see txConnection): the pool notes the first
// connection handed out with a promise — Prisma's start of an interactive transaction — in the
// slot of the async context that started it.
const txSlots = new AsyncLocalStorage<{ client?: pg.PoolClient }>();

class PinningPool extends pg.Pool {
  // @ts-expect-error -- one implementation for pg.Pool's overloads (promise and callback forms)
  override connect(callback?: Parameters<pg.Pool["connect"]>[0]) {
    if (callback) return super.connect(callback);
    return super.connect().then((client) => {
      const slot = txSlots.getStore();
      if (slot && !slot.client) slot.client = client;
      return client;
    });
  }
}

/** Run one Prisma transaction so that code inside it can reach its connection (txConnection). */
export function withTxSlot<T>(fn: () => Promise<T>): Promise<T> {
  return txSlots.run({}, fn);
}

/**
 * The PostgreSQL connection of the transaction being run by withTxSlot, for plain SQL inside it
 * that skips Prisma's query engine (whose per-statement cost grows with the size of the
 * parameters); null on PGlite or outside one. BIGINT/NUMERIC come back as strings.
 */
export function txConnection(): pg.PoolClient | null {
  return txSlots.getStore()?.client ?? null;
}

export function openPostgres(url: string, poolSize = Number(process.env.PORTICO_DB_POOL ?? 10)): DbHandle {
  const pool = new PinningPool({ connectionString: url, max: poolSize });
  pool.on("error", () => {}); // an idle client dropped by the server; the pool replaces it
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool as unknown as pg.Pool),
    transactionOptions: { maxWait: 30_000, timeout: 60_000 },
  });
  // Raw access (migrations, maintenance) on one dedicated connection, so BEGIN … COMMIT stays together.
  let dedicated: Promise<pg.Client> | null = null;
  const conn = () =>
    (dedicated ??= (async () => {
      const c = new pg.Client({ connectionString: url });
      c.on("error", () => {});
      await c.connect();
      return c;
    })());
  const raw: SqlExecutor = {
    exec: async (sql) => {
      await (await conn()).query(sql);
    },
    query: async <T,>(sql: string, params: unknown[] = []) => (await (await conn()).query(sql, params)).rows as T[],
  };
  return {
    mode: { kind: "postgres", url },
    prisma,
    raw,
    read: {
      exec: async (sql) => {
        await pool.query(sql);
      },
      query: async <T,>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    },
    async close() {
      await prisma.$disconnect();
      if (dedicated) await (await dedicated).end().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}

/** Open the database named by the environment (embedded PGlite unless DATABASE_URL is set). */
export function openDatabase(mode: DbMode = dbMode()): DbHandle {
  if (isBuildPhase()) throw new Error("The database is not opened during `next build`.");
  if (mode.kind === "postgres") return openPostgres(mode.url);
  const release = acquireDataDirLock(mode.dataDir);
  try {
    return openPglite(new PGlite(mode.pgliteDir), mode, release);
  } catch (e) {
    release();
    throw e;
  }
}

const globalForDb = globalThis as unknown as { __porticoDb?: DbHandle };

/** The process-wide database handle, opened on first use (Next loads modules several times). */
function dbHandle(): DbHandle {
  globalForDb.__porticoDb ??= openDatabase();
  return globalForDb.__porticoDb;
}

/** The process-wide Prisma client. */
export function db(): PrismaClient {
  return dbHandle().prisma;
}

/** Plain-SQL reads on the process's database (see DbHandle.read). */
export function dbRead(): SqlExecutor {
  return dbHandle().read;
}

/**
 * Plain SQL outside any transaction, on the pool: reads, or a write that is one statement on its
 * own (autocommit) — for hot paths where Prisma's per-statement cost shows (the API's
 * idempotency records). BIGINT/NUMERIC come back as strings.
 */
export function dbSql(): SqlExecutor {
  return dbHandle().read;
}

/** The installed handle, if any (without opening one). */
export function peekDbHandle(): DbHandle | undefined {
  return globalForDb.__porticoDb;
}

/** Let tests and scripts install their own handle (e.g. a per-test PGlite or PostgreSQL database). */
export function setDbHandle(handle: DbHandle | undefined) {
  globalForDb.__porticoDb = handle;
}

export async function closeDb() {
  const h = globalForDb.__porticoDb;
  globalForDb.__porticoDb = undefined;
  await h?.close();
}
