import "server-only";
// When an automatic top-up may fire again: it is disarmed when it fires (one run per crossing of
// the threshold) and re-armed once the usable amount is back at or above the threshold — after a
// purchase credits the wallet, or when the follower sees it after usage.
import type { Tx } from "@/lib/db/tx";
import { getWallet } from "../usage/wallet";

export const ACTIVE_RUN_STATUSES = ["queued", "charging", "retrying"] as const;

/** What the customer can spend now, in the plan's usage asset (null without a plan). */
export async function usableNow(tx: Tx, customerId: string, now: Date): Promise<bigint | null> {
  const wallet = await getWallet(customerId, { client: tx, now });
  return wallet?.usable?.available ?? null;
}

export async function rearmIfAbove(tx: Tx, customerId: string, now: Date): Promise<boolean> {
  const atu = await tx.autoTopUp.findUnique({ where: { customerId } });
  if (!atu || !atu.enabled || atu.armed) return false;
  const active = await tx.autoTopUpRun.count({ where: { customerId, status: { in: [...ACTIVE_RUN_STATUSES] } } });
  if (active > 0) return false;
  const usable = await usableNow(tx, customerId, now);
  if (usable === null || usable < atu.threshold) return false;
  const done = await tx.autoTopUp.updateMany({ where: { customerId, armed: false }, data: { armed: true } });
  return done.count > 0;
}
