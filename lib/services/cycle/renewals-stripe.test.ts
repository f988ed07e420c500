// Renewal charges with the Stripe provider: the real SDK against the Stripe API double. The
// renewal is charged off-session with the period-derived Idempotency-Key (a retried charge job
// sends the same key and gets the same PaymentIntent); a declined card and a card that needs
// 3-D Secure off-session both leave the subscription past due with the invoice open.
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { freshCustomer } from "@/test/support/payments";
import type { StripeDouble } from "@/test/stripe-double/server";
import { stripeWorld } from "@/test/support/stripe-world";
import { runBillingCycle } from "./billing-cycle";
import { checkLedger } from "../ledger/ledger-check";
import { saveSetupCard, startCardSetup } from "../payments/payment-methods";
import { syncPayment } from "../payments/payments";

let h: DbHandle;
let double: StripeDouble;
stripeWorld({ webhookSecret: "whsec_renewals", ready: (w) => ({ h, double } = w) });

async function stripeCustomer(pm: Parameters<StripeDouble["confirmSetup"]>[1], now: Date) {
  const c = await freshCustomer("creator", now);
  await h.prisma.paymentMethod.deleteMany({ where: { customerId: c } }); // the demo's sandbox card
  const { setupId } = await startCardSetup(c);
  double.confirmSetup(setupId, pm);
  await saveSetupCard({ provider: "stripe", setupId, customerId: c, now });
  return c;
}

describe("renewals through Stripe", () => {
  it("charges once with the period's key, declines and off-session 3-D Secure leave the invoice open", async () => {
    const start = new Date();
    const ok = await stripeCustomer("pm_card_visa", start);
    const declined = await stripeCustomer("pm_card_chargeDeclined", start);
    const sca = await stripeCustomer("pm_card_authenticationRequired", start);
    const sub = await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: ok } });
    const renewal = new Date(sub.currentPeriodEnd.getTime() + 60_000);
    await runBillingCycle(renewal, h.prisma);
    await runBillingCycle(renewal, h.prisma);

    const paid = await h.prisma.payment.findFirstOrThrow({ where: { customerId: ok, purpose: "subscription" }, include: { invoice: true } });
    expect(paid).toMatchObject({ provider: "stripe", status: "succeeded", amountCents: 5292n, idempotencyKey: `renewal:${sub.id}:${sub.currentPeriodEnd.toISOString()}` });
    expect(paid.invoice!.status).toBe("paid");
    const creates = double.requests.filter((r) => r.method === "POST" && r.path === "/v1/payment_intents" && r.idempotencyKey === paid.idempotencyKey);
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toMatchObject({ amount: "5292", off_session: "true", confirm: "true" });
    // asking Stripe again changes nothing
    await syncPayment(paid.id, renewal);
    expect(await h.prisma.payment.count({ where: { customerId: ok, purpose: "subscription" } })).toBe(1);

    for (const [c, code] of [[declined, "card_declined"], [sca, "authentication_required"]] as const) {
      const p = await h.prisma.payment.findFirstOrThrow({ where: { customerId: c, purpose: "subscription" }, include: { invoice: true } });
      expect([p.status, p.failureCode, p.invoice!.status]).toEqual(["failed", code, "open"]);
      expect((await h.prisma.subscription.findUniqueOrThrow({ where: { customerId: c } })).status).toBe("past_due");
    }
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});
