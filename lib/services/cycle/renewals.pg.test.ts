// Renewal invoices and dunning on real PostgreSQL, driven by the billing cycle with a moving
// clock: a Jan 31 anchor through the leap day, each model invoiced once (also by three workers
// at once), charged with the sandbox's test cards; a declined card goes past due, is retried on
// the plan's schedule, and either recovers or meets the plan's rule (suspend / cancel).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodAccountId } from "@/lib/billing/accounts";
import { DEMO_PLANS } from "@/lib/billing/plans";
import { setDbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { balanceOf } from "@/lib/ledger";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { CARDS, formKey, saveDefaultCard } from "@/test/support/payments";
import { runBillingCycle } from "./billing-cycle";
import { formatReconcileReport, monthRange, reconcileBilling } from "./billing-reconcile";
import { ensureAssets, ensureMerchantAccounts, upsertPlan } from "../catalog/catalog";
import { createCustomer } from "../customers/customers";
import { checkLedger } from "../ledger/ledger-check";
import { seedDemoCard } from "../payments/payment-methods";
import { payInvoiceNow } from "./renewals";
import { recordUsage } from "../usage/usage";

let h: TestPostgres;
const ANCHOR = new Date("2028-01-31T23:30:00Z");
const d = (s: string) => new Date(s);
const END1 = d("2028-02-29T23:30:00Z"); // Jan 31 + 1 month, clamped to the leap day
const AFTER_GRACE = d("2028-03-01T23:30:00Z");
const MER = "mer_r";

async function customer(id: string, plan: string, card: string | null = null) {
  await transaction(async (tx) => {
    await createCustomer(tx, { id, merchantId: MER, externalId: id, name: id, email: `${id}@r.example`, planCode: plan, anchorAt: ANCHOR, now: ANCHOR });
    await seedDemoCard(tx, { id, email: `${id}@r.example`, name: id }, ANCHOR);
  });
  if (card) await saveDefaultCard(id, card);
}

beforeAll(async () => {
  h = await createTestPostgres(20);
  setDbHandle(h);
  await transaction(async (tx) => {
    await ensureAssets(tx);
    await tx.merchant.create({ data: { id: MER, name: "Renewals", taxRateBps: 800 } });
    await ensureMerchantAccounts(tx, MER);
    for (const p of DEMO_PLANS) await upsertPlan(tx, MER, p);
  });
  await h.prisma.plan.updateMany({ where: { merchantId: MER, code: "api_pro" }, data: { dunningRule: "cancel" } });
  await customer("cus_met", "api_pro");
  await customer("cus_cre", "creator");
  await customer("cus_bal", "platform");
  await customer("cus_dun", "creator", CARDS.declined); // fails, then recovers on a retry
  await customer("cus_sus", "platform", CARDS.insufficient); // fails every retry → suspended
  await customer("cus_can", "api_pro", CARDS.declined); // fails every retry → canceled
  await customer("cus_race", "creator", CARDS.declined); // two "Pay now" clicks at once
  await customer("cus_chg", "creator"); // moves to Platform at the renewal (a scheduled plan change)
  const platform = await h.prisma.plan.findFirstOrThrow({ where: { merchantId: MER, code: "platform" } });
  await h.prisma.subscription.update({ where: { customerId: "cus_chg" }, data: { pendingPlanId: platform.id } });
}, 60_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.drop();
});

const subInvoices = (customerId: string) =>
  h.prisma.invoice.findMany({ where: { customerId, kind: "subscription" }, include: { lines: { orderBy: { position: "asc" } }, payments: true }, orderBy: { issuedAt: "asc" } });
const sub = (customerId: string) => h.prisma.subscription.findUniqueOrThrow({ where: { customerId } });
const notes = (customerId: string, type: string) => h.prisma.notification.findMany({ where: { customerId, type }, orderBy: { createdAt: "asc" } });

describe("renewal invoices", () => {
  it("at the period end, Credits and Balance plans are invoiced for the next period; Metered waits for its close", async () => {
    await recordUsage(MER, [{ id: "m1", customer: "cus_met", action: "api_call", quantity: 14_000n, timestamp: d("2028-02-20T00:00:00Z") }], { now: d("2028-02-20T00:00:01Z") });
    await recordUsage(MER, [{ id: "b1", customer: "cus_bal", action: "build_minute", quantity: 100n, timestamp: d("2028-02-20T00:00:00Z") }], { now: d("2028-02-20T00:00:01Z") });
    // the Balance customer's balance before the renewal: $50 granted − 100 build minutes × $0.04
    const balBefore = balanceOf(await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: "cus_bal:balance" } })).available;
    expect(balBefore).toBe(46_000_000n);

    await Promise.all([runBillingCycle(END1), runBillingCycle(END1), runBillingCycle(END1)]);
    const [cre] = await subInvoices("cus_cre");
    expect(cre).toMatchObject({ status: "paid", subtotalMicros: 49_000_000n, taxMicros: 3_920_000n, totalCents: 5292n, periodStart: END1, periodEnd: d("2028-03-31T23:30:00Z") });
    expect(cre!.lines.map((l) => l.description)).toEqual(["Creator plan, Feb 29, 2028 – Mar 31, 2028"]);
    expect(cre!.payments.map((p) => [p.status, p.amountCents, p.idempotencyKey])).toEqual([["succeeded", 5292n, `renewal:${(await sub("cus_cre")).id}:${END1.toISOString()}`]]);
    // Balance: the $50 arrives as balance with the payment (from cash), not before
    const [bal] = await subInvoices("cus_bal");
    expect(bal!.lines.map((l) => l.description)).toEqual(["Platform plan, Feb 29, 2028 – Mar 31, 2028, granted as $50.00 of balance when paid"]);
    expect(bal!.status).toBe("paid");
    const grant = await h.prisma.ledgerTransfer.findFirstOrThrow({ where: { customerId: "cus_bal", kind: "grant", effectiveAt: END1 } });
    expect([grant.debitAccountId, grant.amount]).toEqual([`${MER}:cash`, 50_000_000n]);
    expect(balanceOf(await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: "cus_bal:balance" } })).available).toBe(96_000_000n);
    // Metered: nothing yet — the overage is final only after the grace window
    expect(await subInvoices("cus_met")).toEqual([]);
    // a scheduled change to Platform: the renewal invoices the new plan, its balance comes with the payment, the customer is told
    const [chg] = await subInvoices("cus_chg");
    expect([chg!.status, chg!.lines.map((l) => l.description)]).toEqual(["paid", ["Platform plan, Feb 29, 2028 – Mar 31, 2028, granted as $50.00 of balance when paid"]]);
    expect(balanceOf(await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: "cus_chg:balance" } })).available).toBe(50_000_000n);
    expect((await notes("cus_chg", "subscription.updated")).map((n) => n.title)).toEqual(["Now on Platform"]);
  });

  it("after the grace window the Metered invoice has the next fee and the overage, in product words matching the ledger", async () => {
    // late usage inside the grace window lands in February's period, and on this invoice
    await recordUsage(MER, [{ id: "m-late", customer: "cus_met", action: "api_call", quantity: 500n, timestamp: d("2028-02-29T22:00:00Z") }], { now: d("2028-03-01T08:00:00Z") });
    await Promise.all([runBillingCycle(AFTER_GRACE), runBillingCycle(AFTER_GRACE)]);
    await runBillingCycle(AFTER_GRACE); // and once more: nothing changes
    const invs = await subInvoices("cus_met");
    expect(invs).toHaveLength(1);
    const inv = invs[0]!;
    expect(inv.lines.map((l) => [l.description, l.quantity, l.amountMicros])).toEqual([
      ["API Pro plan, Feb 29, 2028 – Mar 31, 2028", 1n, 99_000_000n],
      ["4,500 API calls over 10,000 included at $0.01, Jan 31, 2028 – Feb 29, 2028", 4_500n, 45_000_000n],
    ]);
    expect([inv.status, inv.totalCents]).toEqual(["paid", 15_552n]); // $144 + 8 % tax
    // the overage account of February: accrued by usage, settled by the payment
    const overage = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: periodAccountId("cus_met", "overage", ANCHOR) } });
    expect([overage.postedDebits, overage.postedCredits]).toEqual([45_000_000n, 45_000_000n]);
    const events = await h.prisma.usageEvent.aggregate({ where: { customerId: "cus_met", periodStart: ANCHOR }, _sum: { overageMicros: true } });
    expect(events._sum.overageMicros).toBe(45_000_000n);
    // each customer: one renewal invoice, one payment — whatever ran how often
    for (const c of ["cus_met", "cus_cre", "cus_bal"]) {
      expect(await h.prisma.payment.count({ where: { customerId: c, purpose: "subscription" } })).toBe(1);
      expect((await notes(c, "invoice.issued")).length).toBe(1);
    }
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});

describe("dunning", () => {
  it("a declined renewal makes the subscription past due and tells the customer; a retry with a new card restores it", async () => {
    const [inv] = await subInvoices("cus_dun");
    expect(inv).toMatchObject({ status: "open", totalCents: 5292n });
    // the renewal at the period end and the day-1 retry (run by the close above) both declined
    expect(inv!.payments.map((p) => [p.createdAt, p.status, p.failureCode])).toEqual([
      [END1, "failed", "card_declined"],
      [AFTER_GRACE, "failed", "card_declined"],
    ]);
    expect(await sub("cus_dun")).toMatchObject({ status: "past_due", pastDueSince: END1 });
    const failed = await notes("cus_dun", "payment.failed");
    expect(failed.map((n) => n.body)).toEqual([
      expect.stringContaining(`Invoice ${inv!.number} for $52.92 is still open`),
      expect.stringContaining(`Invoice ${inv!.number} for $52.92 is still open`),
    ]);
    expect((await notes("cus_dun", "subscription.updated")).map((n) => (n.data as { status: string }).status)).toEqual(["past_due"]);
    // the retries are queued on the plan's schedule: 1, 3, 5 days after the first failure
    const jobs = await h.prisma.job.findMany({ where: { uniqueKey: { startsWith: `dunning:${inv!.id}:` } }, orderBy: { runAt: "asc" } });
    expect(jobs.map((j) => j.runAt)).toEqual([d("2028-03-01T23:30:00Z"), d("2028-03-03T23:30:00Z")]);
    // the customer fixes the card; the day-3 retry succeeds
    await saveDefaultCard("cus_dun", CARDS.visa);
    await runBillingCycle(d("2028-03-04T00:00:00Z"));
    const [after] = await subInvoices("cus_dun");
    expect(after!.status).toBe("paid");
    expect(after!.payments.map((p) => p.status).sort()).toEqual(["failed", "failed", "succeeded"]);
    expect(await sub("cus_dun")).toMatchObject({ status: "active", pastDueSince: null });
    expect((await notes("cus_dun", "subscription.updated")).map((n) => (n.data as { status: string }).status)).toEqual(["past_due", "active"]);
    // later retries find the invoice paid and do nothing
    await runBillingCycle(d("2028-03-06T00:00:00Z"));
    expect(await h.prisma.payment.count({ where: { customerId: "cus_dun" } })).toBe(3);
  });

  it("fails on every retry (1, 3, 5 days) → suspended: usage refused; Pay now with a good card restores it", async () => {
    const [inv] = await subInvoices("cus_sus");
    expect(inv!.status).toBe("open");
    // (the cycles run above at Mar 4 and Mar 6 ran its day-3 and day-5 retries too)
    await runBillingCycle(d("2028-03-06T00:00:00Z"));
    const attempts = await h.prisma.payment.findMany({ where: { customerId: "cus_sus" }, orderBy: { createdAt: "asc" } });
    expect(attempts.map((p) => [p.createdAt.toISOString(), p.status])).toEqual([
      [END1.toISOString(), "failed"],
      [AFTER_GRACE.toISOString(), "failed"],
      ["2028-03-04T00:00:00.000Z", "failed"],
      ["2028-03-06T00:00:00.000Z", "failed"],
    ]);
    expect(await sub("cus_sus")).toMatchObject({ status: "suspended" });
    const suspended = (await notes("cus_sus", "subscription.updated")).at(-1)!;
    expect(suspended.body).toMatch(/suspended and usage is refused/);
    const [refused] = await recordUsage(MER, [{ id: "s1", customer: "cus_sus", action: "gb_hour", quantity: 1n, timestamp: d("2028-03-06T01:00:00Z") }], { now: d("2028-03-06T01:00:00Z") });
    expect(refused).toMatchObject({ status: "rejected", message: expect.stringMatching(/suspended.*unpaid invoice/) });
    // the customer pays from the portal with a working card
    await saveDefaultCard("cus_sus", CARDS.visa);
    const paid = await payInvoiceNow("cus_sus", inv!.id, formKey(), undefined, d("2028-03-06T02:00:00Z"));
    expect(paid).toMatchObject({ ok: true, payment: { status: "succeeded" } });
    expect((await h.prisma.invoice.findUniqueOrThrow({ where: { id: inv!.id } })).status).toBe("paid");
    expect(await sub("cus_sus")).toMatchObject({ status: "active" });
    // a second click finds nothing to pay
    expect(await payInvoiceNow("cus_sus", inv!.id, formKey(), undefined, d("2028-03-06T02:01:00Z"))).toMatchObject({ ok: false, code: "not_payable" });
    // and usage runs again; the Balance grant came with the payment
    const [ok] = await recordUsage(MER, [{ id: "s2", customer: "cus_sus", action: "gb_hour", quantity: 1n, timestamp: d("2028-03-06T03:00:00Z") }], { now: d("2028-03-06T03:00:00Z") });
    expect(ok!.status).toBe("accepted");
  });

  it("two Pay now clicks at once (two tabs), beside a cycle run, charge the suspended invoice once and restore it", async () => {
    const [inv] = await subInvoices("cus_race");
    expect(inv!.status).toBe("open");
    await saveDefaultCard("cus_race", CARDS.visa);
    const at = d("2028-03-07T00:00:00Z");
    const results = await Promise.all([payInvoiceNow("cus_race", inv!.id, formKey(), undefined, at), payInvoiceNow("cus_race", inv!.id, formKey(), undefined, at), runBillingCycle(at)]);
    const clicks = results.slice(0, 2) as Awaited<ReturnType<typeof payInvoiceNow>>[];
    expect(clicks.filter((r) => r.ok && r.payment.status === "succeeded").length).toBeLessThanOrEqual(1);
    for (const r of clicks) if (!r.ok) expect(["payment_pending", "not_payable"]).toContain(r.code);
    const succeeded = await h.prisma.payment.findMany({ where: { invoiceId: inv!.id, status: "succeeded" } });
    expect(succeeded).toHaveLength(1);
    expect(await h.prisma.ledgerTransfer.count({ where: { id: `revenue:${succeeded[0]!.id}` } })).toBe(1);
    expect(await h.prisma.ledgerTransfer.count({ where: { kind: "purchase", refs: { path: ["invoice_id"], equals: inv!.id }, creditAccountId: `${MER}:revenue` } })).toBe(1);
    expect(await sub("cus_race")).toMatchObject({ status: "active" });
  });

  it("a plan whose rule is cancel cancels after the last retry; the invoice becomes uncollectible", async () => {
    await runBillingCycle(d("2028-03-08T00:00:00Z"));
    const [inv] = await subInvoices("cus_can");
    expect(inv!.status).toBe("uncollectible");
    expect(await sub("cus_can")).toMatchObject({ status: "canceled" });
    expect(await payInvoiceNow("cus_can", inv!.id, formKey(), undefined, d("2028-03-08T01:00:00Z"))).toMatchObject({ ok: false, code: "not_payable" });
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});

describe("billing reconciliation", () => {
  it("agrees end to end for January's periods, then names an injected mismatch", async () => {
    const clean = await reconcileBilling("2028-01", h.prisma);
    expect(clean.differences).toEqual([]);
    const met = clean.rows.find((r) => r.customerId === "cus_met")!;
    expect(met).toMatchObject({ events: 2, overage: "$45.00", invoiceTotal: "$155.52", paid: "$155.52" });
    expect(formatReconcileReport(clean)).toContain("No differences.");
    const [inv] = await subInvoices("cus_met");
    // someone edits the overage line by a cent: the invoice no longer matches the ledger and the events
    await h.prisma.$executeRawUnsafe(`UPDATE invoice_lines SET amount_micros = amount_micros + 10000 WHERE invoice_id = $1 AND position = 2`, inv!.id);
    // and a usage event's cost is altered behind the ledger's back
    await h.prisma.$executeRawUnsafe(`UPDATE usage_events SET cost_amount = cost_amount + 7 WHERE customer_id = 'cus_bal' AND event_id = 'b1'`);
    const dirty = await reconcileBilling("2028-01", h.prisma);
    expect(dirty.differences).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^cus_met .*invoice ${inv!.number} bills \\$45\\.01 of overage but the ledger accrued \\$45\\.00`)),
      expect.stringMatching(new RegExp(`^cus_met .*invoice ${inv!.number}'s lines add up to \\$144\\.01 but its subtotal is \\$144\\.00`)),
      expect.stringMatching(/^cus_bal .*usage events cost \$4\.000007 but the ledger charged \$4\.00$/),
    ]));
    expect(dirty.differences.filter((x) => x.startsWith("cus_cre"))).toEqual([]);
    expect(monthRange("2028-02")).toEqual({ from: d("2028-02-01T00:00:00Z"), to: d("2028-03-01T00:00:00Z") });
    expect(() => monthRange("2028-13")).toThrow(/yyyy-mm/);
  });
});
