import "server-only";
// Sending email: through SMTP when SMTP_URL is set; otherwise into the development outbox, a
// file under the data directory that /dev/outbox shows (never in production).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { dataDir } from "@/lib/db/config";

export type Email = { to: string; subject: string; text: string; html?: string; kind?: string };
export type OutboxMessage = Email & { id: string; at: string; links: string[] };

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

export const EMAIL_FROM = process.env.EMAIL_FROM ?? "Portico <billing@portico.local>";

const transports = new Map<string, nodemailer.Transporter>();

export async function sendEmail(email: Email): Promise<void> {
  if (process.env.SMTP_URL) {
    const url = process.env.SMTP_URL;
    if (!transports.has(url)) transports.set(url, nodemailer.createTransport(url));
    await transports.get(url)!.sendMail({ from: EMAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html });
    return;
  }
  if (isProduction()) throw new Error("SMTP_URL must be set to send email in production.");
  const message: OutboxMessage = {
    ...email,
    id: randomUUID(),
    at: new Date().toISOString(),
    links: [...email.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
  };
  fs.mkdirSync(path.dirname(outboxFile()), { recursive: true });
  fs.appendFileSync(outboxFile(), JSON.stringify(message) + "\n");
}

/** Newest first. */
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
