// customerReads(ctx): every read is bound to the account the page is drawn for. Handed another
// account's invoice or payment id, it finds nothing; every read it offers runs for that account.
import { describe, expect, it } from "vitest";
import { formKey, freshCustomer, withPaymentsDemo } from "@/test/support/payments";
import { startPurchase } from "../payments/purchases";
import { customerReads } from "./reads";

withPaymentsDemo(() => {});

async function buyPack(customerId: string) {
  const r = await startPurchase({ customerId, choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() });
  if (!r.ok) throw new Error(r.message);
  return r.payment;
}

describe("customerReads", () => {
  it("reads the page's account, and another account's invoice or payment is simply not found", async () => {
    const [a, b] = [await freshCustomer("creator"), await freshCustomer("creator")];
    const paidByB = await buyPack(b);
    const asA = customerReads({ customerId: a });
    const asB = customerReads({ customerId: b });

    expect(await asB.paymentOutcome(paidByB.id)).toMatchObject({ id: paidByB.id, status: "succeeded" });
    expect(await asA.paymentOutcome(paidByB.id)).toBeNull();
    expect(await asB.invoice(paidByB.invoice!.id)).toMatchObject({ id: paidByB.invoice!.id });
    expect(await asA.invoice(paidByB.invoice!.id)).toBeNull();
    expect((await asA.invoices()).map((i) => i.id)).not.toContain(paidByB.invoice!.id);
    expect((await asB.invoices()).map((i) => i.id)).toContain(paidByB.invoice!.id);
    expect(await asA.challenge(paidByB.id)).toBeNull();
  });

  it("a returned payment shown on an invoice page must be that invoice's", async () => {
    const c = await freshCustomer("creator");
    const paid = await buyPack(c);
    const read = customerReads({ customerId: c });
    expect(await read.paymentOutcome(paid.id, { invoiceId: paid.invoice!.id })).toMatchObject({ id: paid.id });
    expect(await read.paymentOutcome(paid.id, { invoiceId: "inv_someone_else" })).toBeNull();
    expect(await read.paymentOutcome("x".repeat(65))).toBeNull();
  });

  it("the wallet, overview and members it reads are the account's own", async () => {
    const [a, b] = [await freshCustomer("creator"), await freshCustomer("platform")];
    const [wa, wb] = [await customerReads({ customerId: a }).wallet(), await customerReads({ customerId: b }).wallet()];
    expect(wa?.customer.id).toBe(a);
    expect(wb?.customer.id).toBe(b);
    expect(await customerReads({ customerId: a }).overview()).toMatchObject({ customerId: a, plan: { model: "credits" } });
    expect(await customerReads({ customerId: b }).overview()).toMatchObject({ customerId: b, plan: { model: "balance" } });
  });
});
