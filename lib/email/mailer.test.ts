// Email goes to a real SMTP server when SMTP_URL is set, and to the dev outbox otherwise.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET as attachmentGET } from "@/app/dev/outbox/[id]/[file]/route";
import { devOutboxEnabled, outboxFile, readOutbox, senderFor, sendEmail } from "./mailer";

let dir: string;
const saved = { ...process.env };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-mail-"));
  process.env.PORTICO_DATA_DIR = dir;
  delete process.env.SMTP_URL;
  delete process.env.PORTICO_ENV;
});
afterEach(() => {
  process.env = { ...saved };
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("sending email", () => {
  it("without SMTP, keeps messages in the dev outbox under the data directory, newest first", async () => {
    expect(devOutboxEnabled()).toBe(true);
    await sendEmail({ to: "a@x.example", subject: "first", text: "Open http://localhost:3000/api/auth/callback/email?token=abc" });
    await sendEmail({ to: "b@x.example", subject: "second", text: "no link" });
    expect(outboxFile()).toBe(path.join(dir, "outbox.jsonl"));
    const messages = readOutbox();
    expect(messages.map((m) => m.subject)).toEqual(["second", "first"]);
    expect(messages[1]!.links).toEqual(["http://localhost:3000/api/auth/callback/email?token=abc"]);
  });

  it("links in a sentence lose its punctuation, and an older unparsable link does not break the outbox", async () => {
    await sendEmail({
      to: "noah@nimbus.example",
      subject: "Your Portico sign-in link",
      text: "Sign in:\n\nhttp://127.0.0.1:3101/api/auth/callback/email?token=t\n\nYou asked at http://billing.attacker.example, but it opens http://127.0.0.1:3101, this portal's address.",
    });
    expect(readOutbox()[0]!.links).toEqual(["http://127.0.0.1:3101/api/auth/callback/email?token=t", "http://billing.attacker.example", "http://127.0.0.1:3101"]);
    // a message written before the fix, with a link no URL parser accepts
    fs.appendFileSync(outboxFile(), JSON.stringify({ id: "old", at: new Date().toISOString(), to: "x@y.example", subject: "old", text: "", links: ["http://a.example", "http://127.0.0.1:3101,"] }) + "\n");
    const { default: OutboxPage } = await import("@/app/dev/outbox/page");
    const { renderToStaticMarkup } = await import("react-dom/server");
    const html = renderToStaticMarkup(OutboxPage());
    expect(html).toContain("Open /api/auth/callback/email");
    expect(html).toContain("Open http://127.0.0.1:3101,");
  });

  it("email goes out under the merchant's name at the configured address", () => {
    expect(senderFor("Acme Cloud", "Portico <billing@portico.local>")).toBe('"Acme Cloud" <billing@portico.local>');
    expect(senderFor('Evil" <x@y>', "billing@acme.example")).toBe('"Evil x@y" <billing@acme.example>');
    expect(senderFor(undefined, "Portico <billing@portico.local>")).toBe("Portico <billing@portico.local>");
  });

  it("with SMTP_URL, delivers through that server and writes no outbox", async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      onData(stream, _session, done) {
        let raw = "";
        stream.on("data", (c: Buffer) => (raw += c.toString()));
        stream.on("end", () => {
          received.push(raw);
          done();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.server.address() as { port: number }).port;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    try {
      expect(devOutboxEnabled()).toBe(false);
      await sendEmail({ to: "maya@pixel.example", subject: "Your Portico sign-in link", text: "http://localhost/x" });
      await sendEmail({ to: "maya@pixel.example", subject: "Credits added", text: "Receipt", attachments: [{ filename: "INV-000042.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.7 test") }] });
      expect(received).toHaveLength(2);
      expect(received[0]).toContain("Subject: Your Portico sign-in link");
      expect(received[0]).toContain("To: maya@pixel.example");
      expect(received[1]).toMatch(/Content-Type: application\/pdf; name=INV-000042\.pdf/);
      expect(received[1]).toContain(Buffer.from("%PDF-1.7 test").toString("base64"));
      expect(fs.existsSync(outboxFile())).toBe(false);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("the outbox keeps an attachment and serves it for download, only while the outbox exists", async () => {
    const pdf = Buffer.from("%PDF-1.7 invoice");
    await sendEmail({ to: "a@x.example", subject: "Credits added", text: "Receipt", attachments: [{ filename: "INV-000007.pdf", contentType: "application/pdf", content: pdf }] });
    const [m] = readOutbox();
    expect(m!.attachments).toEqual([{ filename: "INV-000007.pdf", contentType: "application/pdf", size: pdf.byteLength, base64: pdf.toString("base64") }]);
    const get = (id: string, file: string) => attachmentGET(new Request("http://127.0.0.1/x"), { params: Promise.resolve({ id, file }) });
    const res = await get(m!.id, "INV-000007.pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await get(m!.id, "other.pdf")).status).toBe(404);
    expect((await get("nope", "INV-000007.pdf")).status).toBe(404);
    process.env.PORTICO_ENV = "production";
    expect((await get(m!.id, "INV-000007.pdf")).status).toBe(404);
  });

  it("in production without SMTP, refuses instead of dropping mail", async () => {
    process.env.PORTICO_ENV = "production";
    expect(devOutboxEnabled()).toBe(false);
    await expect(sendEmail({ to: "a@x.example", subject: "s", text: "t" })).rejects.toThrow(/SMTP_URL must be set/);
  });
});
