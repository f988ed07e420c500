// The words lib/billing writes for a customer to read — plan policies, the runway forecast, plan
// changes, activity lines, unit words — from messages/<language>/billing-words.json, in the
// reader's language. English is the source; the merchant API calls these without a locale, so it
// keeps answering in English.
//
// Server only (the messages are read from disk): a client component must not import this, nor a
// module that does (money, plans, forecast, …); lib/billing/countries.ts is the one the browser gets.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { messagesLanguage, type Language } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { say, type Say } from "@/lib/i18n/say";

export type { Say };

// One translator per language, kept: formatMoney asks for a unit word on every amount, and a
// translator keeps its parsed messages.
const translators = new Map<Language, Say>();

// messagesLanguage canonicalises the tag through Intl (~10 µs): remember each locale's answer.
const languages = new Map<string, Language>();
function languageOf(locale: string): Language {
  let language = languages.get(locale);
  if (!language) {
    language = messagesLanguage(locale);
    if (languages.size > 500) languages.clear();
    languages.set(locale, language);
  }
  return language;
}

/** The billing words of a locale's language: `billingWords("de-DE")("forecast.noUsage")`. */
export function billingWords(locale: string): Say {
  const language = languageOf(locale);
  let t = translators.get(language);
  if (!t) {
    t = say(language, "billing-words");
    translators.set(language, t);
  }
  return t;
}

/** Whether the locale reads English (the source language: what tests and the API see). */
export function readsEnglish(locale: string): boolean {
  return languageOf(locale) === "en";
}

/** "1, 3, 5" in English (as it always was), "1, 3 und 5", "1、3、5" in the reader's language. */
export function listOf(items: readonly string[], locale: string): string {
  return readsEnglish(locale) ? items.join(", ") : new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
}

type Values = Record<string, string | number>;
type Render = (values: Values) => string;

// A word formatMoney writes on every amount ("1 credit", "1.000 Credits") through the translator
// costs ~25 µs — ten times the number itself. Messages made only of text, placeholders and plurals
// (the unit words) are compiled once per language into a function that picks the plural form with
// Intl.PluralRules exactly as ICU does (an exact "=1" first, then the language's category, then
// "other"); any other message is left to the translator.
function compile(elements: MessageFormatElement[], language: Language): Render | null {
  const parts: Render[] = [];
  for (const el of elements) {
    if (el.type === TYPE.literal) {
      const text = el.value;
      parts.push(() => text);
    } else if (el.type === TYPE.argument) {
      const name = el.value;
      parts.push((v) => String(v[name]));
    } else if (el.type === TYPE.plural && el.pluralType === "cardinal" && !el.offset) {
      const options = new Map<string, Render>();
      for (const [selector, option] of Object.entries(el.options)) {
        const render = compile(option.value, language);
        if (!render) return null;
        options.set(selector, render);
      }
      const rules = new Intl.PluralRules(language);
      const name = el.value;
      parts.push((v) => {
        const n = Number(v[name]);
        return (options.get(`=${n}`) ?? options.get(rules.select(n)) ?? options.get("other")!)(v);
      });
    } else {
      return null;
    }
  }
  return (v) => {
    let out = "";
    for (const part of parts) out += part(v);
    return out;
  };
}

const compiled = new Map<string, Render>();

/** A billing word for hot paths: `quickWord("de-DE", "units.credit")({ count, amount })`. */
export function quickWord(locale: string, key: string): Render {
  const language = languageOf(locale);
  const cacheKey = `${language}|${key}`;
  let render = compiled.get(cacheKey);
  if (!render) {
    const message = key.split(".").reduce<unknown>((node, k) => (node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined), loadMessages(language)["billing-words"]);
    const t = billingWords(locale);
    render = (typeof message === "string" && compile(parse(message), language)) || ((v) => t(key, v));
    compiled.set(cacheKey, render);
  }
  return render;
}
