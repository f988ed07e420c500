// Buying packs and adding funds on the sandbox provider (PGlite, in process): every outcome card,
// exactly-once crediting whichever path arrives first, crash repair, refunds and disputes.
import { describe, expect, it } from "vitest";
import { lotAccountId } from "@/lib/billing/accounts";
import type { DbHandle } from "@/lib/db/client";
import { balanceOf } from "@/lib/ledger";
import { withLocale } from "@/lib/i18n/locale-scope";
import { sandboxGateway } from "@/lib/payments";
import { CARDS, formKey, freshCustomer, runJobs, saveDefaultCard, withPaymentsDemo } from "@/test/support/payments";
import { checkLedger } from "../ledger/ledger-check";
import { reconcilePayments } from "./payments-reconcile";
import { answerSandboxChallenge, startPurchase } from "./purchases";
import { quotePurchase } from "./purchase-pricing";
import { recordUsage } from "../usage/usage";
import { getWallet } from "../usage/wallet";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));

const pack = (packCode = "pack_500") => ({ kind: "pack" as const, packCode });
const funds = (dollars: bigint) => ({ kind: "funds" as const, amountMicros: dollars * 1_000_000n });
const usable = async (customerId: string) => (await getWallet(customerId))!.usable!.available;
const creditTransfers = (paymentId: string) => h.prisma.ledgerTransfer.count({ where: { id: { startsWith: `credit:${paymentId}` } } });
async function expectCleanLedger() {
  expect((await checkLedger(h.prisma)).violations).toEqual([]);
}
async function buy(customerId: string, choice: ReturnType<typeof pack> | ReturnType<typeof funds>, key = formKey()) {
  const r = await startPurchase({ customerId, choice, formKey: key, allowRepeat: true });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.payment;
}

describe("prices are computed on the server", () => {
  it("quotes a pack with 8 % tax and its expiry", async () => {
    const q = await quotePurchase("cus_demo_pixel", pack());
    expect(q).toMatchObject({ ok: true, quote: { subtotalText: "$25.00", taxText: "$2.00", totalText: "$27.00", totalCents: "2700", creditsText: "500 credits", card: { last4: "4242" } } });
  });

  it("refuses funds outside the plan's limits, in fractions of a cent, and packs on a Balance plan", async () => {
    expect(await quotePurchase("cus_demo_nimbus", funds(9n))).toMatchObject({ ok: false, code: "amount_below_minimum", message: "Enter an amount from $10.00 to $5,000.00." });
    expect(await quotePurchase("cus_demo_nimbus", funds(5_001n))).toMatchObject({ ok: false, code: "amount_above_maximum" });
    expect(await quotePurchase("cus_demo_nimbus", { kind: "funds", amountMicros: 10_000_001n })).toMatchObject({ ok: false, code: "amount_not_whole_cents" });
    expect(await quotePurchase("cus_demo_nimbus", pack())).toMatchObject({ ok: false, code: "wrong_plan" });
    expect(await quotePurchase("cus_demo_pixel", pack("pack_9999"))).toMatchObject({ ok: false, code: "unknown_pack" });
  });

  it("bad input changes nothing: no payment, no charge", async () => {
    const before = await h.prisma.payment.count();
    // (the demo's renewal invoices were charged by the seed)
    const intents = await h.prisma.sandboxObject.count({ where: { type: "payment_intent" } });
    expect(await startPurchase({ customerId: "cus_demo_nimbus", choice: funds(6_000n), formKey: formKey() })).toMatchObject({ ok: false, code: "amount_above_maximum" });
    expect(await startPurchase({ customerId: "cus_demo_pixel", choice: pack(), formKey: "short" })).toMatchObject({ ok: false, code: "invalid_request" });
    expect(await startPurchase({ customerId: "cus_demo_pixel", choice: pack(), formKey: formKey(), expectedTotalCents: 2_500n })).toMatchObject({ ok: false, code: "price_changed" });
    expect(await h.prisma.payment.count()).toBe(before);
    expect(await h.prisma.sandboxObject.count({ where: { type: "payment_intent" } })).toBe(intents);
  });
});

describe("outcome cards", () => {
  it("4242: a pack is paid, invoiced and credited as a new lot by the pre-tax amount", async () => {
    const c = await freshCustomer("creator");
    const before = await usable(c);
    const p = await buy(c, pack());
    expect(p).toMatchObject({ status: "succeeded", totalText: "$27.00", message: "Paid $27.00. 500 credits added to your credits." });
    expect(p.invoice?.number).toMatch(/^INV-\d{6}$/);
    // the outcome as a German reader's portal shows it (the same payment read again)
    const again = await withLocale("de-DE", () => buy(c, pack()));
    expect(again.message).toMatch(/^27,00\s\$ bezahlt\. 500 Credits wurden Ihren Credits gutgeschrieben\.$/);
    expect(await usable(c)).toBe(before + 1_000_000n);
    const lot = await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: lotAccountId(c, p.id) } });
    expect(lot).toMatchObject({ bucket: "purchased_credits", noOverdraft: true });
    expect(lot.expiresAt!.getUTCFullYear()).toBe(new Date().getUTCFullYear() + 1);
    const invoice = await h.prisma.invoice.findUniqueOrThrow({ where: { id: p.invoice!.id }, include: { lines: true } });
    expect(invoice).toMatchObject({ kind: "credit_pack", status: "paid", subtotalMicros: 25_000_000n, taxMicros: 2_000_000n, totalCents: 2_700n, taxRateBps: 800 });
    expect(invoice.lines[0]!.description).toMatch(/^Credit pack "500 credits": 500 credits, expire on /);
    // money side: cash in = revenue + tax
    const t = await h.prisma.ledgerTransfer.findMany({ where: { id: { in: [`revenue:${p.id}`, `tax:${p.id}`] } }, orderBy: { id: "asc" } });
    expect(t.map((x) => [x.id.split(":")[0], x.amount])).toEqual([["revenue", 25_000_000n], ["tax", 2_000_000n]]);
    await expectCleanLedger();
  });

  it("4242: funds are added by the pre-tax amount; tax only on the invoice and the charge", async () => {
    const c = await freshCustomer("platform");
    const before = await usable(c);
    const p = await buy(c, funds(100n));
    expect(p).toMatchObject({ status: "succeeded", totalText: "$108.00" });
    expect(await usable(c)).toBe(before + 100_000_000n);
    expect(await h.prisma.invoice.findUniqueOrThrow({ where: { id: p.invoice!.id } })).toMatchObject({ kind: "top_up", status: "paid", totalCents: 10_800n });
    await expectCleanLedger();
  });

  it("an amount whose total has a sub-cent is rounded once, and the ledger keeps the difference", async () => {
    const c = await freshCustomer("platform");
    const p = await buy(c, { kind: "funds", amountMicros: 10_010_000n }); // $10.01 → $10.8108 → $10.81
    expect(p.totalText).toBe("$10.81");
    const r = await h.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: `rounding:${p.id}` } });
    expect(r).toMatchObject({ amount: 800n, debitAccountId: "mer_demo:rounding", creditAccountId: "mer_demo:cash" });
    await expectCleanLedger();
  });

  it.each([
    ["declined", CARDS.declined, "card_declined", /declined/],
    ["insufficient funds", CARDS.insufficient, "insufficient_funds", /insufficient funds/],
  ])("%s: a human message, nothing credited, no invoice", async (_name, card, code, words) => {
    for (const [plan, choice] of [["creator", pack()], ["platform", funds(50n)]] as const) {
      const c = await freshCustomer(plan);
      await saveDefaultCard(c, card);
      const before = await usable(c);
      const p = await buy(c, choice);
      expect(p).toMatchObject({ status: "failed", failureCode: code, invoice: null });
      expect(p.message).toMatch(words);
      expect(p.message).toContain("Nothing was charged");
      expect(await usable(c)).toBe(before);
      expect(await creditTransfers(p.id)).toBe(0);
      expect(await h.prisma.invoice.count({ where: { customerId: c } })).toBe(0);
    }
    await expectCleanLedger();
  });

  it("3-D Secure passed: nothing until the challenge is completed, then the credit", async () => {
    const c = await freshCustomer("creator");
    await saveDefaultCard(c, CARDS.threeDS);
    const before = await usable(c);
    const p = await buy(c, pack("pack_2000"));
    expect(p).toMatchObject({ status: "requires_action", nextAction: { type: "sandbox_challenge", url: `/payments/${p.id}/authenticate` } });
    expect(await usable(c)).toBe(before);
    const done = await answerSandboxChallenge(c, p.id, true);
    expect(done).toMatchObject({ status: "succeeded", totalText: "$86.40" });
    expect(await usable(c)).toBe(before + 2_000_000n);
    // another account cannot answer this challenge
    expect(await answerSandboxChallenge("cus_demo_pixel", p.id, true)).toBeNull();
    await expectCleanLedger();
  });

  it("3-D Secure failed: declined, nothing credited", async () => {
    const c = await freshCustomer("platform");
    await saveDefaultCard(c, CARDS.threeDS);
    const p = await buy(c, funds(20n));
    const before = await usable(c);
    const done = await answerSandboxChallenge(c, p.id, false);
    expect(done).toMatchObject({ status: "failed", failureCode: "payment_intent_authentication_failure" });
    expect(await usable(c)).toBe(before);
    expect(await creditTransfers(p.id)).toBe(0);
  });
});

describe("exactly once", () => {
  it("the same form key (double click, refresh, retry) returns the same payment and charges once", async () => {
    const c = await freshCustomer("creator");
    const key = formKey();
    const a = await buy(c, pack(), key);
    const b = await buy(c, pack(), key);
    expect(b.id).toBe(a.id);
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(1);
    expect(await h.prisma.sandboxObject.count({ where: { type: "payment_intent", data: { path: ["metadata", "portico_customer_id"], equals: c } } })).toBe(1);
    expect(await creditTransfers(a.id)).toBe(1);
    // the same key for another choice is refused, not silently the first purchase
    expect(await startPurchase({ customerId: c, choice: pack("pack_2000"), formKey: key })).toMatchObject({ ok: false, code: "invalid_request" });
  });

  it("a second tab's identical purchase is refused while one is pending, and confirmed again after a success", async () => {
    const c = await freshCustomer("creator");
    await saveDefaultCard(c, CARDS.threeDS);
    const first = await buy(c, pack());
    expect(first.status).toBe("requires_action");
    expect(await startPurchase({ customerId: c, choice: pack(), formKey: formKey() })).toMatchObject({ ok: false, code: "purchase_pending", paymentId: first.id });
    await answerSandboxChallenge(c, first.id, true);
    const again = await startPurchase({ customerId: c, choice: pack(), formKey: formKey() });
    expect(again).toMatchObject({ ok: false, code: "possible_duplicate", paymentId: first.id });
    expect(again.ok === false && again.message).toMatch(/You bought 500 credits \(500 credits pack\) a moment ago \(INV-\d{6}\)\. Buy it again\?/);
    // a different pack is a different purchase
    expect((await startPurchase({ customerId: c, choice: pack("pack_2000"), formKey: formKey() })).ok).toBe(true);
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(2);
  });

  it("the sandbox's event arriving before the portal's own answer: credited once", async () => {
    const c = await freshCustomer("creator");
    const r = await startPurchase({ customerId: c, choice: pack(), formKey: formKey() }, { faults: { afterCharge: async () => void (await runJobs(h)) } });
    expect(r).toMatchObject({ ok: true, payment: { status: "succeeded" } });
    const id = r.ok ? r.payment.id : "";
    expect(await creditTransfers(id)).toBe(1);
    expect(await h.prisma.invoice.count({ where: { customerId: c } })).toBe(1);
    // whatever is still queued (other tests' retries fall due on a slow machine) credits nothing again
    await runJobs(h, new Date(Date.now() + 3_600_000));
    expect(await creditTransfers(id)).toBe(1);
    expect(await h.prisma.invoice.count({ where: { customerId: c } })).toBe(1);
  });

  it("the event arriving after the portal flow changes nothing", async () => {
    const c = await freshCustomer("platform");
    const p = await buy(c, funds(10n));
    const balance = await usable(c);
    expect(await runJobs(h)).toBeGreaterThan(0);
    expect(await usable(c)).toBe(balance);
    expect(await creditTransfers(p.id)).toBe(1);
    expect(await h.prisma.providerEvent.count({ where: { processedAt: { not: null } } })).toBeGreaterThan(0);
  });

  it("a crash after the charge and before the credit is repaired by the sandbox's event", async () => {
    const c = await freshCustomer("creator");
    const crash = () => {
      throw new Error("process killed");
    };
    await expect(startPurchase({ customerId: c, choice: pack(), formKey: formKey() }, { faults: { afterCharge: crash } })).rejects.toThrow("process killed");
    const stuck = await h.prisma.payment.findFirstOrThrow({ where: { customerId: c } });
    expect(stuck).toMatchObject({ status: "processing", providerPaymentId: null, creditedAt: null });
    await runJobs(h);
    const repaired = await h.prisma.payment.findUniqueOrThrow({ where: { id: stuck.id } });
    expect(repaired.status).toBe("succeeded");
    expect(repaired.creditedAt).not.toBeNull();
    expect(await creditTransfers(stuck.id)).toBe(1);
    await expectCleanLedger();
  });

  it("a crash after the charge is repaired by payments:reconcile when no event comes", async () => {
    const c = await freshCustomer("platform");
    const key = formKey();
    await expect(startPurchase({ customerId: c, choice: funds(40n), formKey: key }, { faults: { afterCharge: () => Promise.reject(new Error("killed")) } })).rejects.toThrow();
    // the event is lost
    await h.prisma.job.deleteMany({ where: { queue: "payments.sandbox_event", status: "queued" } });
    const before = await usable(c);
    const report = await reconcilePayments({ staleAfterMs: 0 });
    const stuck = await h.prisma.payment.findFirstOrThrow({ where: { customerId: c } });
    expect(report.repaired).toContainEqual({ paymentId: stuck.id, before: "processing", after: "succeeded, credited" });
    expect(report.unresolved).toEqual([]);
    expect(await usable(c)).toBe(before + 40_000_000n);
    // running it again repairs nothing
    expect((await reconcilePayments({ staleAfterMs: 0 })).repaired).toEqual([]);
    await expectCleanLedger();
  });

  it("a payment that never reached the provider is marked failed by reconcile (nothing charged)", async () => {
    const c = await freshCustomer("creator");
    // the request died before the provider was called: a placed payment and no charge
    const key = formKey();
    const sandbox = sandboxGateway();
    const original = sandbox.charge.bind(sandbox);
    sandbox.charge = () => Promise.reject(new Error("network down"));
    try {
      await expect(startPurchase({ customerId: c, choice: pack(), formKey: key })).rejects.toThrow("network down");
    } finally {
      sandbox.charge = original;
    }
    const report = await reconcilePayments({ staleAfterMs: 0 });
    const p = await h.prisma.payment.findFirstOrThrow({ where: { customerId: c } });
    expect(report.repaired).toContainEqual({ paymentId: p.id, before: "processing", after: "failed" });
    expect(p.failureCode).toBe("not_charged");
  });
});

describe("refunds and disputes reverse the credit", () => {
  it("a full refund of an unused pack takes back every credit and issues a credit note", async () => {
    const c = await freshCustomer("creator");
    const p = await buy(c, pack());
    const before = await usable(c);
    const pay = await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } });
    await sandboxGateway().refund({ providerPaymentId: pay.providerPaymentId!, idempotencyKey: `test-refund-${p.id}` });
    await runJobs(h);
    expect(await usable(c)).toBe(before - 500_000n);
    const note = await h.prisma.invoice.findFirstOrThrow({ where: { customerId: c, kind: "credit_note" } });
    expect(note).toMatchObject({ originalId: p.invoice!.id, subtotalMicros: 25_000_000n, taxMicros: 2_000_000n, totalCents: 2_700n, status: "paid" });
    expect(note.memo).toBe("Payment refunded. 500 credits removed from your purchased credits.");
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "refunded" });
    await expectCleanLedger();
  });

  it("credits used before a refund stay used; the credit note says so; no wallet goes negative", async () => {
    const c = await freshCustomer("creator");
    const p = await buy(c, pack());
    // spend all plan credits and 200 purchased ones (agent_run = 25 credits)
    const planLeft = (await getWallet(c))!.buckets.find((b) => b.bucket === "plan_credits")!.available;
    const runs = planLeft / 25_000n + 8n;
    const events = Array.from({ length: Number(runs) }, (_, i) => ({ id: `use_${c}_${i}`, customer: c, action: "agent_run", quantity: 1n, timestamp: new Date() }));
    const results = await recordUsage("mer_demo", events);
    expect(results.every((r) => r.status === "accepted")).toBe(true);
    const lot = async () => balanceOf(await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id: lotAccountId(c, p.id) } })).available;
    expect(await lot()).toBe(300_000n - (planLeft % 25_000n));
    const left = await lot();
    const pay = await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } });
    await sandboxGateway().refund({ providerPaymentId: pay.providerPaymentId!, idempotencyKey: `r-${p.id}` });
    await runJobs(h);
    expect(await lot()).toBe(0n);
    const note = await h.prisma.invoice.findFirstOrThrow({ where: { customerId: c, kind: "credit_note" } });
    const used = 500_000n - left;
    expect(note.memo).toBe(`Payment refunded. ${Number(left / 1_000n)} credits removed from your purchased credits; ${Number(used / 1_000n)} credits had been used before the refund.`);
    expect(note.totalCents).toBe(2_700n);
    await expectCleanLedger();
  });

  it("partial refunds of funds add up to the charge; spent balance is never taken below zero", async () => {
    const c = await freshCustomer("platform");
    const p = await buy(c, funds(100n));
    const pay = await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } });
    await sandboxGateway().refund({ providerPaymentId: pay.providerPaymentId!, amountCents: 5_400n, idempotencyKey: `half-${p.id}` });
    await runJobs(h);
    const afterHalf = await usable(c);
    const notes = () => h.prisma.invoice.findMany({ where: { customerId: c, kind: "credit_note" }, orderBy: { issuedAt: "asc" } });
    expect((await notes()).map((n) => [n.subtotalMicros, n.taxMicros, n.totalCents])).toEqual([[50_000_000n, 4_000_000n, 5_400n]]);
    // spend everything that is left, then refund the rest
    const gb = afterHalf / 2_000n;
    expect((await recordUsage("mer_demo", [{ id: `gb_${c}`, customer: c, action: "gb_hour", quantity: gb, timestamp: new Date() }]))[0]!.status).toBe("accepted");
    await sandboxGateway().refund({ providerPaymentId: pay.providerPaymentId!, idempotencyKey: `rest-${p.id}` });
    await runJobs(h);
    expect(await usable(c)).toBe(0n);
    const all = await notes();
    expect(all.reduce((s, n) => s + n.totalCents, 0n)).toBe(10_800n);
    expect(all[1]!.memo).toBe("Payment refunded. $0.00 removed from your balance; $50.00 had been used before the refund.");
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "refunded" });
    await expectCleanLedger();
  });

  it("a dispute reverses what is left and marks the payment disputed", async () => {
    const c = await freshCustomer("creator");
    const p = await buy(c, pack("pack_2000"));
    const pay = await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } });
    await sandboxGateway().dispute(pay.providerPaymentId!);
    await runJobs(h);
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "disputed" });
    const note = await h.prisma.invoice.findFirstOrThrow({ where: { customerId: c, kind: "credit_note" } });
    expect(note.memo).toMatch(/^Payment disputed with the card issuer\. 2,000 credits removed/);
    expect(await h.prisma.ledgerTransfer.count({ where: { id: { startsWith: `dispute:${p.id}` } } })).toBeGreaterThan(0);
    await expectCleanLedger();
  });
});

describe("invoice numbers", () => {
  it("are sequential per merchant with no gaps, across purchases and credit notes", async () => {
    const numbers = (await h.prisma.invoice.findMany({ where: { merchantId: "mer_demo" }, select: { number: true } })).map((i) => Number(i.number!.slice(4))).sort((a, b) => a - b);
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    const merchant = await h.prisma.merchant.findUniqueOrThrow({ where: { id: "mer_demo" } });
    expect(merchant.invoiceSeq).toBe(numbers.length);
  });
});
