// The benchmarks' merchant (bench:ingest, bench:growth): DESIGN's three plans and, for each client,
// one customer per consumption model, funded far beyond what a run spends (a purchased-credit lot
// for Credits, a balance for Balance; Metered bills overage), plus an API key.
import { lotAccountId, merchantAccountId } from "@/lib/billing/accounts";
import { DEMO_PLANS } from "@/lib/billing/plans";
import { transaction } from "@/lib/db/tx";
import type { LedgerRequest } from "@/lib/ledger";
import { createApiKey, createCustomer } from "@/lib/services/customers";
import { ensureAssets, ensureMerchantAccounts, upsertPlan } from "@/lib/services/catalog";
import { postTransfers } from "@/lib/services/ledger";

/** The actions each plan prices, that the benchmarks send. */
export const BENCH_ACTIONS = { api_pro: ["api_call"], creator: ["image_generation", "voice_transcription", "agent_run"], platform: ["gb_hour", "build_minute"] } as const;

type BenchCustomer = { client: number; id: string; plan: keyof typeof BENCH_ACTIONS };

/** Customers `${prefix}_${client}_${plan}` (external id `${client}-${plan}`), subscribed two days before `now`. */
export async function seedBenchMerchant(merchantId: string, clients: number, prefix: string, now = new Date()): Promise<{ customers: BenchCustomer[]; key: string }> {
  const anchorAt = new Date(now.getTime() - 2 * 86_400_000);
  const customers: BenchCustomer[] = [];
  const key = await transaction(async (tx) => {
    await ensureAssets(tx);
    await tx.merchant.create({ data: { id: merchantId, name: "Bench" } });
    await ensureMerchantAccounts(tx, merchantId);
    for (const [i, p] of DEMO_PLANS.entries()) await upsertPlan(tx, merchantId, p, i);
    for (let c = 0; c < clients; c++) {
      for (const plan of ["api_pro", "creator", "platform"] as const) {
        const id = `${prefix}_${c}_${plan}`;
        await createCustomer(tx, { id, merchantId, externalId: `${c}-${plan}`, name: id, email: `${c}-${plan}@bench.example`, planCode: plan, anchorAt, now: anchorAt });
        customers.push({ client: c, id, plan });
        if (plan === "creator") {
          const lot = lotAccountId(id, "bench");
          await tx.ledgerAccount.create({ data: { id: lot, code: lot, asset: "CREDIT", merchantId, customerId: id, bucket: "purchased_credits", noOverdraft: true, expiresAt: new Date(now.getTime() + 365 * 86_400_000) } });
        }
      }
    }
    return (await createApiKey(tx, { merchantId, name: "bench" })).secret;
  });
  await postTransfers(
    customers.flatMap((c): LedgerRequest[] =>
      c.plan === "creator"
        ? [{ op: "transfer", id: `fund-${c.id}`, kind: "purchase", asset: "CREDIT", amount: 10n ** 15n, debitAccountId: merchantAccountId(merchantId, "credits_issued"), creditAccountId: lotAccountId(c.id, "bench"), customerId: c.id }]
        : c.plan === "platform"
          ? [{ op: "transfer", id: `fund-${c.id}`, kind: "grant", asset: "USD", amount: 10n ** 15n, debitAccountId: merchantAccountId(merchantId, "grants"), creditAccountId: `${c.id}:balance`, customerId: c.id }]
          : [],
    ),
  );
  return { customers, key };
}
