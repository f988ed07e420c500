// The missing-translation check (`npm run i18n:check`, run by `npm run build` and by the unit
// suite): every key English has exists in every language and nothing else does, each message
// parses as ICU MessageFormat, and a translation uses exactly the placeholders English uses.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { LANGUAGES } from "./locales";
import { loadMessages, MESSAGES_DIR } from "./messages";

type Flat = Map<string, string>;

function flatten(obj: unknown, prefix: string, out: Flat, problems: string[], where: string) {
  if (typeof obj === "string") {
    out.set(prefix, obj);
    return;
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
    problems.push(`${where}: ${prefix} is not a message or a group of messages`);
    return;
  }
  for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out, problems, where);
}

function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const opt of Object.values(el.options)) argumentsOf(opt.value, out);
    }
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      argumentsOf(el.children, out);
    }
  }
  return out;
}

/** Every problem with the message files, as one line each; empty when all languages are whole. */
export function checkMessages(dir = MESSAGES_DIR): string[] {
  const problems: string[] = [];
  const flat = new Map<string, Flat>();
  for (const lang of LANGUAGES) {
    const f: Flat = new Map();
    flatten(loadMessages(lang, dir), "", f, problems, lang);
    flat.set(lang, f);
  }
  const en = flat.get("en")!;
  for (const lang of LANGUAGES) {
    const f = flat.get(lang)!;
    for (const [key, text] of f) {
      if (!en.has(key)) problems.push(`${lang}: ${key} is not an English key (a typo, or left behind)`);
      if (text.trim() === "") problems.push(`${lang}: ${key} is empty`);
      let args: Set<string>;
      try {
        args = argumentsOf(parse(text, { ignoreTag: false }));
      } catch (e) {
        problems.push(`${lang}: ${key} is not valid ICU MessageFormat (${(e as Error).message})`);
        continue;
      }
      const want = en.get(key);
      if (lang !== "en" && want !== undefined) {
        let enArgs: Set<string>;
        try {
          enArgs = argumentsOf(parse(want, { ignoreTag: false }));
        } catch {
          continue;
        }
        const missing = [...enArgs].filter((a) => !args.has(a));
        const extra = [...args].filter((a) => !enArgs.has(a));
        if (missing.length || extra.length) problems.push(`${lang}: ${key} placeholders differ from English (missing ${missing.join(", ") || "none"}; extra ${extra.join(", ") || "none"})`);
      }
    }
    if (lang !== "en") for (const key of en.keys()) if (!f.has(key)) problems.push(`${lang}: ${key} is missing`);
  }
  return problems;
}
