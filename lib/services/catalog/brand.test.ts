// The merchant's name and colour where the customer looks before and outside the portal: the
// sign-in page's merchant, the sender of its emails, the heading of its invoice PDFs (PGlite with
// the demo data, the real mailer outbox and PDF renderer).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { readOutbox } from "@/lib/email/mailer";
import { formKey, freshCustomer, runJobs, withPaymentsDemo } from "@/test/support/payments";
import { pdfContent } from "@/test/support/pdf-text";
import { brandOfCustomer, signInBrand } from "./brand";
import { renderInvoicePdf } from "../invoices/invoice-pdf";
import { presentInvoice } from "../invoices/invoice-view";
import { getInvoiceForCustomer } from "../invoices/invoices";
import { startPurchase } from "../payments/purchases";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-brand-"));
const saved = { dir: process.env.PORTICO_DATA_DIR, merchant: process.env.PORTICO_MERCHANT };
beforeAll(() => {
  process.env.PORTICO_DATA_DIR = dataDir;
  delete process.env.PORTICO_MERCHANT;
});
afterAll(() => {
  process.env.PORTICO_DATA_DIR = saved.dir;
  if (saved.merchant === undefined) delete process.env.PORTICO_MERCHANT;
  else process.env.PORTICO_MERCHANT = saved.merchant;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The fill colours (r g b rg) a PDF's pages draw with, as #rrggbb. */
function fillColours(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const content of pdfContent(bytes)) {
    for (const c of content.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) rg/g)) {
      out.push(`#${[c[1], c[2], c[3]].map((v) => Math.round(Number(v) * 255).toString(16).padStart(2, "0")).join("")}`);
    }
  }
  return out;
}

describe("the merchant's brand outside the portal", () => {
  it("a purchase's receipt goes out under the merchant's name, and its PDF heading is in the merchant's colour", async () => {
    await h.prisma.merchant.update({ where: { id: "mer_demo" }, data: { brandColor: "#0f766e" } });
    const c = await freshCustomer("creator");
    const owner = (await h.prisma.customer.findUniqueOrThrow({ where: { id: c } })).email;
    const r = await startPurchase({ customerId: c, choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() });
    if (!r.ok) throw new Error(r.message);
    await runJobs(h);
    const [receipt] = readOutbox(1000).filter((m) => m.to === owner);
    expect(receipt!.from).toBe('"Portico Demo" <billing@portico.local>');
    const invoice = await h.prisma.invoice.findFirstOrThrow({ where: { customerId: c, kind: "credit_pack" } });
    const brandPdf = await renderInvoicePdf(presentInvoice((await getInvoiceForCustomer(c, invoice.id))!));
    expect(fillColours(brandPdf)).toContain("#0f766e");

    // too light to read white on: the PDF keeps Portico's colour
    await h.prisma.merchant.update({ where: { id: "mer_demo" }, data: { brandColor: "#fde047" } });
    const lightPdf = await renderInvoicePdf(presentInvoice((await getInvoiceForCustomer(c, invoice.id))!));
    expect(fillColours(lightPdf)).not.toContain("#fde047");
    expect(fillColours(lightPdf)).toContain("#4f46e5");

    // a logo the install holds is drawn in the heading; a remote one is not fetched to render
    const png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    await h.prisma.merchant.update({ where: { id: "mer_demo" }, data: { logoUrl: png } });
    const withLogo = Buffer.from(await renderInvoicePdf(presentInvoice((await getInvoiceForCustomer(c, invoice.id))!))).toString("latin1");
    expect(withLogo).toMatch(/\/Subtype \/Image/);
    await h.prisma.merchant.update({ where: { id: "mer_demo" }, data: { logoUrl: "https://cdn.example.com/logo.png" } });
    const remote = Buffer.from(await renderInvoicePdf(presentInvoice((await getInvoiceForCustomer(c, invoice.id))!))).toString("latin1");
    expect(remote).not.toMatch(/\/Subtype \/Image/);
    await h.prisma.merchant.update({ where: { id: "mer_demo" }, data: { brandColor: null, logoUrl: null } });
  });

  it("the sign-in page is the only merchant's; with two, the one PORTICO_MERCHANT names, else nobody's", async () => {
    expect((await signInBrand())?.name).toBe("Portico Demo");
    expect((await brandOfCustomer("cus_demo_pixel"))?.id).toBe("mer_demo");
    await h.prisma.merchant.create({ data: { id: "mer_brand_two", name: "Second Merchant", brandColor: "#7c2d12" } });
    try {
      expect(await signInBrand()).toBeNull();
      process.env.PORTICO_MERCHANT = "mer_brand_two";
      expect(await signInBrand()).toMatchObject({ name: "Second Merchant", brandColor: "#7c2d12" });
      process.env.PORTICO_MERCHANT = "mer_nobody";
      expect(await signInBrand()).toBeNull();
    } finally {
      delete process.env.PORTICO_MERCHANT;
      await h.prisma.merchant.delete({ where: { id: "mer_brand_two" } });
    }
  });
});
