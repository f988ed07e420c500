// Accounts for ledger tests, created through Prisma like the domain services do.
import type { PrismaClient } from "@/lib/db/generated/client";

export async function createLedgerFixture(prisma: PrismaClient, opts: { wallets?: number } = {}) {
  await prisma.asset.createMany({
    data: [
      { code: "CREDIT", scale: 3, name: "credit" },
      { code: "USD", scale: 6, name: "US dollar" },
    ],
    skipDuplicates: true,
  });
  await prisma.merchant.upsert({ where: { id: "mer_test" }, create: { id: "mer_test", name: "Test merchant" }, update: {} });
  const wallets = Array.from({ length: opts.wallets ?? 1 }, (_, i) => `wallet${i + 1}`);
  await prisma.ledgerAccount.createMany({
    data: [
      { id: "issuer", code: "issuer", asset: "CREDIT", merchantId: "mer_test", bucket: "merchant" },
      { id: "revenue", code: "revenue", asset: "CREDIT", merchantId: "mer_test", bucket: "merchant" },
      { id: "usd", code: "usd", asset: "USD", merchantId: "mer_test", bucket: "merchant" },
      ...wallets.map((id) => ({ id, code: id, asset: "CREDIT", merchantId: "mer_test", bucket: "plan_credits" as const, noOverdraft: true })),
    ],
  });
  return { wallets };
}
