import "server-only";
// The PDF of an invoice, drawn with pdf-lib (standard Helvetica, so no font files to ship) from
// the same presentation as the invoice page.
import fs from "node:fs/promises";
import path from "node:path";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from "pdf-lib";
import type { InvoicePresentation } from "./invoice-view";

/** Helvetica speaks WinAnsi: map what Intl and our words may produce to what it can draw. */
export function winAnsi(text: string): string {
  return text
    .replace(/[\u00a0\u202f\u2007\u2009]/g, " ")
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, "...")
    .replace(/\u2022/g, "*")
    .replace(/[^\x20-\x7e\xa1-\xff]/g, "?");
}

const MARGIN = 50;
const WIDTH = 612;
const HEIGHT = 792;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.4, 0.44, 0.5);

/** pdf-lib's colour of a #rrggbb string. */
function pdfColor(hex: string) {
  const n = parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/**
 * The merchant's logo for the PDF, when it is a PNG or JPEG the install holds: a data: URL, or a
 * path under public/ ("/brand/logo.png"). A remote URL is not fetched while an invoice renders (a
 * slow or missing host would hold up every download); the name stands alone then.
 */
async function embedLogo(doc: PDFDocument, url: string | null): Promise<PDFImage | null> {
  if (!url) return null;
  try {
    let bytes: Uint8Array;
    let png: boolean;
    const data = /^data:image\/(png|jpeg|jpg);base64,(.+)$/i.exec(url);
    if (data) {
      bytes = Buffer.from(data[2]!, "base64");
      png = data[1]!.toLowerCase() === "png";
    } else if (/^\/[\w./-]+\.(png|jpe?g)$/i.test(url) && !url.includes("..")) {
      bytes = await fs.readFile(path.join(process.cwd(), "public", url));
      png = url.toLowerCase().endsWith(".png");
    } else return null;
    return png ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  } catch {
    return null; // a broken logo never stops an invoice
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = winAnsi(text).split(" ");
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderInvoicePdf(inv: InvoicePresentation): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${inv.title} ${inv.number}`);
  doc.setAuthor(inv.merchant);
  doc.setCreator("Portico");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage([WIDTH, HEIGHT]);
  let y = HEIGHT - MARGIN;
  const text = (s: string, x: number, opts: { size?: number; f?: PDFFont; color?: typeof INK; right?: boolean } = {}) => {
    const size = opts.size ?? 10;
    const f = opts.f ?? font;
    const t = winAnsi(s);
    const at = opts.right ? x - f.widthOfTextAtSize(t, size) : x;
    page.drawText(t, { x: at, y, size, font: f, color: opts.color ?? INK });
  };
  const need = (h: number) => {
    if (y - h < MARGIN) {
      page = doc.addPage([WIDTH, HEIGHT]);
      y = HEIGHT - MARGIN;
    }
  };

  // the merchant's mark: its logo (when the install holds it) and its name in its colour
  const logo = await embedLogo(doc, inv.brand.logoUrl);
  let nameX = MARGIN;
  if (logo) {
    const h = 24;
    const w = Math.min(120, (logo.width / logo.height) * h);
    page.drawImage(logo, { x: MARGIN, y: y - 5, width: w, height: (w / logo.width) * logo.height });
    nameX += w + 8;
  }
  page.drawRectangle({ x: 0, y: HEIGHT - 8, width: WIDTH, height: 8, color: pdfColor(inv.brand.color) });
  text(inv.merchant, nameX, { size: 18, f: bold, color: pdfColor(inv.brand.color) });
  text(`${inv.title} ${inv.number}`, WIDTH - MARGIN, { size: 14, f: bold, right: true });
  y -= 22;
  text(inv.kind, MARGIN, { color: MUTED });
  text(`Status: ${inv.statusLabel}`, WIDTH - MARGIN, { right: true });
  y -= 30;
  // seller and buyer side by side, as they were when the invoice was issued
  const block = (p: InvoicePresentation["seller"]) => [p.name, ...p.lines, ...(p.taxId ? [p.taxId] : []), ...(p.email ? [p.email] : [])];
  const columns: [string, string[], number][] = [
    ["From", block(inv.seller), MARGIN],
    ["Billed to", block(inv.buyer), WIDTH / 2],
  ];
  const top = y;
  let bottom = y;
  for (const [label, rows, x] of columns) {
    y = top;
    text(label, x, { color: MUTED });
    y -= 14;
    rows.forEach((r, i) => {
      for (const part of wrap(r, i === 0 ? bold : font, 10, WIDTH / 2 - MARGIN - 10)) {
        text(part, x, { f: i === 0 ? bold : font });
        y -= 13;
      }
    });
    bottom = Math.min(bottom, y);
  }
  y = bottom - 12;
  for (const [label, value] of [
    ["Issued", inv.issued],
    ...(inv.paid ? [[inv.title === "Credit note" ? "Settled" : "Paid", inv.paid]] : []),
    ...(inv.period ? [["Period", inv.period]] : []),
    ...(inv.original ? [["Credits", `Invoice ${inv.original.number}`]] : []),
    ...(inv.paidWith ? [["Paid with", inv.paidWith]] : []),
    ...(inv.paymentId ? [["Payment", inv.paymentId]] : []),
  ] as [string, string][]) {
    text(label, MARGIN, { color: MUTED });
    text(value, MARGIN + 90);
    y -= 15;
  }
  y -= 15;

  // lines
  const cols = { qty: 360, unit: 450, amount: WIDTH - MARGIN };
  text("Description", MARGIN, { f: bold });
  text("Qty", cols.qty, { f: bold, right: true });
  text("Unit price", cols.unit, { f: bold, right: true });
  text("Amount", cols.amount, { f: bold, right: true });
  y -= 6;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: WIDTH - MARGIN, y }, thickness: 0.5, color: MUTED });
  y -= 14;
  for (const l of inv.lines) {
    const rows = wrap(l.description, font, 10, cols.qty - MARGIN - 50);
    need(rows.length * 13 + 6);
    text(`${l.quantity} ${l.unitLabel}`, cols.qty, { right: true });
    text(l.unitPrice, cols.unit, { right: true });
    text(l.amount, cols.amount, { right: true });
    for (const r of rows) {
      text(r, MARGIN);
      y -= 13;
    }
    y -= 6;
  }
  page.drawLine({ start: { x: MARGIN, y: y + 4 }, end: { x: WIDTH - MARGIN, y: y + 4 }, thickness: 0.5, color: MUTED });
  y -= 12;
  need(80);
  for (const [label, value, strong] of [
    ["Subtotal", inv.subtotal, false],
    [inv.taxLabel, inv.tax, false],
    ...(inv.rounding ? ([["Rounding", inv.rounding, false]] as const) : []),
    [inv.totalLabel, inv.total, true],
  ] as [string, string, boolean][]) {
    text(label, cols.unit, { right: true, f: strong ? bold : font, size: strong ? 12 : 10 });
    text(value, cols.amount, { right: true, f: strong ? bold : font, size: strong ? 12 : 10 });
    y -= strong ? 18 : 15;
  }
  y -= 10;
  for (const note of [inv.memo, inv.roundingRule, `Amounts in ${inv.currency}.`].filter((x): x is string => Boolean(x))) {
    for (const r of wrap(note, font, 9, WIDTH - 2 * MARGIN)) {
      need(12);
      text(r, MARGIN, { size: 9, color: MUTED });
      y -= 12;
    }
  }
  return doc.save();
}
