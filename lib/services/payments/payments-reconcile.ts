import "server-only";
// Reconciling payments with the provider (npm run payments:reconcile, and a recurring task for the
// stuck ones): payments the provider charged that were never credited (a crash between "charged"
// and "credited"), payments still "charging" that never reached the provider, and credited ones
// the provider has since refunded, disputed or failed. Everything goes through the same
// idempotent paths as the portal and the webhooks, so running it twice changes nothing.
import { db } from "@/lib/db/client";
import type { Payment } from "@/lib/db/generated/client";
import { applyProviderState, syncPayment } from "./payments";

type ReconcileAction = { paymentId: string; before: string; after: string };
type ReconcileReport = { checked: number; repaired: ReconcileAction[]; waiting: string[]; unresolved: { paymentId: string; error: string }[] };

const describe = (p: Payment) => `${p.status}${p.creditedAt ? ", credited" : ""}${p.reversedAt ? ", reversed" : ""}`;

export async function reconcilePayments(opts: { now?: Date; staleAfterMs?: number; sinceDays?: number; stuckOnly?: boolean } = {}): Promise<ReconcileReport> {
  const now = opts.now ?? new Date();
  const staleBefore = new Date(now.getTime() - (opts.staleAfterMs ?? 10 * 60_000));
  const since = new Date(now.getTime() - (opts.sinceDays ?? 90) * 86_400_000);
  const candidates = await db().payment.findMany({
    where: {
      OR: [
        { status: { in: ["processing", "requires_action"] }, updatedAt: { lt: staleBefore } },
        { status: "succeeded", creditedAt: null },
        ...(opts.stuckOnly ? [] : [{ creditedAt: { not: null }, reversedAt: null, createdAt: { gte: since } }]),
      ],
    },
    orderBy: { createdAt: "asc" },
  });
  const report: ReconcileReport = { checked: candidates.length, repaired: [], waiting: [], unresolved: [] };
  for (const p of candidates) {
    try {
      let after = await syncPayment(p.id, now);
      if (after.status === "processing" && !after.providerPaymentId && p.updatedAt < staleBefore) {
        // The provider has no payment under this key: the charge never happened.
        after = await applyProviderState(p.id, {
          providerPaymentId: null, status: "failed", amountCents: p.amountCents, failureCode: "not_charged",
          failureMessage: "The payment never reached the provider.", clientSecret: null, amountRefundedCents: 0n, disputed: false, paymentId: p.id,
        }, now);
      }
      if (describe(after) !== describe(p)) report.repaired.push({ paymentId: p.id, before: describe(p), after: describe(after) });
      else if (after.status === "requires_action") report.waiting.push(p.id);
    } catch (e) {
      report.unresolved.push({ paymentId: p.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return report;
}
