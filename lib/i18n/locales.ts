// The languages Portico speaks and how a request's locale is chosen (DESIGN §9): the customer's own
// `locale` (set through the merchant API or in Settings) first, else the browser's Accept-Language,
// else English. A locale is a BCP 47 tag ("de-DE", "ja-JP"): its language picks the messages, the
// whole tag drives Intl (numbers, money, dates).
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

export const LANGUAGES = ["en", "de", "fr", "es", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LOCALE = "en-US";

/** The usual full locale of each language, used when a browser sends only "de" or "ja". */
const REGION: Record<Language, string> = { en: "en-US", de: "de-DE", fr: "fr-FR", es: "es-ES", ja: "ja-JP" };

/** A well-formed BCP 47 tag, canonicalised ("de-de" → "de-DE"), or null. */
export function canonicalLocale(tag: string | null | undefined): string | null {
  if (!tag || typeof tag !== "string" || tag.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** The language whose messages serve a locale, or null when Portico does not speak it. */
export function languageOf(locale: string | null | undefined): Language | null {
  const tag = canonicalLocale(locale);
  if (!tag) return null;
  const lang = new Intl.Locale(tag).language;
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : null;
}

/** The best supported locale for an Accept-Language header, or null when none is spoken. */
export function localeFromAcceptLanguage(header: string | null | undefined): string | null {
  if (!header) return null;
  const requested = new Negotiator({ headers: { "accept-language": header } }).languages().filter((l) => l !== "*");
  for (const tag of requested) {
    const canonical = canonicalLocale(tag);
    const lang = languageOf(canonical);
    if (canonical && lang) return canonical.includes("-") ? canonical : REGION[lang];
  }
  const best = match(requested.flatMap((t) => canonicalLocale(t) ?? []), [...LANGUAGES], "none");
  return best === "none" ? null : REGION[best as Language];
}

/** The locale a request is served in: the customer's choice, else the browser's, else English. */
export function resolveLocale(opts: { customerLocale?: string | null; acceptLanguage?: string | null }): string {
  const own = canonicalLocale(opts.customerLocale);
  if (own && languageOf(own)) return own;
  return localeFromAcceptLanguage(opts.acceptLanguage) ?? DEFAULT_LOCALE;
}

/** The messages' language of a resolved locale (English when Portico does not speak it). */
export function messagesLanguage(locale: string): Language {
  return languageOf(locale) ?? "en";
}
