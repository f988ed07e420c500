import "server-only";
// What follows recorded usage, inside the same transaction, for the customers whose wallets just
// changed: the alerts they set (low balance, usage thresholds) and automatic top-ups. Each
// follower must be cheap when nothing crossed a line, and idempotent (dedupe keys, unique jobs).
import type { Tx } from "@/lib/db/tx";
import { alertsAfterUsage } from "./alerts";

export type UsageTouched = { merchantId: string; customerIds: string[]; now: Date };

export type UsageFollower = (tx: Tx, touched: UsageTouched) => Promise<void>;

/** Followers run in this order. Add yours here. */
const FOLLOWERS: UsageFollower[] = [alertsAfterUsage];

export async function afterUsageRecorded(tx: Tx, touched: UsageTouched): Promise<void> {
  if (touched.customerIds.length === 0) return;
  for (const follow of FOLLOWERS) await follow(tx, touched);
}
