import "server-only";
// What runs in the background, and how often. Each task is idempotent and safe to run on many
// workers at once (it claims rows or enqueues jobs with unique keys); handlers are registered
// by queue name. Features add their entries here.
import { purgeIdempotencyRecords } from "@/lib/api/idempotency";
import { SANDBOX_EVENT_QUEUE } from "@/lib/payments/sandbox";
import { AUTO_TOP_UP_QUEUE, runAutoTopUp, handleSandboxEventJob, reconcilePayments } from "@/lib/services/payments";
import { BILLING_HANDLERS, scheduleBillingWork } from "@/lib/services/cycle";
import { DISPATCH_HANDLERS } from "@/lib/services/webhooks";
import { expireDueHolds } from "@/lib/services/usage";
import { pruneRateLimits } from "@/lib/services/shared";
import type { Handler } from "./queue";

type RecurringTask = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

export const HANDLERS: Record<string, Handler> = {
  // notifications → merchant webhooks and customer emails
  ...DISPATCH_HANDLERS,
  // the billing cycle: roll, close, purchased-credit expiry
  ...BILLING_HANDLERS,
  // payments: the sandbox provider's events (its "webhooks"), automatic top-up runs
  [SANDBOX_EVENT_QUEUE]: handleSandboxEventJob,
  [AUTO_TOP_UP_QUEUE]: runAutoTopUp,
};

export const RECURRING: RecurringTask[] = [
  // Periods that ended, periods past their grace window, purchased credits past expiry.
  { name: "billing.schedule", everyMs: 30_000, run: (now) => scheduleBillingWork(now) },
  // Holds nobody captured or released give their amount back (merchant API, authorize + holds).
  { name: "holds.expire", everyMs: Number(process.env.PORTICO_HOLD_SWEEP_MS ?? 5_000), run: (now) => expireDueHolds(now) },
  // Idempotency-Key records are kept 48 h (the API promises at least 24 h).
  { name: "idempotency.purge", everyMs: 3_600_000, run: (now) => purgeIdempotencyRecords(now) },
  // payments stuck between "charged" and "credited" (the provider is asked; same paths as webhooks)
  { name: "payments.reconcile", everyMs: 5 * 60_000, run: (now) => reconcilePayments({ now, stuckOnly: true }) },
  // security: rate-limit windows that ended days ago
  { name: "rate-limits.prune", everyMs: 3_600_000, run: (now) => pruneRateLimits(now) },
];
