// Invoices (PGlite): the general service (draft → issue → paid / void, credit notes), the
// customer's list and detail scoped to their account, and the PDF — rendered by pdf-lib and read
// back (streams inflated, text decoded) to check it says what the invoice says.
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { formKey, freshCustomer, withPaymentsDemo } from "@/test/support/payments";
import { pdfText } from "@/test/support/pdf-text";
import { createDraftInvoice, getInvoiceForCustomer, getInvoiceForMember, issueCreditNote, issueInvoice, listInvoices, markInvoicePaid, voidInvoice } from "./invoices";
import { renderInvoicePdf, winAnsi } from "./invoice-pdf";
import { presentInvoice } from "./invoice-view";
import { startPurchase } from "../payments/purchases";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));

describe("the invoice service", () => {
  it("issues a draft with the next number, marks it paid, voids another, and never reuses a number", async () => {
    const c = await freshCustomer("platform");
    const lines = [{ description: "Platform — November", quantity: 1n, unitLabel: "month", unitPriceMicros: 50_000_000n, amountMicros: 50_000_000n }];
    const { a, b } = await transaction(async (tx) => {
      const d1 = await createDraftInvoice(tx, { merchantId: "mer_demo", customerId: c, kind: "subscription", currency: "USD", taxRateBps: 800, lines, now: new Date() });
      expect(d1).toMatchObject({ status: "draft", number: null, subtotalMicros: 50_000_000n, taxMicros: 4_000_000n, totalCents: 5_400n });
      const a = await issueInvoice(tx, d1.id, { now: new Date() });
      const d2 = await createDraftInvoice(tx, { merchantId: "mer_demo", customerId: c, kind: "subscription", currency: "USD", taxRateBps: 800, lines, now: new Date() });
      const b = await issueInvoice(tx, d2.id, { now: new Date() });
      await markInvoicePaid(tx, a.id, new Date());
      await voidInvoice(tx, b.id, new Date());
      return { a, b };
    });
    expect(Number(b.number!.slice(4))).toBe(Number(a.number!.slice(4)) + 1);
    expect(await h.prisma.invoice.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "paid" });
    expect(await h.prisma.invoice.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "void" });
    await expect(transaction((tx) => markInvoicePaid(tx, b.id, new Date()))).rejects.toThrow(/void/);
    await expect(transaction((tx) => voidInvoice(tx, a.id, new Date()))).rejects.toThrow(/credit note/);
    // a failed issue leaves no gap: its number is rolled back with it
    const seq = (await h.prisma.merchant.findUniqueOrThrow({ where: { id: "mer_demo" } })).invoiceSeq;
    await expect(
      transaction(async (tx) => {
        const d = await createDraftInvoice(tx, { merchantId: "mer_demo", customerId: c, kind: "subscription", currency: "USD", taxRateBps: 800, lines, now: new Date() });
        await issueInvoice(tx, d.id, { now: new Date() });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await h.prisma.merchant.findUniqueOrThrow({ where: { id: "mer_demo" } })).invoiceSeq).toBe(seq);
    // credit notes never exceed the original
    await expect(
      transaction((tx) => issueCreditNote(tx, { originalId: a.id, lines, subtotalMicros: 60_000_000n, taxMicros: 0n, totalCents: 6_000n, memo: "too much", now: new Date() })),
    ).rejects.toThrow(/exceed/);
  });

  it("refuses negative lines and empty invoices", async () => {
    const c = await freshCustomer("platform");
    const base = { merchantId: "mer_demo", customerId: c, kind: "top_up" as const, currency: "USD", taxRateBps: 800, now: new Date() };
    await expect(transaction((tx) => createDraftInvoice(tx, { ...base, lines: [] }))).rejects.toThrow(/at least one line/);
    await expect(transaction((tx) => createDraftInvoice(tx, { ...base, lines: [{ description: "x", quantity: 1n, unitLabel: "x", unitPriceMicros: null, amountMicros: -1n }] }))).rejects.toThrow(/credit note/);
  });
});

describe("the customer's invoices", () => {
  it("are listed newest first, filtered by status, and another account's invoice is not found", async () => {
    const c = await freshCustomer("creator");
    const r = await startPurchase({ customerId: c, choice: { kind: "pack", packCode: "pack_2000" }, formKey: formKey() });
    const invoiceId = r.ok ? r.payment.invoice!.id : "";
    expect((await listInvoices(c)).map((i) => i.id)).toEqual([invoiceId]);
    expect(await listInvoices(c, { status: "open" })).toEqual([]);
    expect((await listInvoices(c, { status: "paid" })).map((i) => i.kind)).toEqual(["credit_pack"]);
    expect(await getInvoiceForCustomer("cus_demo_pixel", invoiceId)).toBeNull();
    // membership decides downloads: maya (owner of Pixel) is not a member of this account
    const maya = await h.prisma.user.findUniqueOrThrow({ where: { email: "maya@pixel.example" } });
    expect(await getInvoiceForMember(maya.id, invoiceId)).toBeNull();
    const owner = await h.prisma.membership.findFirstOrThrow({ where: { customerId: c } });
    expect((await getInvoiceForMember(owner.userId, invoiceId))?.id).toBe(invoiceId);
  });

  it("renders a PDF that says what the invoice says", async () => {
    const c = await freshCustomer("platform");
    const r = await startPurchase({ customerId: c, choice: { kind: "funds", amountMicros: 10_010_000n }, formKey: formKey() });
    const detail = (await getInvoiceForCustomer(c, r.ok ? r.payment.invoice!.id : ""))!;
    const view = presentInvoice(detail);
    expect(view).toMatchObject({ subtotal: "$10.01", taxLabel: "Tax (8 %)", tax: "$0.80", rounding: null, total: "$10.81", totalLabel: "Total paid", statusLabel: "Paid" });
    const bytes = await renderInvoicePdf(view);
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe(`Invoice ${detail.number}`);
    const text = pdfText(bytes);
    for (const s of [`Invoice ${detail.number}`, "Portico Demo", "Funds added to your balance", "$10.01", "Tax (8 %)", "$0.80", "Total paid", "$10.81", "shown rounded to the cent, half to even", detail.customer.email]) {
      expect(text).toContain(s);
    }
    // whole cents where a person reads an amount: no $0.8008
    expect(text).not.toMatch(/\$\d[\d,]*\.\d{3}/);
  });

  it("draws only what Helvetica can encode", () => {
    expect(winAnsi("Credit pack “500” — 1\u202f000 credits…")).toBe('Credit pack "500" - 1 000 credits...');
    expect(winAnsi("日本")).toBe("??");
  });
});
