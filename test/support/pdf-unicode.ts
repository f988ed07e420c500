// A PDF's text as a reader sees it, through each font's ToUnicode map: the text of fonts pdf-lib
// embeds from a file (Noto Sans JP for Japanese) is glyph ids, not characters, so pdfText cannot
// read it. Standard fonts (Helvetica) have no map; their bytes are read as Latin-1.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from "pdf-lib";

const hexUtf16 = (hex: string) => {
  const bytes = Buffer.from(hex, "hex");
  let s = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.readUInt16BE(i));
  return s;
};

/** A ToUnicode CMap as code (hex) → text. */
function cmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(m[1]!.toUpperCase(), hexUtf16(m[2]!));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const [lo, hi, dst] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), hexUtf16(m[3]!)];
      for (let c = lo; c <= hi; c++) map.set(c.toString(16).toUpperCase().padStart(m[1]!.length, "0"), dst.slice(0, -1) + String.fromCharCode(dst.charCodeAt(dst.length - 1) + c - lo));
    }
  return map;
}

const streamText = (s: PDFObject | undefined) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString("latin1") : "");

/** The text of every page, one line per text operator, decoded through the fonts' ToUnicode maps. */
export async function pdfUnicodeText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = new Map<string, Map<string, string> | null>();
    const dict = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
    for (const [name, ref] of dict?.entries() ?? []) {
      const font = doc.context.lookup(ref as PDFRef, PDFDict);
      const tu = font.get(PDFName.of("ToUnicode"));
      fonts.set(name.asString(), tu ? cmap(streamText(doc.context.lookup(tu))) : null);
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const content = streams.map((s) => streamText(s as PDFObject)).join("\n");
    // pdf-lib draws each run of one font as its own text object, placed with Tm: runs on the same
    // baseline are one line
    let current: Map<string, string> | null = null;
    let line = "";
    let y: string | null = null;
    for (const m of content.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|(-?[\d.]+)\s+Tm|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (m[1]) current = fonts.get(m[1]) ?? null;
      else if (m[2] !== undefined) {
        if (y !== null && m[2] !== y && line) {
          out.push(line);
          line = "";
        }
        y = m[2];
      } else if (m[3] !== undefined) {
        const hex = m[3].toUpperCase();
        line += current ? (hex.match(/.{4}/g) ?? []).map((c) => current!.get(c) ?? "\ufffd").join("") : Buffer.from(hex, "hex").toString("latin1");
      }
    }
    if (line) out.push(line);
  }
  return out.join("\n");
}
