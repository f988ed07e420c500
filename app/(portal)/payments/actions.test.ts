// The payment server actions with a signed-in user (next-auth's session mocked, nothing else):
// roles are enforced on the server, the account comes from the session, and another account's
// ids are simply not found — nothing changes.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { asPage } from "@/test/support/page-actions";
import type { DbHandle } from "@/lib/db/client";
import { CARDS, formKey, freshCustomer, saveDefaultCard, withPaymentsDemo } from "@/test/support/payments";

const session = vi.hoisted(() => ({ current: null as null | { userId: string; customerId: string } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const answerChallenge = asPage((await import("@/lib/actions/answer-challenge")).answerChallenge, () => session.current?.customerId);
const confirmPurchase = asPage((await import("@/lib/actions/confirm-purchase")).confirmPurchase, () => session.current?.customerId);
const quotePurchase = asPage((await import("@/lib/actions/quote-purchase")).quotePurchase, () => session.current?.customerId);
const refreshPayment = asPage((await import("@/lib/actions/refresh-payment")).refreshPayment, () => session.current?.customerId);
const saveAutoTopUp = asPage((await import("@/lib/actions/save-auto-top-up")).saveAutoTopUp, () => session.current?.customerId);
const addSandboxCard = asPage((await import("@/lib/actions/add-sandbox-card")).addSandboxCard, () => session.current?.customerId);
const removeCard = asPage((await import("@/lib/actions/remove-card")).removeCard, () => session.current?.customerId);
const setDefaultCard = asPage((await import("@/lib/actions/set-default-card")).setDefaultCard, () => session.current?.customerId);


let h: DbHandle;
withPaymentsDemo((db) => (h = db));
beforeEach(() => {
  session.current = null;
});

async function signInAs(email: string, customerId: string) {
  const user = await h.prisma.user.findUniqueOrThrow({ where: { email } });
  session.current = { userId: user.id, customerId };
}
const pixelPayments = () => h.prisma.payment.count({ where: { customerId: "cus_demo_pixel" } });

describe("roles", () => {
  it("a viewer is refused every buying and card action, and nothing is written", async () => {
    await signInAs("viewer@pixel.example", "cus_demo_pixel");
    const before = await pixelPayments();
    const card = await h.prisma.paymentMethod.findFirstOrThrow({ where: { customerId: "cus_demo_pixel" } });
    for (const r of [
      await quotePurchase({ kind: "pack", packCode: "pack_500" }),
      await confirmPurchase({ choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() }),
      await saveAutoTopUp({ enabled: true, threshold: "100", packCode: "pack_500", monthlyCap: "100" }),
      await addSandboxCard({ number: CARDS.visa, expiry: "12/30", cvc: "123" }),
      await setDefaultCard({ id: card.id }),
      await removeCard({ id: card.id }),
    ]) {
      expect(r).toMatchObject({ ok: false, code: "forbidden", message: expect.stringContaining("Your role (viewer) cannot do this") });
    }
    expect(await pixelPayments()).toBe(before);
    expect(await h.prisma.autoTopUp.count({ where: { customerId: "cus_demo_pixel" } })).toBe(0);
    expect(await h.prisma.paymentMethod.count({ where: { customerId: "cus_demo_pixel", detachedAt: null } })).toBe(1);
  });

  it("the billing role may buy; without a session nothing is allowed", async () => {
    await signInAs("billing@pixel.example", "cus_demo_pixel");
    expect(await confirmPurchase({ choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() })).toMatchObject({ ok: true, payment: { status: "succeeded" } });
    session.current = null;
    expect(await confirmPurchase({ choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() })).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});

describe("input and tenancy", () => {
  it("bad input is answered clearly and charges nothing", async () => {
    await signInAs("noah@nimbus.example", "cus_demo_nimbus");
    const before = await h.prisma.payment.count();
    expect(await confirmPurchase({ choice: { kind: "funds", amount: "ten dollars" }, formKey: formKey() })).toMatchObject({ ok: false, code: "invalid_input", field: "amount", message: "Enter an amount like 25 or 25.50." });
    expect(await confirmPurchase({ choice: { kind: "funds", amount: "-5" }, formKey: formKey() })).toMatchObject({ ok: false, code: "invalid_input", message: "The amount must be positive." });
    expect(await quotePurchase({ kind: "funds", amount: "  " })).toMatchObject({ ok: false, code: "invalid_input", message: "Enter an amount." });
    expect(await quotePurchase({ kind: "funds", amount: "1e9" })).toMatchObject({ ok: false, code: "amount_above_maximum", message: "Enter an amount from $10.00 to $5,000.00." });
    expect(await confirmPurchase({ choice: { kind: "funds", amount: "99999" }, formKey: formKey() })).toMatchObject({ ok: false, code: "amount_above_maximum" });
    expect(await confirmPurchase({ choice: { kind: "funds", amount: "10" }, formKey: "x" })).toMatchObject({ ok: false, code: "invalid_request" });
    expect(await confirmPurchase({ choice: { kind: "funds", amount: "10" }, formKey: formKey(), expectedTotalCents: "1" })).toMatchObject({ ok: false, code: "price_changed" });
    expect(await confirmPurchase({ choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() })).toMatchObject({ ok: false, code: "wrong_plan" });
    expect(await confirmPurchase("nonsense")).toMatchObject({ ok: false, code: "invalid_request" });
    expect(await h.prisma.payment.count()).toBe(before);
  });

  it("another account's payment and card ids are not found, and nothing of theirs changes", async () => {
    const other = await freshCustomer("creator");
    await saveDefaultCard(other, CARDS.threeDS);
    const { startPurchase } = await import("@/lib/services/payments/purchases");
    const theirs = await startPurchase({ customerId: other, choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() });
    const theirPayment = theirs.ok ? theirs.payment.id : "";
    const theirCard = await h.prisma.paymentMethod.findFirstOrThrow({ where: { customerId: other, isDefault: true } });
    await signInAs("maya@pixel.example", "cus_demo_pixel");
    expect(await answerChallenge({ paymentId: theirPayment, passed: true })).toMatchObject({ ok: false, code: "not_found" });
    expect(await refreshPayment({ paymentId: theirPayment })).toMatchObject({ ok: false, code: "not_found" });
    expect(await setDefaultCard({ id: theirCard.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await removeCard({ id: theirCard.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await h.prisma.payment.findUniqueOrThrow({ where: { id: theirPayment } })).toMatchObject({ status: "requires_action" });
    expect(await h.prisma.paymentMethod.findUniqueOrThrow({ where: { id: theirCard.id } })).toMatchObject({ detachedAt: null, isDefault: true });
  });

  it("a session naming an account the user does not belong to acts on the user's own account", async () => {
    const stranger = await freshCustomer("platform");
    await signInAs("maya@pixel.example", stranger);
    // a page that claims the stranger's account is refused…
    expect(await confirmPurchase({ choice: { kind: "pack", packCode: "pack_2000" }, formKey: formKey() })).toMatchObject({ ok: false, code: "account_changed" });
    // …the page the session really draws is the user's own account, and acts on it
    const r = await confirmPurchase({ accountId: "cus_demo_pixel", choice: { kind: "pack", packCode: "pack_2000" }, formKey: formKey() });
    expect(r).toMatchObject({ ok: true });
    expect(await h.prisma.payment.count({ where: { customerId: stranger } })).toBe(0);
    expect(r.ok && (await h.prisma.payment.findUniqueOrThrow({ where: { id: r.payment.id } })).customerId).toBe("cus_demo_pixel");
  });

  it("the review lists every saved card, default first; the chosen one is charged and the default stays", async () => {
    const c = await freshCustomer("creator");
    const owner = await h.prisma.membership.findFirstOrThrow({ where: { customerId: c }, include: { user: true } });
    await signInAs(owner.user.email, c);
    const second = await addSandboxCard({ number: "5555 5555 5555 4444", expiry: "11/31", cvc: "123" });
    expect(second).toMatchObject({ ok: true, card: { isDefault: false } });
    const quote = await quotePurchase({ kind: "pack", packCode: "pack_500" });
    expect(quote.ok && quote.quote.cards.map((x) => [x.last4, x.isDefault])).toEqual([["4242", true], ["4444", false]]);
    const chosen = second.ok ? second.card.id : "";
    // a card that is not saved on this account: refused, nothing charged
    expect(await confirmPurchase({ choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey(), paymentMethodId: "pm_not_mine" })).toMatchObject({ ok: false, code: "unknown_card" });
    expect(await h.prisma.payment.count({ where: { customerId: c } })).toBe(0);
    const r = await confirmPurchase({ choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey(), paymentMethodId: chosen });
    expect(r).toMatchObject({ ok: true, payment: { status: "succeeded" } });
    expect((await h.prisma.payment.findFirstOrThrow({ where: { customerId: c } })).paymentMethodId).toBe(chosen);
    expect(await h.prisma.paymentMethod.findFirstOrThrow({ where: { customerId: c, isDefault: true } })).toMatchObject({ last4: "4242" });
  });

  it("the last card cannot be removed while the plan needs it; with a second card it can", async () => {
    const c = await freshCustomer("creator");
    const owner = await h.prisma.membership.findFirstOrThrow({ where: { customerId: c }, include: { user: true } });
    await signInAs(owner.user.email, c);
    const [only] = await h.prisma.paymentMethod.findMany({ where: { customerId: c } });
    expect(await removeCard({ id: only!.id })).toMatchObject({ ok: false, code: "last_card_required", message: expect.stringMatching(/only card for your Creator plan \(\$49\.00 per month\)/) });
    const added = await addSandboxCard({ number: "5555 5555 5555 4444", expiry: "11/31", cvc: "123" });
    expect(added).toMatchObject({ ok: true, card: { brand: "mastercard", last4: "4444", isDefault: false } });
    expect(await removeCard({ id: only!.id })).toEqual({ ok: true });
    // the remaining card became the default
    expect(await h.prisma.paymentMethod.findFirstOrThrow({ where: { customerId: c, detachedAt: null } })).toMatchObject({ last4: "4444", isDefault: true });
    expect(await addSandboxCard({ number: "4242 4242 4242 4241", expiry: "12/30", cvc: "123" })).toMatchObject({ ok: false, field: "number" });
    expect(await addSandboxCard({ number: CARDS.visa, expiry: "01/20", cvc: "123" })).toMatchObject({ ok: false, message: "That card has expired." });
  });
});
