// The PDF reader the invoice tests rely on: a compressed stream whose data happens to end in a \r
// byte (about one page in 256) is read whole, not dropped — the cause of an intermittent e2e failure
// ("the PDF's text is empty").
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { pdfText } from "./pdf-text";

const pdfWith = (data: Buffer) => Buffer.concat([Buffer.from("1 0 obj\n<< /Filter /FlateDecode >>\nstream\n", "latin1"), data, Buffer.from("\nendstream\nendobj\n", "latin1")]);
const tj = (text: string) => `BT <${Buffer.from(text, "latin1").toString("hex")}> Tj ET`;

describe("pdfText", () => {
  it("reads a compressed stream whatever byte its data ends with, \\r included", () => {
    let found: { text: string; data: Buffer } | null = null;
    // Adler-32 ends the data: vary the bytes' sum until its low byte is \r
    for (let i = 0; !found && i < 10_000; i++) {
      const text = `INV-000015 $27.00 ${String.fromCharCode(33 + (i % 90)).repeat(1 + Math.floor(i / 90))}`;
      const data = zlib.deflateSync(Buffer.from(tj(text), "latin1"));
      if (data.at(-1) === 0x0d) found = { text, data };
    }
    expect(found).not.toBeNull();
    expect(pdfText(pdfWith(found!.data))).toBe(found!.text);
  });

  it("reads an ordinary compressed stream and an uncompressed one", () => {
    expect(pdfText(pdfWith(zlib.deflateSync(Buffer.from(tj("Invoice"), "latin1"))))).toBe("Invoice");
    expect(pdfText(pdfWith(Buffer.from(tj("Plain"), "latin1")))).toBe("Plain");
  });
});
