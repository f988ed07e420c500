// Test data of the billing-cycle end-to-end test, made through the real services against the
// "postgres" project's server database (a child process, like e2e/support/fixture.ts):
//   past-due <owner email> <viewer email>   a Creator customer whose first period ended a few
//       minutes ago, with the sandbox's declining card (0002) as its only card; its period is
//       invoiced and charged by the billing cycle's own code: the renewal is declined, so the
//       subscription is past due with the invoice open. Prints { customerId, invoiceId, number }.
import { randomBytes } from "node:crypto";
import { addMonthsClamped } from "@/lib/billing/periods";
import { transaction } from "@/lib/db/tx";
import { addMember, createCustomer } from "@/lib/services/customers/customers";
import { addSandboxCard } from "@/lib/services/payments/payment-methods";
import { CHARGE_QUEUE, invoiceEndedPeriod, RENEWAL_HANDLERS } from "@/lib/services/cycle/renewals";
import { printWithDatabase } from "@/scripts/with-database";

printWithDatabase(async (h) => {
  const [command, owner, viewer] = process.argv.slice(2);
  if (command !== "past-due" || !owner || !viewer) throw new Error("usage: past-due <owner email> <viewer email>");
  const now = new Date();
  const anchorAt = new Date(addMonthsClamped(now, -1).getTime() - 5 * 60_000);
  const ext = `e2e_cycle_${randomBytes(5).toString("hex")}`;
  const customerId = await transaction(async (tx) => {
    const { customer } = await createCustomer(tx, { merchantId: "mer_demo", externalId: ext, name: `Cycle ${ext}`, email: owner, planCode: "creator", anchorAt, now: anchorAt });
    await addMember(tx, { customerId: customer.id, email: viewer, role: "viewer" });
    return customer.id;
  });
  const card = await addSandboxCard(customerId, { number: "4000000000000002", expMonth: 12, expYear: now.getUTCFullYear() + 3, cvc: "123" }, now);
  if (!card.ok) throw new Error(card.message);
  const period = await h.prisma.billingPeriod.findFirstOrThrow({ where: { subscription: { customerId } } });
  const invoice = await transaction((tx) => invoiceEndedPeriod(tx, period.id, now));
  if (!invoice) throw new Error("No renewal invoice");
  const payment = await h.prisma.payment.findFirstOrThrow({ where: { invoiceId: invoice.id } });
  await RENEWAL_HANDLERS[CHARGE_QUEUE]!({ paymentId: payment.id }, { id: "e2e", attempt: 1, maxAttempts: 1, now, client: h.prisma });
  return { customerId, invoiceId: invoice.id, number: invoice.number };
});
