import "server-only";
// The customer's own language (Settings → Language): one of the languages Portico speaks, or
// automatic (null: the browser's Accept-Language decides). Bad input changes nothing.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { actionWords } from "@/lib/i18n/action-words";
import { canonicalLocale, LANGUAGES, languageOf } from "@/lib/i18n/locales";

/** The languages offered in Settings, each with its usual locale. */
export const LANGUAGE_CHOICES = [
  { locale: "en-US", name: "English" },
  { locale: "de-DE", name: "Deutsch" },
  { locale: "fr-FR", name: "Français" },
  { locale: "es-ES", name: "Español" },
  { locale: "ja-JP", name: "日本語" },
] as const satisfies readonly { locale: string; name: string }[];

export const preferencesSchema = z.object({ locale: z.string().max(35) });

type Saved = { ok: true; locale: string | null } | { ok: false; code: "invalid_input"; field: "locale"; message: string };

/** Save the account's language ("" = automatic); refuses a locale Portico does not speak. */
export async function saveLanguage(customerId: string, locale: string): Promise<Saved> {
  const chosen = locale.trim() === "" ? null : canonicalLocale(locale.trim());
  if (locale.trim() !== "" && (!chosen || !languageOf(chosen))) {
    return { ok: false, code: "invalid_input", field: "locale", message: actionWords()("language.choose", { count: LANGUAGES.length }) };
  }
  await db().customer.update({ where: { id: customerId }, data: { locale: chosen } });
  return { ok: true, locale: chosen };
}
