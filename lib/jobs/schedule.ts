import "server-only";
// What runs in the background, and how often. Each task is idempotent and safe to run on many
// workers at once (it claims rows or enqueues jobs with unique keys); handlers are registered
// by queue name. Features add their entries here.
import { BILLING_HANDLERS, scheduleBillingWork } from "@/lib/services/billing-cycle";
import { DISPATCH_HANDLERS } from "@/lib/services/dispatch";
import type { Handler } from "./queue";

export type RecurringTask = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

export const HANDLERS: Record<string, Handler> = {
  ...DISPATCH_HANDLERS,
  ...BILLING_HANDLERS,
};

export const RECURRING: RecurringTask[] = [{ name: "billing.schedule", everyMs: 30_000, run: (now) => scheduleBillingWork(now) }];
