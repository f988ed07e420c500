// An upgrade charged on real PostgreSQL: concurrent submits of one form, and two tabs with two
// forms, charge once and apply the plan once.
import { describe, expect, it } from "vitest";
import { periodAccountId } from "@/lib/billing/accounts";
import type { TestPostgres } from "@/test/support/postgres";
import { formKey, freshCustomer, withPaymentsDemoOnPostgres } from "@/test/support/payments";
import { addUpgradePlans } from "@/test/support/plans";
import { checkLedger } from "../ledger/ledger-check";
import { applyChange } from "./plan-portal";

let h: TestPostgres;
withPaymentsDemoOnPostgres((db) => (h = db), addUpgradePlans);

const sandboxCharges = (c: string) => h.prisma.sandboxObject.count({ where: { type: "payment_intent", data: { path: ["metadata", "portico_customer_id"], equals: c } } });

async function expectUpgradedOnce(c: string) {
  const s = await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: c }, include: { plan: true } });
  expect(s.plan.code).toBe("studio");
  expect(await h.prisma.payment.count({ where: { customerId: c, status: "succeeded" } })).toBe(1);
  expect(await sandboxCharges(c)).toBe(1);
  expect(await h.prisma.invoice.count({ where: { customerId: c, kind: "subscription" } })).toBe(1);
  expect(await h.prisma.ledgerTransfer.count({ where: { customerId: c, id: { startsWith: "grant:upgrade:" } } })).toBe(1);
  const credits = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: periodAccountId(c, "plan_credits", s.currentPeriodStart) } });
  expect(credits.postedCredits > 1_000_000n && credits.postedCredits <= 4_000_000n).toBe(true);
  expect(await h.prisma.notification.count({ where: { customerId: c, type: "subscription.updated" } })).toBe(1);
  expect((await checkLedger(h.prisma)).violations).toEqual([]);
}

describe("an upgrade under concurrency", () => {
  it("two concurrent submits of one form charge once", async () => {
    const c = await freshCustomer("creator");
    const key = formKey();
    const results = await Promise.all([0, 1].map(() => applyChange({ customerId: c, planCode: "studio", formKey: key })));
    expect(results.every((r) => r.ok)).toBe(true);
    await expectUpgradedOnce(c);
  });

  it("ten submits of one form at once charge once", async () => {
    const c = await freshCustomer("creator");
    const key = formKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => applyChange({ customerId: c, planCode: "studio", formKey: key })));
    expect(results.every((r) => r.ok)).toBe(true);
    await expectUpgradedOnce(c);
  });

  it("two tabs (two forms) at once: one upgrade is charged, the other is refused or finds it done", async () => {
    const c = await freshCustomer("creator");
    const results = await Promise.all([formKey(), formKey()].map((k) => applyChange({ customerId: c, planCode: "studio", formKey: k })));
    expect(results.filter((r) => r.ok && r.result === "upgraded")).toHaveLength(1);
    await expectUpgradedOnce(c);
  });
});
