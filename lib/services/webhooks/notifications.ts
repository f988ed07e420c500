import "server-only";
// Things a customer should know — alerts, payments, invoices — recorded once per dedupe key,
// shown in the portal, and handed to the "notification.dispatch" job, which sends the merchant's
// webhook and the customer's email (at least once, dedupable by the notification id).
import type { Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { enqueue } from "@/lib/jobs/queue";

export type NotificationType =
  | "balance.low"
  | "usage.threshold"
  | "top_up.succeeded"
  | "payment.failed"
  | "invoice.issued"
  | "subscription.updated"
  | "auto_top_up.failed";

type NewNotification = {
  customerId: string;
  type: NotificationType;
  /** The same key never notifies twice (e.g. "usage.threshold:80:<period start>"). */
  dedupeKey: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  /** When it happened (defaults to now); its delivery is due from then. */
  now?: Date;
};

export const DISPATCH_QUEUE = "notification.dispatch";

/** Record a notification (once per key) and queue its delivery. Returns whether it is new. */
export async function notify(tx: Tx, n: NewNotification): Promise<boolean> {
  const id = newId("ntf");
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO notifications (id, customer_id, type, dedupe_key, title, body, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT (customer_id, dedupe_key) DO NOTHING`,
    id,
    n.customerId,
    n.type,
    n.dedupeKey,
    n.title,
    n.body,
    JSON.stringify(n.data ?? {}),
  );
  if (inserted === 0) return false;
  await enqueue(tx, { queue: DISPATCH_QUEUE, uniqueKey: `dispatch:${id}`, payload: { notificationId: id }, runAt: n.now });
  return true;
}
