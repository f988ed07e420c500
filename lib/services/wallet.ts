import "server-only";
// What a customer has: every wallet bucket's balance, read from the ledger's running totals
// (O(1) per account, whatever the history), for the portal's overview and the API's wallet.
import { periodAccountId } from "@/lib/billing/accounts";
import { totalAvailable, type Source } from "@/lib/billing/rating";
import { usageAsset } from "@/lib/billing/plans";
import { db } from "@/lib/db/client";
import { plansById, type StoredPlan } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import { balanceOf } from "@/lib/ledger";
import type { AssetCode } from "@/lib/ledger/assets";

export type BucketView = {
  accountId: string;
  bucket: "included_usage" | "plan_credits" | "purchased_credits" | "balance" | "overage";
  label: string;
  asset: AssetCode;
  posted: bigint;
  held: bigint;
  available: bigint;
  /** Everything ever credited to the account (a period's grant plus any rollover, a lot's pack). */
  credited: bigint;
  /** Purchased lots: when what is left expires. Period buckets: when the period ends. */
  expiresAt: Date | null;
};

export type WalletView = {
  customer: { id: string; merchantId: string; name: string; externalId: string; locale: string; currency: string };
  plan: StoredPlan | null;
  subscription: {
    id: string;
    status: string;
    anchorAt: Date;
    periodStart: Date;
    periodEnd: Date;
    cancelAtPeriodEnd: boolean;
    spendingCapMicros: bigint | null;
    pendingPlanId: string | null;
  } | null;
  /** Spendable buckets in the order they are spent. */
  buckets: BucketView[];
  /** The usage asset of the plan, and how much of it can be spent now. */
  usable: { asset: AssetCode; available: bigint; held: bigint } | null;
  /** Metered: this period's included units and overage. */
  included: { granted: bigint; used: bigint; left: bigint } | null;
  overage: { accruedMicros: bigint; capMicros: bigint | null } | null;
};

type Client = Pick<Tx, "customer" | "ledgerAccount" | "plan">;

export async function getWallet(customerId: string, opts: { client?: Client; now?: Date } = {}): Promise<WalletView | null> {
  const client = opts.client ?? db();
  const now = opts.now ?? new Date();
  const c = await client.customer.findUnique({ where: { id: customerId }, include: { subscription: true } });
  if (!c) return null;
  const customer = { id: c.id, merchantId: c.merchantId, name: c.name, externalId: c.externalId, locale: c.locale, currency: c.currency };
  const sub = c.subscription;
  const plan = sub ? ((await plansById(client as Tx, c.merchantId)).get(sub.planId) ?? null) : null;
  const subscription = sub && {
    id: sub.id,
    status: sub.status,
    anchorAt: sub.anchorAt,
    periodStart: sub.currentPeriodStart,
    periodEnd: sub.currentPeriodEnd,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    spendingCapMicros: sub.spendingCapMicros,
    pendingPlanId: sub.pendingPlanId,
  };
  if (!sub || !plan) return { customer, plan, subscription, buckets: [], usable: null, included: null, overage: null };

  const periodIds = ["included_usage", "plan_credits", "overage"].map((b) =>
    periodAccountId(c.id, b as "included_usage" | "plan_credits" | "overage", sub.currentPeriodStart),
  );
  const accounts = await client.ledgerAccount.findMany({
    where: {
      customerId: c.id,
      OR: [{ id: { in: periodIds } }, { bucket: "balance" }, { bucket: "purchased_credits", expiresAt: { gt: now } }],
    },
  });
  const buckets: BucketView[] = [];
  let included: WalletView["included"] = null;
  let overage: WalletView["overage"] = null;
  for (const a of accounts) {
    const b = balanceOf(a);
    if (a.bucket === "overage") {
      overage = { accruedMicros: a.postedDebits + a.pendingDebits - a.postedCredits, capMicros: sub.spendingCapMicros };
      continue;
    }
    if (a.bucket === "purchased_credits" && b.posted <= 0n) continue;
    const label =
      a.bucket === "included_usage" ? "Included usage" : a.bucket === "plan_credits" ? "Plan credits" : a.bucket === "purchased_credits" ? "Purchased credits" : "Balance";
    buckets.push({
      accountId: a.id,
      bucket: a.bucket as BucketView["bucket"],
      label,
      asset: a.asset as AssetCode,
      ...b,
      credited: a.postedCredits,
      expiresAt: a.bucket === "purchased_credits" ? a.expiresAt : a.bucket === "balance" ? null : sub.currentPeriodEnd,
    });
    if (a.bucket === "included_usage") {
      const granted = a.postedCredits;
      included = { granted, used: a.postedDebits + a.pendingDebits, left: b.available };
    }
  }
  if (plan.model === "metered" && !overage) overage = { accruedMicros: 0n, capMicros: sub.spendingCapMicros };
  const order: Record<BucketView["bucket"], number> = { included_usage: 0, plan_credits: 0, purchased_credits: 1, balance: 2, overage: 3 };
  buckets.sort(
    (x, y) =>
      order[x.bucket] - order[y.bucket] ||
      (x.expiresAt?.getTime() ?? Infinity) - (y.expiresAt?.getTime() ?? Infinity) ||
      (x.accountId < y.accountId ? -1 : 1),
  );
  const asset = usageAsset(plan);
  const sources: Source[] = buckets
    .filter((b) => b.asset === asset)
    .map((b) => ({
      accountId: b.accountId,
      asset: b.asset,
      kind: b.bucket === "purchased_credits" ? "lot" : b.bucket === "included_usage" ? "included" : b.bucket === "plan_credits" ? "plan_credits" : "balance",
      available: b.available,
      expiresAt: b.bucket === "purchased_credits" ? b.expiresAt : null,
    }));
  const usable = {
    asset,
    available: totalAvailable({ sources, overage: null }, now),
    held: buckets.filter((b) => b.asset === asset).reduce((s, b) => s + b.held, 0n),
  };
  return { customer, plan, subscription, buckets, usable, included, overage };
}
