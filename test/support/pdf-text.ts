// What a PDF drawn by lib/services/invoices/invoice-pdf.ts contains, read back from its bytes:
// its content streams inflated, the hex strings of its Tj operators decoded. For tests that check
// what a PDF says (pdfText) or how it draws (pdfContent).
import zlib from "node:zlib";

/** Every stream's content, inflated where it is compressed. */
export function pdfContent(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString("latin1");
  const out: string[] = [];
  // pdf-lib ends a stream's data with "\nendstream": the data itself may end in a \r byte, so the
  // \r is tried as data first and as a CRLF line end only when that does not inflate.
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\nendstream/g)) {
    const data = m[1]!;
    const tries = data.endsWith("\r") ? [data, data.slice(0, -1)] : [data];
    let content = tries.at(-1)!;
    for (const t of tries) {
      try {
        content = zlib.inflateSync(Buffer.from(t, "latin1")).toString("latin1");
        break;
      } catch {
        // not compressed, or not this ending
      }
    }
    out.push(content);
  }
  return out;
}

export function pdfText(bytes: Uint8Array): string {
  return pdfContent(bytes)
    .flatMap((content) => [...content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((t) => Buffer.from(t[1]!, "hex").toString("latin1")))
    .join("\n");
}
