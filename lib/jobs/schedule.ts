import "server-only";
// What runs in the background, and how often. Each task is idempotent and safe to run on many
// workers at once (it claims rows or enqueues jobs with unique keys); handlers are registered
// by queue name. Features add their entries here.
import { SANDBOX_EVENT_QUEUE } from "@/lib/payments/sandbox";
import { AUTO_TOP_UP_QUEUE, runAutoTopUp } from "@/lib/services/auto-top-up";
import { handleSandboxEventJob } from "@/lib/services/payments";
import { reconcilePayments } from "@/lib/services/payments-reconcile";
import type { Handler } from "./queue";

export type RecurringTask = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

export const HANDLERS: Record<string, Handler> = {
  // payments: the sandbox provider's events (its "webhooks"), automatic top-up runs
  [SANDBOX_EVENT_QUEUE]: handleSandboxEventJob,
  [AUTO_TOP_UP_QUEUE]: runAutoTopUp,
};

export const RECURRING: RecurringTask[] = [
  // payments stuck between "charged" and "credited" (the provider is asked; same paths as webhooks)
  { name: "payments.reconcile", everyMs: 5 * 60_000, run: (now) => reconcilePayments({ now, stuckOnly: true }) },
];
