import "server-only";
// What runs in the background, and how often. Each task is idempotent and safe to run on many
// workers at once (it claims rows or enqueues jobs with unique keys); handlers are registered
// by queue name. Features add their entries here.
import { DISPATCH_HANDLERS } from "@/lib/services/dispatch";
import type { Handler } from "./queue";

export type RecurringTask = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

export const HANDLERS: Record<string, Handler> = {
  ...DISPATCH_HANDLERS,
};

export const RECURRING: RecurringTask[] = [];
