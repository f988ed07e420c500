// Billing details on invoices (PGlite): what the customer saves is on every invoice issued after,
// with the seller's details, the card charged and the payment id — page and PDF alike — and an
// invoice issued earlier keeps the details it was issued with.
import { describe, expect, it } from "vitest";
import { billingDetailsInputSchema } from "@/lib/billing/billing-details";
import type { DbHandle } from "@/lib/db/client";
import { formKey, freshCustomer, withPaymentsDemo } from "@/test/support/payments";
import { pdfText } from "@/test/support/pdf-text";
import { getBillingDetails, saveBillingDetails } from "./billing-details";
import { getInvoiceForCustomer } from "../invoices/invoices";
import { renderInvoicePdf } from "../invoices/invoice-pdf";
import { presentInvoice } from "../invoices/invoice-view";
import { startPurchase } from "../payments/purchases";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));

async function buyFunds(customerId: string, dollars: bigint) {
  const r = await startPurchase({ customerId, choice: { kind: "funds", amountMicros: dollars * 1_000_000n }, formKey: formKey() });
  if (!r.ok) throw new Error(r.message);
  return presentInvoice((await getInvoiceForCustomer(customerId, r.payment.invoice!.id))!);
}

describe("billing details", () => {
  it("are saved, read back and cleared", async () => {
    const c = await freshCustomer("platform");
    const before = await getBillingDetails(c);
    expect(before).toMatchObject({ name: null, address: null, taxId: null });
    await saveBillingDetails(c, billingDetailsInputSchema.parse({ name: "Acme GmbH", line1: "Unter den Linden 1", postal_code: "10117", city: "Berlin", country: "DE", tax_id: "DE123456789" }));
    expect(await getBillingDetails(c)).toMatchObject({ name: "Acme GmbH", address: { city: "Berlin", country: "DE" }, taxId: "DE123456789" });
    await saveBillingDetails(c, billingDetailsInputSchema.parse({}));
    expect(await getBillingDetails(c)).toMatchObject({ name: null, address: null, taxId: null });
  });

  it("appear on every later invoice and its PDF, with the seller, the card charged and the payment id", async () => {
    const c = await freshCustomer("platform");
    const plain = await buyFunds(c, 20n);
    expect(plain.buyer).toMatchObject({ lines: [], taxId: null });
    await saveBillingDetails(c, billingDetailsInputSchema.parse({ name: "Acme GmbH", line1: "Unter den Linden 1", postal_code: "10117", city: "Berlin", country: "DE", tax_id: "DE123456789" }));
    const v = await buyFunds(c, 30n);
    expect(v.seller).toEqual({ name: "Portico Demo", lines: ["548 Market St", "Suite 100", "San Francisco, CA 94104", "United States"], taxId: "EIN: 12-3456789", email: "billing@portico.example" });
    expect(v.buyer).toMatchObject({ name: "Acme GmbH", lines: ["Unter den Linden 1", "10117 Berlin", "Germany"], taxId: "VAT number: DE123456789" });
    expect(v.paidWith).toBe("Visa •••• 4242");
    const payment = await h.prisma.payment.findFirstOrThrow({ where: { invoiceId: v.id } });
    expect(v.paymentId).toContain(payment.id);
    const text = pdfText(await renderInvoicePdf(v));
    for (const s of ["From", "Billed to", "548 Market St", "EIN: 12-3456789", "Acme GmbH", "10117 Berlin", "Germany", "VAT number: DE123456789", "Visa **** 4242", payment.id]) expect(text).toContain(s);

    // the earlier invoice keeps what it was issued with; a later change does not rewrite this one
    await saveBillingDetails(c, billingDetailsInputSchema.parse({ name: "Acme SE", line1: "Hauptstr. 2", city: "München", country: "DE" }));
    const again = presentInvoice((await getInvoiceForCustomer(c, v.id))!);
    expect(again.buyer.name).toBe("Acme GmbH");
    expect(again.buyer.taxId).toBe("VAT number: DE123456789");
    expect(presentInvoice((await getInvoiceForCustomer(c, plain.id))!).buyer.lines).toEqual([]);
  });
});
