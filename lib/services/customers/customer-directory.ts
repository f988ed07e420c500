import "server-only";
// Finding a merchant's customers: by reference ("cus_…" or "ext:<external_id>"), always scoped
// to the merchant — another merchant's customer is simply not found — and listing them newest
// first with a cursor.
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/tx";

const include = { subscription: { include: { plan: { select: { code: true, version: true } }, pendingPlan: { select: { code: true } } } } } as const;

export type CustomerWithSubscription = Prisma.CustomerGetPayload<{ include: typeof include }>;

export function customerWhere(merchantId: string, ref: string): Prisma.CustomerWhereInput {
  return ref.startsWith("ext:") ? { merchantId, externalId: ref.slice(4) } : { merchantId, id: ref };
}

export async function findCustomer(tx: Tx, merchantId: string, ref: string): Promise<CustomerWithSubscription | null> {
  return tx.customer.findFirst({ where: customerWhere(merchantId, ref), include });
}

export async function listCustomers(
  tx: Tx,
  merchantId: string,
  opts: { limit: number; startingAfter?: string; externalId?: string },
): Promise<{ data: CustomerWithSubscription[]; hasMore: boolean } | { cursorMissing: true }> {
  const where: Prisma.CustomerWhereInput = { merchantId };
  if (opts.externalId !== undefined) where.externalId = opts.externalId;
  if (opts.startingAfter) {
    const cursor = await tx.customer.findFirst({ where: { merchantId, id: opts.startingAfter }, select: { id: true, createdAt: true } });
    if (!cursor) return { cursorMissing: true };
    // Newest first: the page after the cursor is everything older (ties broken by id).
    where.OR = [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }];
  }
  const rows = await tx.customer.findMany({ where, include, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: opts.limit + 1 });
  return { data: rows.slice(0, opts.limit), hasMore: rows.length > opts.limit };
}
