import "server-only";
// Sending email: through SMTP when SMTP_URL is set; otherwise into the development outbox, a
// file under the data directory that /dev/outbox shows (never in production).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { dataDir } from "@/lib/db/config";

export type Attachment = { filename: string; contentType: string; content: Uint8Array };
/** `fromName`: whose name the email goes out under (the merchant's), at EMAIL_FROM's address. */
type Email = { to: string; subject: string; text: string; html?: string; kind?: string; fromName?: string; attachments?: Attachment[] };
/** In the outbox an attachment keeps its bytes as base64 (the page serves them for download). */
type OutboxAttachment = { filename: string; contentType: string; size: number; base64: string };
type OutboxMessage = Omit<Email, "attachments"> & { id: string; at: string; from?: string; links: string[]; attachments?: OutboxAttachment[] };

export function isProduction(): boolean {
  return process.env.PORTICO_ENV === "production";
}

/** The dev outbox is on when no SMTP server is configured, outside production. */
export function devOutboxEnabled(): boolean {
  return !process.env.SMTP_URL && !isProduction();
}

export function outboxFile(): string {
  return path.join(dataDir(), "outbox.jsonl");
}

const EMAIL_FROM = process.env.EMAIL_FROM ?? "Portico <billing@portico.local>";

/**
 * The From header: the merchant's name at EMAIL_FROM's address ("Acme" <billing@…>), so the
 * customer sees who bills them; EMAIL_FROM as it is without one.
 */
export function senderFor(fromName?: string, base = EMAIL_FROM): string {
  const name = fromName?.replace(/["\\\r\n<>]/g, "").trim();
  if (!name) return base;
  const address = /<([^>]+)>/.exec(base)?.[1] ?? base.trim();
  return `"${name}" <${address}>`;
}

const transports = new Map<string, nodemailer.Transporter>();

export async function sendEmail(email: Email): Promise<void> {
  if (process.env.SMTP_URL) {
    const url = process.env.SMTP_URL;
    if (!transports.has(url)) transports.set(url, nodemailer.createTransport(url));
    await transports.get(url)!.sendMail({
      from: senderFor(email.fromName),
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
    });
    return;
  }
  if (isProduction()) throw new Error("SMTP_URL must be set to send email in production.");
  const { attachments, fromName, ...rest } = email;
  const message: OutboxMessage = {
    ...rest,
    from: senderFor(fromName),
    id: randomUUID(),
    at: new Date().toISOString(),
    links: linksIn(email.text),
    ...(attachments?.length
      ? { attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.byteLength, base64: Buffer.from(a.content).toString("base64") })) }
      : {}),
  };
  fs.mkdirSync(path.dirname(outboxFile()), { recursive: true });
  fs.appendFileSync(outboxFile(), JSON.stringify(message) + "\n");
}

/** Newest first. */
/**
 * The addresses a message's text links to, as a mail client would make them clickable: without the
 * sentence's trailing punctuation ("opens http://host:3000, this portal's address"), each once, and
 * only what parses as a URL — one odd message must not break the outbox page for every later one.
 */
function linksIn(text: string): string[] {
  const found = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0].replace(/[.,;:!?)\]'"]+$/, ""));
  return [...new Set(found)].filter((href) => URL.canParse(href));
}

export function readOutbox(limit = 100): OutboxMessage[] {
  let text: string;
  try {
    text = fs.readFileSync(outboxFile(), "utf8");
  } catch {
    return [];
  }
  const lines = text.split("\n").filter(Boolean);
  return lines
    .slice(-limit)
    .reverse()
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as OutboxMessage];
      } catch {
        return [];
      }
    });
}
