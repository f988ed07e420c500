// Security of the money paths, through the real server actions (next-auth's session is the only
// mocked part): every mutating action refuses a viewer and changes nothing; a billing member
// cannot make anyone an owner; amounts tampered in the request (a pack's price, negative, huge,
// fractional, another currency, a lower confirmed total) are refused or re-priced on the server
// with nothing charged; purchases are rate limited per customer account.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { asPage } from "@/test/support/page-actions";
import type { DbHandle } from "@/lib/db/client";
import { CARDS, formKey, freshCustomer, withPaymentsDemo } from "@/test/support/payments";

const session = vi.hoisted(() => ({ current: null as null | { userId: string; customerId: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const confirmPurchase = asPage((await import("@/lib/actions/confirm-purchase")).confirmPurchase, () => session.current?.customerId);
const quotePurchase = asPage((await import("@/lib/actions/quote-purchase")).quotePurchase, () => session.current?.customerId);
const saveAutoTopUp = asPage((await import("@/lib/actions/save-auto-top-up")).saveAutoTopUp, () => session.current?.customerId);
const answerChallenge = asPage((await import("@/lib/actions/answer-challenge")).answerChallenge, () => session.current?.customerId);
const addSandboxCard = asPage((await import("@/lib/actions/add-sandbox-card")).addSandboxCard, () => session.current?.customerId);
const removeCard = asPage((await import("@/lib/actions/remove-card")).removeCard, () => session.current?.customerId);
const setDefaultCard = asPage((await import("@/lib/actions/set-default-card")).setDefaultCard, () => session.current?.customerId);
const startCardSetup = asPage((await import("@/lib/actions/start-card-setup")).startCardSetup, () => session.current?.customerId);
const completeCardSetup = asPage((await import("@/lib/actions/complete-card-setup")).completeCardSetup, () => session.current?.customerId);
const payInvoice = asPage((await import("@/lib/actions/pay-invoice")).payInvoice, () => session.current?.customerId);
const changePlan = asPage((await import("@/lib/actions/change-plan")).changePlan, () => session.current?.customerId);
const keepPlan = asPage((await import("@/lib/actions/keep-plan")).keepPlan, () => session.current?.customerId);
const cancelPlan = asPage((await import("@/lib/actions/cancel-plan")).cancelPlan, () => session.current?.customerId);
const resumePlan = asPage((await import("@/lib/actions/resume-plan")).resumePlan, () => session.current?.customerId);

const { saveAlerts } = await import("@/lib/actions/save-alerts");
const { saveSpendingCap } = await import("@/lib/actions/save-spending-cap");
const { inviteMember } = await import("@/lib/actions/invite-member");
const { changeMemberRole } = await import("@/lib/actions/change-member-role");
const { removeMember } = await import("@/lib/actions/remove-member");

let h: DbHandle;
withPaymentsDemo((db) => (h = db));
beforeEach(() => {
  session.current = null;
});
afterEach(() => {
  delete process.env.PORTICO_LIMIT_PURCHASE;
});

async function signInAs(email: string, customerId: string) {
  const user = await h.prisma.user.findUniqueOrThrow({ where: { email } });
  session.current = { userId: user.id, customerId };
}
async function ownerOf(customerId: string) {
  const m = await h.prisma.membership.findFirstOrThrow({ where: { customerId, role: "owner" }, include: { user: true } });
  return m.user.email;
}
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  f.append("accountId", session.current?.customerId ?? "");
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
};
/** Everything about an account that a write could change. */
async function accountState(customerId: string) {
  const [customer, members, payments, cards, autoTopUp, transfers] = await Promise.all([
    h.prisma.customer.findUniqueOrThrow({ where: { id: customerId } }),
    h.prisma.membership.findMany({ where: { customerId }, orderBy: { id: "asc" } }),
    h.prisma.payment.count({ where: { customerId } }),
    h.prisma.paymentMethod.findMany({ where: { customerId }, orderBy: { id: "asc" } }),
    h.prisma.autoTopUp.findMany({ where: { customerId } }),
    h.prisma.ledgerTransfer.count({ where: { customerId } }),
  ]);
  return { customer, members, payments, cards, autoTopUp, transfers };
}

describe("role escalation", () => {
  it("a viewer is refused every buying, funds, card, auto top-up, alert and team action; nothing changes", async () => {
    const c = await freshCustomer("platform");
    const { addMember } = await import("@/lib/services/customers/customers");
    const { transaction } = await import("@/lib/db/tx");
    await transaction((tx) => addMember(tx, { customerId: c, email: `viewer-${c}@x.example`, role: "viewer" }));
    await signInAs(`viewer-${c}@x.example`, c);
    const before = await accountState(c);
    const card = before.cards[0]!;
    const owner = before.members.find((m) => m.role === "owner")!;
    const results = [
      await quotePurchase({ kind: "funds", amount: "25" }),
      await confirmPurchase({ choice: { kind: "funds", amount: "25" }, formKey: formKey() }),
      await saveAutoTopUp({ enabled: true, threshold: "5", amount: "25", monthlyCap: "100" }),
      await answerChallenge({ paymentId: "pay_x", passed: true }),
      await addSandboxCard({ number: CARDS.visa, expiry: "12/30", cvc: "123" }),
      await startCardSetup(),
      await completeCardSetup({ setupId: "seti_x" }),
      await setDefaultCard({ id: card.id }),
      await removeCard({ id: card.id }),
      await saveAlerts(null, form({ lowBalanceThreshold: "1", usageAlertPercents: ["10"] })),
      await saveSpendingCap(null, form({ cap: "1" })),
      await inviteMember(null, form({ email: "me-again@x.example", role: "owner" })),
      await changeMemberRole(null, form({ membershipId: before.members.find((m) => m.role === "viewer")!.id, role: "owner" })),
      await removeMember(null, form({ membershipId: owner.id })),
      await payInvoice({ invoiceId: "inv_x", formKey: formKey() }),
      await changePlan({ planCode: "creator", formKey: formKey() }),
      await keepPlan({ formKey: formKey() }),
      await cancelPlan({ formKey: formKey() }),
      await resumePlan({ formKey: formKey() }),
    ];
    for (const [i, r] of results.entries()) expect(r, `action #${i}`).toMatchObject({ ok: false, code: "forbidden" });
    expect(await accountState(c)).toEqual(before);
  });

  it("a billing member may buy, but cannot invite an owner, promote anyone (itself included) or remove the owner", async () => {
    const c = await freshCustomer("creator");
    const { addMember } = await import("@/lib/services/customers/customers");
    const { transaction } = await import("@/lib/db/tx");
    await transaction(async (tx) => {
      await addMember(tx, { customerId: c, email: `billing-${c}@x.example`, role: "billing" });
      await addMember(tx, { customerId: c, email: `viewer-${c}@x.example`, role: "viewer" });
    });
    await signInAs(`billing-${c}@x.example`, c);
    const before = await accountState(c);
    const self = before.members.find((m) => m.role === "billing")!;
    for (const r of [
      await inviteMember(null, form({ email: "new-owner@x.example", role: "owner" })),
      await inviteMember(null, form({ email: "new-viewer@x.example", role: "viewer" })),
      await changeMemberRole(null, form({ membershipId: self.id, role: "owner" })),
      await changeMemberRole(null, form({ membershipId: before.members.find((m) => m.role === "viewer")!.id, role: "owner" })),
      await removeMember(null, form({ membershipId: before.members.find((m) => m.role === "owner")!.id })),
    ]) {
      expect(r).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await h.prisma.membership.findMany({ where: { customerId: c }, orderBy: { id: "asc" } })).toEqual(before.members);
    expect(await h.prisma.user.count({ where: { email: { in: ["new-owner@x.example", "new-viewer@x.example"] } } })).toBe(0);
    // …while buying is its job
    expect(await confirmPurchase({ choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() })).toMatchObject({ ok: true, payment: { status: "succeeded" } });
  });
});

describe("amounts tampered in the request", () => {
  it("a pack's price, credits or total sent by the page are ignored: the server charges the plan's price", async () => {
    const c = await freshCustomer("creator");
    await signInAs(await ownerOf(c), c);
    const r = await confirmPurchase({
      choice: { kind: "pack", packCode: "pack_500", priceMicros: "1", creditsMilli: "99999999000", amount: "0.01" },
      formKey: formKey(),
      amountCents: "1",
      totalCents: "1",
    });
    expect(r).toMatchObject({ ok: true, payment: { status: "succeeded" } });
    const [p] = await h.prisma.payment.findMany({ where: { customerId: c } });
    expect(p!.amountCents).toBe(2700n); // $25 + 8 % tax, in cents
    const credit = await h.prisma.ledgerTransfer.findFirstOrThrow({ where: { customerId: c, id: { startsWith: "credit:" } } });
    expect(credit.amount).toBe(500_000n); // 500 credits at scale 3, not what the page said
  });

  it("a lower confirmed total is refused (price_changed) and nothing is charged", async () => {
    const c = await freshCustomer("creator");
    await signInAs(await ownerOf(c), c);
    expect(await confirmPurchase({ choice: { kind: "pack", packCode: "pack_2000" }, formKey: formKey(), expectedTotalCents: "2700" })).toMatchObject({
      ok: false,
      code: "price_changed",
      message: "The price changed to $86.40. Review it and confirm again.",
    });
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(0);
  });

  it("negative, zero, huge, fractional, exponent, hex and other-currency fund amounts are refused with nothing charged", async () => {
    const c = await freshCustomer("platform");
    await signInAs(await ownerOf(c), c);
    const before = await accountState(c);
    const cases: [unknown, string][] = [
      ["-25", "invalid_input"],
      ["0", "invalid_input"],
      ["9.99", "amount_below_minimum"],
      ["5000.01", "amount_above_maximum"],
      ["99999999999999999999999999", "invalid_input"],
      ["1e9", "amount_above_maximum"],
      ["25.001", "amount_not_whole_cents"],
      ["", "invalid_input"],
      ["0x20", "invalid_input"],
      ["25 EUR", "invalid_input"],
      ["€25", "invalid_input"],
      ["NaN", "invalid_input"],
      [25, "invalid_request"],
      [null, "invalid_request"],
      ["x".repeat(40), "invalid_request"],
    ];
    for (const [amount, code] of cases) {
      expect(await confirmPurchase({ choice: { kind: "funds", amount }, formKey: formKey() }), String(amount)).toMatchObject({ ok: false, code });
    }
    // a pack on a Balance plan, an unknown pack, a pack code of another plan
    expect(await confirmPurchase({ choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() })).toMatchObject({ ok: false, code: "wrong_plan" });
    expect(await accountState(c)).toEqual(before);
  });
});

describe("Pay now on another account's invoice", () => {
  it("is not found and charges nothing", async () => {
    const theirs = await h.prisma.invoice.findFirst({ where: { customerId: { not: "cus_demo_pixel" } } });
    const c = await freshCustomer("creator");
    const invoice = theirs ?? (await h.prisma.invoice.findFirstOrThrow());
    await signInAs(await ownerOf(c), c);
    const before = await h.prisma.payment.count();
    const r = await payInvoice({ invoiceId: invoice.id, formKey: formKey() });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(invoice.number ?? "INV-");
    expect(await h.prisma.payment.count()).toBe(before);
  });
});

describe("purchase rate limit (per customer account)", () => {
  it("refuses confirmations past the limit with the wait in plain words; other accounts are unaffected", async () => {
    process.env.PORTICO_LIMIT_PURCHASE = "3/600";
    const c = await freshCustomer("platform");
    await signInAs(await ownerOf(c), c);
    for (const amount of ["10", "11", "12"]) {
      expect(await confirmPurchase({ choice: { kind: "funds", amount }, formKey: formKey() })).toMatchObject({ ok: true });
    }
    const refused = await confirmPurchase({ choice: { kind: "funds", amount: "13" }, formKey: formKey() });
    expect(refused).toMatchObject({ ok: false, code: "rate_limited", message: "Too many payments in a short time (at most 3 in 10 minutes). Try again in 10 minutes." });
    expect(refused.ok === false && (refused as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(590);
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(3);
    // Pay now charges a card too: counted with purchases
    expect(await payInvoice({ invoiceId: "inv_any", formKey: formKey() })).toMatchObject({ ok: false, code: "rate_limited" });
    // and so does a plan change, which may charge the card for an upgrade — nothing changes
    const planBefore = (await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: c } })).planId;
    expect(await changePlan({ planCode: "creator", formKey: formKey() })).toMatchObject({ ok: false, code: "rate_limited" });
    expect((await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: c } })).planId).toBe(planBefore);
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(3);
    // another account is counted on its own
    const d = await freshCustomer("platform");
    await signInAs(await ownerOf(d), d);
    expect(await confirmPurchase({ choice: { kind: "funds", amount: "10" }, formKey: formKey() })).toMatchObject({ ok: true });
  });
});
