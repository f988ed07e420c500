// A small portal world for service tests: the demo plans, one customer per consumption model and
// a second credits customer ("other") whose data must never show up for the first — created and
// used through the real services (createCustomer, recordUsage, the ledger).
import { lotAccountId, merchantAccountId } from "@/lib/billing/accounts";
import { DEMO_PLANS } from "@/lib/billing/plans";
import { addDays } from "@/lib/billing/periods";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { ensureAssets, ensureMerchantAccounts, upsertPlan } from "@/lib/services/catalog/catalog";
import { addMember, createCustomer } from "@/lib/services/customers/customers";
import { postTransfers } from "@/lib/services/ledger/ledger";
import { recordUsage, type UsageEventInput } from "@/lib/services/usage/usage";

export const MER = "mer_t";
export const C = { metered: "cus_metered", credits: "cus_credits", balance: "cus_balance", other: "cus_other" } as const;

/** Anchors 10 days before `now`: every customer is 10 days into a monthly period. */
export async function createPortalWorld(h: DbHandle, now: Date) {
  const anchorAt = addDays(now, -10);
  await transaction(
    async (tx) => {
      await ensureAssets(tx);
      await tx.merchant.create({ data: { id: MER, name: "Test merchant" } });
      await ensureMerchantAccounts(tx, MER);
      for (const [i, p] of DEMO_PLANS.entries()) await upsertPlan(tx, MER, p, i);
      const make = (id: string, plan: string) =>
        createCustomer(tx, { id, merchantId: MER, externalId: id, name: id, email: `owner@${id}.example`, planCode: plan, anchorAt, now: anchorAt });
      await make(C.metered, "api_pro");
      await make(C.credits, "creator");
      await make(C.balance, "platform");
      await make(C.other, "creator");
      await addMember(tx, { customerId: C.credits, email: "viewer@credits.example", role: "viewer" });
      await addMember(tx, { customerId: C.credits, email: "billing@credits.example", role: "billing" });
    },
    { client: h.prisma },
  );
  return { anchorAt };
}

let seq = 0;
export async function use(customer: string, action: string, quantity: bigint, at: Date, now = at) {
  const e: UsageEventInput = { id: `ev_${customer}_${++seq}`, customer, action, quantity, timestamp: at };
  const [r] = await recordUsage(MER, [e], { now });
  if (r?.status !== "accepted") throw new Error(`usage not accepted: ${JSON.stringify(r, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
  return e.id;
}

/** A purchased-credit lot, as the payments flow creates one (account + purchase transfer). */
export async function buyLot(h: DbHandle, customer: string, key: string, creditsMilli: bigint, expiresAt: Date, now: Date) {
  const id = lotAccountId(customer, key);
  await h.prisma.ledgerAccount.create({
    data: { id, code: id, asset: "CREDIT", merchantId: MER, customerId: customer, bucket: "purchased_credits", noOverdraft: true, expiresAt },
  });
  const [r] = await postTransfers([
    { op: "transfer", id: `purchase:${key}`, kind: "purchase", asset: "CREDIT", amount: creditsMilli, debitAccountId: merchantAccountId(MER, "credits_issued"), creditAccountId: id, customerId: customer, refs: { pack: "pack_500" }, reason: "500 credits pack" },
  ], { now });
  if (!r?.ok) throw new Error("lot purchase failed");
  return id;
}
