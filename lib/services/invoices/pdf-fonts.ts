import "server-only";
// The fonts of an invoice PDF. Latin text is drawn in the standard Helvetica (no font file, so an
// English, German, French or Spanish PDF stays small and looks as it always has). Text Helvetica
// cannot draw — Japanese labels, a customer's name in kanji, "￥" — is drawn in Noto Sans JP from
// @fontsource/noto-sans-jp, which ships the font as ~120 unicode-range subsets per weight: only the
// subsets that cover the characters this invoice uses are embedded (themselves subset by pdf-lib,
// with a ToUnicode map, so the text stays extractable). Each string is drawn as runs, one per font.
import fs from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { StandardFonts, type Color, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";

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

const LATIN = /^[\x20-\x7e\xa1-\xff]$/;
const NOTO_DIR = path.join(process.cwd(), "node_modules", "@fontsource", "noto-sans-jp");
type Face = { file: string; ranges: [number, number][] };
const faces = new Map<number, Face[]>();

/** The subsets of one weight and the code points each covers, from the package's @font-face rules. */
function facesOf(weight: 400 | 700): Face[] {
  const hit = faces.get(weight);
  if (hit) return hit;
  const css = fs.readFileSync(path.join(NOTO_DIR, `${weight}.css`), "utf8");
  const out: Face[] = [];
  for (const rule of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(",").map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, "").split("-");
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
    });
    out.push({ file, ranges });
  }
  faces.set(weight, out);
  return out;
}

const faceFor = (weight: 400 | 700, cp: number) => facesOf(weight).find((f) => f.ranges.some(([a, b]) => cp >= a && cp <= b));

/** Characters Helvetica draws as they are (after the WinAnsi mapping of dashes, quotes, spaces). */
function latinDrawable(ch: string): boolean {
  return LATIN.test(ch) || winAnsi(ch) !== "?";
}

export type Typeset = {
  width(text: string, size: number, bold?: boolean): number;
  draw(page: PDFPage, text: string, at: { x: number; y: number; size: number; bold?: boolean; color: Color }): void;
};

/**
 * The fonts for a document that will draw `texts`: Helvetica and Helvetica-Bold, and the Noto Sans
 * JP subsets (regular and bold) for whatever characters of `texts` Helvetica cannot draw.
 */
export async function typesetFor(doc: PDFDocument, texts: string[]): Promise<Typeset> {
  const latin = { false: await doc.embedFont(StandardFonts.Helvetica), true: await doc.embedFont(StandardFonts.HelveticaBold) };
  const wide = new Set<number>();
  for (const t of texts) for (const ch of t) if (!latinDrawable(ch)) wide.add(ch.codePointAt(0)!);
  const embedded = new Map<string, PDFFont>(); // "<weight>/<file>" → font
  if (wide.size) {
    doc.registerFontkit(fontkit);
    for (const weight of [400, 700] as const) {
      const files = new Set([...wide].flatMap((cp) => faceFor(weight, cp)?.file ?? []));
      for (const file of files) embedded.set(`${weight}/${file}`, await doc.embedFont(fs.readFileSync(path.join(NOTO_DIR, "files", file)), { subset: true }));
    }
  }
  /** The string as runs of one font each; a character no font covers is drawn as "?". */
  const runs = (text: string, bold: boolean): { font: PDFFont; text: string }[] => {
    const out: { font: PDFFont; text: string }[] = [];
    for (const ch of text) {
      let font: PDFFont = latin[`${bold}`];
      let s = winAnsi(ch);
      if (!latinDrawable(ch)) {
        const face = faceFor(bold ? 700 : 400, ch.codePointAt(0)!);
        const f = face && embedded.get(`${bold ? 700 : 400}/${face.file}`);
        if (f) [font, s] = [f, ch];
      }
      const last = out.at(-1);
      if (last && last.font === font) last.text += s;
      else out.push({ font, text: s });
    }
    return out;
  };
  const width = (text: string, size: number, bold = false) => runs(text, bold).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  return {
    width,
    draw(page, text, { x, y, size, bold = false, color }) {
      for (const r of runs(text, bold)) {
        page.drawText(r.text, { x, y, size, font: r.font, color });
        x += r.font.widthOfTextAtSize(r.text, size);
      }
    },
  };
}
