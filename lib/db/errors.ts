// Reading PostgreSQL error codes through Prisma's wrappers (driver adapters put the server's code
// in meta.driverAdapterError.cause.code; model queries use Prisma's own P-codes).

/** Thrown to abort and retry a transaction that lost a race (e.g. an id inserted meanwhile). */
export class RetryableConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryableConflict";
  }
}

type Wrapped = {
  code?: string;
  meta?: { driverAdapterError?: { cause?: { code?: string; originalCode?: string } }; code?: string };
  cause?: unknown;
};

function pgErrorCode(e: unknown): string | undefined {
  const w = e as Wrapped | undefined;
  if (!w || typeof w !== "object") return undefined;
  const cause = w.meta?.driverAdapterError?.cause;
  if (cause?.code) return cause.code;
  if (cause?.originalCode) return cause.originalCode;
  if (typeof w.meta?.code === "string") return w.meta.code;
  if (typeof w.code === "string" && /^[0-9A-Z]{5}$/.test(w.code) && !w.code.startsWith("P")) return w.code;
  return undefined;
}

/** Serialization failure, deadlock, or a race we detected ourselves: try the whole thing again. */
export function isRetryable(e: unknown): boolean {
  if (e instanceof RetryableConflict) return true;
  const w = e as Wrapped | undefined;
  if (w?.code === "P2034") return true;
  const code = pgErrorCode(e);
  return code === "40001" || code === "40P01";
}

export function isUniqueViolation(e: unknown): boolean {
  const w = e as Wrapped | undefined;
  return w?.code === "P2002" || pgErrorCode(e) === "23505";
}

/** An insert into a partitioned table found no partition for its row (23514, "no partition of relation …"). */
export function isNoPartition(e: unknown): boolean {
  return pgErrorCode(e) === "23514" && /no partition of relation/i.test(String((e as Error | undefined)?.message ?? "") + JSON.stringify((e as Wrapped | undefined)?.meta ?? {}));
}
