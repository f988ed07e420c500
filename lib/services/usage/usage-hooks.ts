import "server-only";
// What follows recorded usage, inside the same transaction, for the customers whose wallets just
// changed: the alerts they set (low balance, usage thresholds) and automatic top-ups. Each
// follower must be cheap when nothing crossed a line, and idempotent (dedupe keys, unique jobs).
import type { Tx } from "@/lib/db/tx";
import { alertsAfterUsage } from "./alerts";
import { autoTopUpFollower } from "../payments/auto-top-up";
import type { UsageFollower, UsageTouched } from "./usage-follower";

/** Followers run in this order. Add yours here. */
// Alerts first (they describe the crossing), then the automatic top-up that answers it.
const FOLLOWERS: UsageFollower[] = [alertsAfterUsage, autoTopUpFollower];

export async function afterUsageRecorded(tx: Tx, touched: UsageTouched): Promise<void> {
  if (touched.customerIds.length === 0) return;
  for (const follow of FOLLOWERS) await follow(tx, touched);
}
