import "server-only";
// What a customer has: every wallet bucket's balance, read from the ledger's running totals
// (O(1) per account, whatever the history), for the portal's overview and the API's wallet.
import { periodAccountId } from "@/lib/billing/accounts";
import { totalAvailable, type Source } from "@/lib/billing/rating";
import { rulesFor } from "@/lib/billing/models";
import { usageAsset } from "@/lib/billing/plans";
import { db, dbRead } from "@/lib/db/client";
import { plansById, type StoredPlan } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import { balanceOf } from "@/lib/ledger";
import type { AssetCode } from "@/lib/ledger/assets";
import { displayLocale } from "@/lib/i18n/locale-scope";

type BucketView = {
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

type CustomerRow = {
  id: string; merchant_id: string; name: string; external_id: string; locale: string | null; currency: string;
  sub_id: string | null; status: string; plan_id: string; anchor_at: Date; current_period_start: Date; current_period_end: Date;
  cancel_at_period_end: boolean; spending_cap_micros: string | null; pending_plan_id: string | null;
};

type AccountRow = { id: string; bucket: string; asset: string; expires_at: Date | null; posted_debits: string; posted_credits: string; pending_debits: string; pending_credits: string };

/** The customer and subscription by plain SQL (the portal's hot path: no Prisma round trip). */
async function readCustomer(customerId: string) {
  const [r] = await dbRead().query<CustomerRow>(
    `SELECT c.id, c.merchant_id, c.name, c.external_id, c.locale, c.currency, s.id AS sub_id, s.status::text AS status, s.plan_id, s.anchor_at,
            s.current_period_start, s.current_period_end, s.cancel_at_period_end, s.spending_cap_micros::text AS spending_cap_micros, s.pending_plan_id
       FROM customers c LEFT JOIN subscriptions s ON s.customer_id = c.id WHERE c.id = $1`,
    [customerId],
  );
  if (!r) return null;
  const subscription = r.sub_id
    ? {
        id: r.sub_id, status: r.status, planId: r.plan_id, anchorAt: new Date(r.anchor_at), currentPeriodStart: new Date(r.current_period_start),
        currentPeriodEnd: new Date(r.current_period_end), cancelAtPeriodEnd: r.cancel_at_period_end,
        spendingCapMicros: r.spending_cap_micros === null ? null : BigInt(r.spending_cap_micros), pendingPlanId: r.pending_plan_id,
      }
    : null;
  return { id: r.id, merchantId: r.merchant_id, name: r.name, externalId: r.external_id, locale: displayLocale(r.locale), currency: r.currency, subscription };
}

async function readAccounts(customerId: string, periodIds: string[], now: Date) {
  const rows = await dbRead().query<AccountRow>(
    `SELECT id, bucket::text AS bucket, asset, expires_at, posted_debits::text AS posted_debits, posted_credits::text AS posted_credits,
            pending_debits::text AS pending_debits, pending_credits::text AS pending_credits
       FROM ledger_accounts
      WHERE customer_id = $1 AND (id = ANY($2::text[]) OR bucket = 'balance' OR (bucket = 'purchased_credits' AND expires_at > $3))`,
    [customerId, periodIds, now],
  );
  return rows.map((a) => ({
    id: a.id, bucket: a.bucket, asset: a.asset, expiresAt: a.expires_at ? new Date(a.expires_at) : null, postedDebits: BigInt(a.posted_debits),
    postedCredits: BigInt(a.posted_credits), pendingDebits: BigInt(a.pending_debits), pendingCredits: BigInt(a.pending_credits),
  }));
}

export async function getWallet(customerId: string, opts: { client?: Client; now?: Date } = {}): Promise<WalletView | null> {
  const client = opts.client ?? db();
  const now = opts.now ?? new Date();
  const c = opts.client ? await opts.client.customer.findUnique({ where: { id: customerId }, include: { subscription: true } }) : await readCustomer(customerId);
  if (!c) return null;
  const customer = { id: c.id, merchantId: c.merchantId, name: c.name, externalId: c.externalId, locale: displayLocale(c.locale), currency: c.currency };
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
  const accounts = opts.client
    ? await opts.client.ledgerAccount.findMany({
        where: {
          customerId: c.id,
          OR: [{ id: { in: periodIds } }, { bucket: "balance" }, { bucket: "purchased_credits", expiresAt: { gt: now } }],
        },
      })
    : await readAccounts(c.id, periodIds, now);
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
  if (rulesFor(plan).tracksOverage && !overage) overage = { accruedMicros: 0n, capMicros: sub.spendingCapMicros };
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
