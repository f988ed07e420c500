// What a follower of recorded usage receives (lib/services/usage/usage-hooks.ts runs them): its own
// file, so the followers (alerts, automatic top-up) and the hook list import it without a circle.
import type { Tx } from "@/lib/db/tx";

export type UsageTouched = {
  merchantId: string;
  customerIds: string[];
  now: Date;
  /** Customers with an event refused because the wallet ran out (the auto top-up hook). */
  outOfFunds?: string[];
};

export type UsageFollower = (tx: Tx, touched: UsageTouched) => Promise<void>;
