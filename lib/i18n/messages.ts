// Every message Portico shows, by language: messages/<language>/<namespace>.json, read once per
// process. Pages use next-intl (`getTranslations`, `useTranslations`); emails, PDFs and jobs use
// `translator(locale, namespace)` — the same messages through next-intl's `createTranslator`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
// use-intl/core (the engine next-intl is built on) has no React, so scripts and jobs can use it.
import { createTranslator } from "use-intl/core";
import { messagesLanguage, type Language } from "./locales";

type Messages = Record<string, Record<string, unknown>>;

/** Where the message files live (the project root's `messages/`). */
export const MESSAGES_DIR = path.join(process.cwd(), "messages");

const cache = new Map<Language, Messages>();

/** All namespaces of one language, as `{ namespace: messages }`. */
export function loadMessages(language: Language, dir = MESSAGES_DIR): Messages {
  const hit = dir === MESSAGES_DIR ? cache.get(language) : undefined;
  if (hit) return hit;
  const out: Messages = {};
  for (const file of readdirSync(path.join(dir, language)).filter((f) => f.endsWith(".json")).sort()) {
    out[file.slice(0, -".json".length)] = JSON.parse(readFileSync(path.join(dir, language, file), "utf8")) as Record<string, unknown>;
  }
  if (dir === MESSAGES_DIR) cache.set(language, out);
  return out;
}

/** The messages for a locale ("de-DE" → German). */
export function messagesFor(locale: string): Messages {
  return loadMessages(messagesLanguage(locale));
}

/** A translator outside React (emails, PDFs, jobs): `translator("ja-JP", "email")("subject", {...})`. */
export function translator(locale: string, namespace: string) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace });
}

