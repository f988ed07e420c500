import "server-only";
// What runs in the background, and how often. Each task is idempotent and safe to run on many
// workers at once (it claims rows or enqueues jobs with unique keys); handlers are registered
// by queue name. Features add their entries here.
import { purgeIdempotencyRecords } from "@/lib/api/idempotency";
import { BILLING_HANDLERS, scheduleBillingWork } from "@/lib/services/billing-cycle";
import { DISPATCH_HANDLERS } from "@/lib/services/dispatch";
import { expireDueHolds } from "@/lib/services/holds";
import type { Handler } from "./queue";

export type RecurringTask = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

export const HANDLERS: Record<string, Handler> = {
  ...DISPATCH_HANDLERS,
  ...BILLING_HANDLERS,
};

export const RECURRING: RecurringTask[] = [
  // Periods that ended, periods past their grace window, purchased credits past expiry.
  { name: "billing.schedule", everyMs: 30_000, run: (now) => scheduleBillingWork(now) },
  // Holds nobody captured or released give their amount back (merchant API, authorize + holds).
  { name: "holds.expire", everyMs: Number(process.env.PORTICO_HOLD_SWEEP_MS ?? 5_000), run: (now) => expireDueHolds(now) },
  // Idempotency-Key records are kept 48 h (the API promises at least 24 h).
  { name: "idempotency.purge", everyMs: 3_600_000, run: (now) => purgeIdempotencyRecords(now) },
];
