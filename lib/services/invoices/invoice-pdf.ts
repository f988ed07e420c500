import "server-only";
// The PDF of an invoice, drawn with pdf-lib from the same presentation as the invoice page, its
// words in the locale the presentation formatted in (messages/<lang>/pdf.json). Latin text is in the
// standard Helvetica; Japanese (and any other text Helvetica cannot draw) in Noto Sans JP (pdf-fonts.ts).
import fs from "node:fs/promises";
import path from "node:path";
import { PDFDocument, rgb, type PDFImage, type PDFPage } from "pdf-lib";
import { say } from "@/lib/i18n/say";
import type { InvoicePresentation } from "./invoice-view";
import { typesetFor, type Typeset } from "./pdf-fonts";

export { winAnsi } from "./pdf-fonts";

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

/** A line's pieces: space-separated words, and within a word each CJK character (a line may break before it). */
function pieces(text: string): { s: string; space: boolean }[] {
  return text
    .replace(/[\u00a0\u202f\u2007\u2009]/g, " ")
    .split(" ")
    .flatMap((word) => (word.match(/[\u3000-\u9fff\uf900-\uffef]|[^\u3000-\u9fff\uf900-\uffef]+/g) ?? [""]).map((s, i) => ({ s, space: i === 0 })));
}

function wrap(text: string, ts: Typeset, bold: boolean, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const p of pieces(text)) {
    const next = line ? `${line}${p.space ? " " : ""}${p.s}` : p.s;
    if (ts.width(next, size, bold) > width && line) {
      lines.push(line);
      line = p.s;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Every string the PDF may draw, so the fonts it needs are embedded before drawing starts. */
function stringsOf(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (v && typeof v === "object") for (const x of Object.values(v)) stringsOf(x, out);
  return out;
}

export async function renderInvoicePdf(inv: InvoicePresentation): Promise<Uint8Array> {
  const t = say(inv.locale, "pdf");
  const creditNote = inv.kindCode === "credit_note";
  const title = t(creditNote ? "title.creditNote" : "title.invoice");
  const known = (group: "kind" | "status", code: string, fallback: string) => (t.has(`${group}.${code}`) ? t(`${group}.${code}`) : fallback);
  const L = {
    kind: known("kind", inv.kindCode, inv.kind),
    status: t("statusLine", { status: known("status", inv.status, inv.statusLabel) }),
    from: t("from"),
    billedTo: t("billedTo"),
    issued: t("issued"),
    paid: t(creditNote ? "settled" : "paid"),
    period: t("period"),
    credits: t("credits"),
    original: inv.original ? t("creditsInvoice", { number: inv.original.number ?? "" }) : "",
    paidWith: t("paidWith"),
    payment: t("payment"),
    description: t("description"),
    qty: t("qty"),
    unitPrice: t("unitPrice"),
    amount: t("amount"),
    subtotal: t("subtotal"),
    tax: t("tax", { rate: inv.taxRate }),
    rounding: t("rounding"),
    total: t(creditNote ? "totalCredited" : inv.status === "paid" ? "totalPaid" : "totalDue"),
    roundingRule: t("roundingRule"),
    amountsIn: t("amountsIn", { currency: inv.currency }),
  };
  const doc = await PDFDocument.create();
  doc.setTitle(`${title} ${inv.number}`);
  doc.setAuthor(inv.merchant);
  doc.setCreator("Portico");
  const ts = await typesetFor(doc, [...stringsOf(inv), ...Object.values(L), title]);
  let page: PDFPage = doc.addPage([WIDTH, HEIGHT]);
  let y = HEIGHT - MARGIN;
  const text = (s: string, x: number, opts: { size?: number; bold?: boolean; color?: typeof INK; right?: boolean } = {}) => {
    const size = opts.size ?? 10;
    const at = opts.right ? x - ts.width(s, size, opts.bold) : x;
    ts.draw(page, s, { x: at, y, size, bold: opts.bold, color: opts.color ?? INK });
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
  text(inv.merchant, nameX, { size: 18, bold: true, color: pdfColor(inv.brand.color) });
  text(`${title} ${inv.number}`, WIDTH - MARGIN, { size: 14, bold: true, right: true });
  y -= 22;
  text(L.kind, MARGIN, { color: MUTED });
  text(L.status, WIDTH - MARGIN, { right: true });
  y -= 30;
  // seller and buyer side by side, as they were when the invoice was issued
  const block = (p: InvoicePresentation["seller"]) => [p.name, ...p.lines, ...(p.taxId ? [p.taxId] : []), ...(p.email ? [p.email] : [])];
  const columns: [string, string[], number][] = [
    [L.from, block(inv.seller), MARGIN],
    [L.billedTo, block(inv.buyer), WIDTH / 2],
  ];
  const top = y;
  let bottom = y;
  for (const [label, rows, x] of columns) {
    y = top;
    text(label, x, { color: MUTED });
    y -= 14;
    rows.forEach((r, i) => {
      for (const part of wrap(r, ts, i === 0, 10, WIDTH / 2 - MARGIN - 10)) {
        text(part, x, { bold: i === 0 });
        y -= 13;
      }
    });
    bottom = Math.min(bottom, y);
  }
  y = bottom - 12;
  for (const [label, value] of [
    [L.issued, inv.issued],
    ...(inv.paid ? [[L.paid, inv.paid]] : []),
    ...(inv.period ? [[L.period, inv.period]] : []),
    ...(inv.original ? [[L.credits, L.original]] : []),
    ...(inv.paidWith ? [[L.paidWith, inv.paidWith]] : []),
    ...(inv.paymentId ? [[L.payment, inv.paymentId]] : []),
  ] as [string, string][]) {
    text(label, MARGIN, { color: MUTED });
    text(value, MARGIN + 90);
    y -= 15;
  }
  y -= 15;

  // lines
  const cols = { qty: 360, unit: 450, amount: WIDTH - MARGIN };
  text(L.description, MARGIN, { bold: true });
  text(L.qty, cols.qty, { bold: true, right: true });
  text(L.unitPrice, cols.unit, { bold: true, right: true });
  text(L.amount, cols.amount, { bold: true, right: true });
  y -= 6;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: WIDTH - MARGIN, y }, thickness: 0.5, color: MUTED });
  y -= 14;
  for (const l of inv.lines) {
    const rows = wrap(l.description, ts, false, 10, cols.qty - MARGIN - 50);
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
    [L.subtotal, inv.subtotal, false],
    [L.tax, inv.tax, false],
    ...(inv.rounding ? ([[L.rounding, inv.rounding, false]] as const) : []),
    [L.total, inv.total, true],
  ] as [string, string, boolean][]) {
    text(label, cols.unit, { right: true, bold: strong, size: strong ? 12 : 10 });
    text(value, cols.amount, { right: true, bold: strong, size: strong ? 12 : 10 });
    y -= strong ? 18 : 15;
  }
  y -= 10;
  for (const note of [inv.memo, L.roundingRule, L.amountsIn].filter((x): x is string => Boolean(x))) {
    for (const r of wrap(note, ts, false, 9, WIDTH - 2 * MARGIN)) {
      need(12);
      text(r, MARGIN, { size: 9, color: MUTED });
      y -= 12;
    }
  }
  return doc.save();
}
