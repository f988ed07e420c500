// An invoice's PDF and email in the customer's stored language (PGlite, the real renderer and
// Noto Sans JP font files): German words for a German customer, Japanese words and a Japanese
// name that a reader extracts back through the font's ToUnicode map, English as it always was.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { readOutbox } from "@/lib/email/mailer";
import { freshCustomer, runJobs, withPaymentsDemo } from "@/test/support/payments";
import { pdfText } from "@/test/support/pdf-text";
import { pdfUnicodeText } from "@/test/support/pdf-unicode";
import { createDraftInvoice, getInvoiceForCustomer, issueInvoice } from "./invoices";
import { renderInvoicePdf } from "./invoice-pdf";
import { presentInvoice } from "./invoice-view";

let h: DbHandle;
withPaymentsDemo((db) => (h = db));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-invoice-i18n-"));
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

const lines = [{ description: "Platform — November", quantity: 1n, unitLabel: "month", unitPriceMicros: 50_000_000n, amountMicros: 50_000_000n }];

async function issuedFor(locale: string | null, name?: string) {
  const c = await freshCustomer("platform");
  await h.prisma.customer.update({ where: { id: c }, data: { locale, ...(name ? { name } : {}) } });
  const issued = await transaction(async (tx) => {
    const d = await createDraftInvoice(tx, { merchantId: "mer_demo", customerId: c, kind: "subscription", currency: "USD", taxRateBps: 800, lines, now: new Date() });
    return issueInvoice(tx, d.id, { now: new Date() });
  });
  return { c, issued, detail: (await getInvoiceForCustomer(c, issued.id))! };
}

describe("invoices in the customer's language", () => {
  it("a German customer's PDF has German labels", async () => {
    const { detail } = await issuedFor("de-DE");
    const text = pdfText(await renderInvoicePdf(presentInvoice(detail)));
    for (const s of [`Rechnung ${detail.number}`, "Status: Offen", "Rechnung an", "Ausgestellt", "Beschreibung", "Einzelpreis", "Zwischensumme", "Steuer (8 %)", "Fällig gesamt", "Beträge in USD."]) expect(text).toContain(s);
    expect(text).not.toContain("Billed to");
  });

  it("a Japanese customer's PDF has Japanese labels and name, extractable as text", async () => {
    const { detail } = await issuedFor("ja-JP", "山田商事株式会社");
    const bytes = await renderInvoicePdf(presentInvoice(detail));
    const text = await pdfUnicodeText(bytes);
    for (const s of ["請求書", detail.number!, "山田商事株式会社", "請求先", "発行元", "発行日", "内容", "数量", "単価", "金額", "小計", "ご請求合計", "ステータス", "未払い"]) expect(text).toContain(s);
    expect(text).not.toContain("\ufffd");
    if (process.env.SHOW_PDF_TEXT) console.info(text);
    const en = await renderInvoicePdf(presentInvoice((await issuedFor(null)).detail));
    console.info(`invoice PDF sizes: English ${en.byteLength} bytes, Japanese ${bytes.byteLength} bytes`);
    expect(en.byteLength).toBeLessThan(10_000); // no font file in a Latin PDF
  });

  it("an English PDF says what it always said", async () => {
    const { detail } = await issuedFor(null);
    const text = pdfText(await renderInvoicePdf(presentInvoice(detail)));
    for (const s of [`Invoice ${detail.number}`, "Status: Open", "Billed to", "From", "Issued", "Description", "Qty", "Unit price", "Amount", "Subtotal", "Tax (8 %)", "Total due", "Amounts in USD.", "half to even"]) expect(text).toContain(s);
  });

  it("a German customer's invoice email has a German subject and body; an English one is unchanged", async () => {
    const de = await issuedFor("de-DE");
    const en = await issuedFor("en-US");
    await runJobs(h);
    const mailOf = async (c: string) => {
      const to = (await h.prisma.customer.findUniqueOrThrow({ where: { id: c } })).email;
      return readOutbox(1000).find((m) => m.to === to)!;
    };
    const mde = await mailOf(de.c);
    expect(mde.subject).toBe(`Rechnung ${de.issued.number}`);
    expect(mde.text).toMatch(new RegExp(`Rechnung ${de.issued.number} über 54,00\\s\\$ wurde ausgestellt\\.`));
    expect(mde.text).toContain(`Rechnung ${de.issued.number} ansehen: https://billing.example.com/invoices/${de.issued.id}`);
    expect(mde.text).toContain(`Das PDF ist angehängt (${de.issued.number}.pdf).`);
    expect(mde.text).toContain("Ihr Abrechnungsportal öffnen: https://billing.example.com/");
    expect(pdfText(Buffer.from(mde.attachments![0]!.base64, "base64"))).toContain("Rechnung an");
    const men = await mailOf(en.c);
    expect(men.subject).toBe(`Invoice ${en.issued.number}`);
    expect(men.text.split("\n").slice(0, 5)).toEqual([
      `Invoice ${en.issued.number} for $54.00 was issued.`,
      "",
      `View the invoice ${en.issued.number}: https://billing.example.com/invoices/${en.issued.id}`,
      `The PDF is attached (${en.issued.number}.pdf).`,
      "",
    ]);
  });
});
