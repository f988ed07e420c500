// The emails of a purchase and of an issued invoice (PGlite, sandbox payments, the real job
// handlers and PDF renderer): one receipt per person, linking to the invoice and carrying its PDF.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { readOutbox } from "@/lib/email/mailer";
import { formKey, freshCustomer, runJobs, withPaymentsDemo } from "@/test/support/payments";
import { pdfText } from "@/test/support/pdf-text";
import { addMember } from "../customers/customers";
import { createDraftInvoice, issueInvoice } from "./invoices";
import { startPurchase } from "../payments/purchases";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-invoice-email-"));
const saved = { dir: process.env.PORTICO_DATA_DIR, url: process.env.NEXTAUTH_URL };
beforeAll(() => {
  process.env.PORTICO_DATA_DIR = dataDir;
  process.env.NEXTAUTH_URL = "https://billing.example.com";
});
afterAll(() => {
  process.env.PORTICO_DATA_DIR = saved.dir;
  process.env.NEXTAUTH_URL = saved.url;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const mailTo = (email: string) => readOutbox(1000).filter((m) => m.to === email);

describe("invoice emails", () => {
  it("a purchase sends each owner and billing member one receipt with the invoice's link and PDF", async () => {
    const c = await freshCustomer("creator");
    const owner = (await h.prisma.customer.findUniqueOrThrow({ where: { id: c } })).email;
    await transaction((tx) => addMember(tx, { customerId: c, email: `billing-${c}@test.example`, role: "billing" }));
    await transaction((tx) => addMember(tx, { customerId: c, email: `viewer-${c}@test.example`, role: "viewer" }));
    const r = await startPurchase({ customerId: c, choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() });
    if (!r.ok) throw new Error(r.message);
    await runJobs(h);
    const invoice = await h.prisma.invoice.findFirstOrThrow({ where: { customerId: c, kind: "credit_pack" } });

    for (const to of [owner, `billing-${c}@test.example`]) {
      const mails = mailTo(to);
      expect(mails.map((m) => m.subject)).toEqual(["Credits added"]); // the invoice's own notice sends no second email
      const [receipt] = mails;
      expect(receipt!.text).toContain(`View the invoice ${invoice.number}: https://billing.example.com/invoices/${invoice.id}`);
      expect(receipt!.links).toContain(`https://billing.example.com/invoices/${invoice.id}`);
      expect(receipt!.attachments).toHaveLength(1);
      const pdf = receipt!.attachments![0]!;
      expect(pdf).toMatchObject({ filename: `${invoice.number}.pdf`, contentType: "application/pdf" });
      const bytes = Buffer.from(pdf.base64, "base64");
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      const text = pdfText(bytes);
      expect(text).toContain(invoice.number!);
      expect(text).toContain("$27.00");
    }
    expect(mailTo(`viewer-${c}@test.example`)).toEqual([]);
  });

  it("an invoice issued to be paid (no receipt) is emailed with its link and PDF", async () => {
    const c = await freshCustomer("platform");
    const owner = (await h.prisma.customer.findUniqueOrThrow({ where: { id: c } })).email;
    const lines = [{ description: "Platform — November", quantity: 1n, unitLabel: "month", unitPriceMicros: 50_000_000n, amountMicros: 50_000_000n }];
    const issued = await transaction(async (tx) => {
      const d = await createDraftInvoice(tx, { merchantId: "mer_demo", customerId: c, kind: "subscription", currency: "USD", taxRateBps: 800, lines, now: new Date() });
      return issueInvoice(tx, d.id, { now: new Date() });
    });
    await runJobs(h);
    const [mail] = mailTo(owner).filter((m) => m.subject === `Invoice ${issued.number}`);
    expect(mail!.text).toContain(`https://billing.example.com/invoices/${issued.id}`);
    expect(pdfText(Buffer.from(mail!.attachments![0]!.base64, "base64"))).toContain("$54.00");
  });
});
