import "server-only";
// Customers of a merchant: created with their owner user and, when a plan is named, their
// subscription, wallet accounts and first grants — in one transaction.
import { findPlanByCode } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { ServiceError } from "../shared/errors";
import { startSubscription } from "../cycle/subscriptions";

type CreateCustomerInput = {
  merchantId: string;
  externalId: string;
  name: string;
  email: string;
  planCode?: string | null;
  locale?: string;
  currency?: string;
  now: Date;
  /** Subscription anchor; defaults to now. */
  anchorAt?: Date;
  /** Explicit id (the demo seed uses stable ids). */
  id?: string;
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Find or create the user with this email and make them a member of the customer account. */
export async function addMember(tx: Tx, args: { customerId: string; email: string; name?: string | null; role: "owner" | "billing" | "viewer"; invitedBy?: string | null }) {
  const email = normalizeEmail(args.email);
  const user = await tx.user.upsert({ where: { email }, create: { email, name: args.name ?? null }, update: {} });
  const membership = await tx.membership.upsert({
    where: { userId_customerId: { userId: user.id, customerId: args.customerId } },
    create: { userId: user.id, customerId: args.customerId, role: args.role, invitedBy: args.invitedBy ?? null },
    update: {},
  });
  return { user, membership };
}

export async function createCustomer(tx: Tx, input: CreateCustomerInput) {
  const plan = input.planCode ? await findPlanByCode(tx, input.merchantId, input.planCode) : null;
  if (input.planCode && (!plan || !plan.active)) {
    throw new ServiceError("plan_not_found", `No plan with code "${input.planCode}".`, "plan");
  }
  const existing = await tx.customer.findUnique({
    where: { merchantId_externalId: { merchantId: input.merchantId, externalId: input.externalId } },
  });
  if (existing) {
    throw new ServiceError("already_exists", `A customer with external_id "${input.externalId}" already exists (${existing.id}).`, "external_id");
  }
  const customer = await tx.customer.create({
    data: {
      id: input.id ?? newId("cus"),
      merchantId: input.merchantId,
      externalId: input.externalId,
      name: input.name,
      email: normalizeEmail(input.email),
      locale: input.locale ?? null,
      currency: input.currency ?? plan?.currency ?? "USD",
    },
  });
  const { user } = await addMember(tx, { customerId: customer.id, email: input.email, name: input.name, role: "owner" });
  const subscription = plan
    ? await startSubscription(tx, { customer, plan, anchorAt: input.anchorAt ?? input.now, now: input.now })
    : null;
  return { customer, user, subscription };
}
