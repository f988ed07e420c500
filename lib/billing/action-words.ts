// An action's name and unit as the reader's language says them: the merchant's translations from
// the catalogue (portico.config.ts `translations`), else the English they wrote. English units
// agree with their count by the English rule (unitWord); a translated unit by Intl.PluralRules of
// the reader's locale ("1 Bild", "2 Bilder"; Japanese has one form).
import { unitWord } from "@/lib/format/plural";
import { messagesLanguage } from "@/lib/i18n/locales";
import type { ActionTranslations, PlanAction, UnitForms } from "./terms";

type Words = Pick<PlanAction, "name" | "unitLabel" | "translations">;

function translated(a: Words, locale: string) {
  const language = messagesLanguage(locale);
  return language === "en" ? undefined : a.translations?.[language];
}

/** The action's name in the reader's language ("Bildgenerierung"), else its English name. */
export function actionName(a: Words, locale: string): string {
  return translated(a, locale)?.name ?? a.name;
}

// A count past what a float holds exactly takes the form of a large count: the same category.
const countForRules = (n: bigint) => Number(n > 1_000_000_000_000n ? 1_000_000_000_000n : n);

/** The unit's word agreeing with `count` in the reader's language ("Bilder" for 2 in German). */
export function actionUnit(a: Words, count: bigint, locale: string): string {
  const forms: UnitForms | undefined = translated(a, locale)?.unit;
  if (!forms) return unitWord(a.unitLabel, count);
  const category = new Intl.PluralRules(locale).select(countForRules(count)) as keyof UnitForms;
  return forms[category] ?? forms.other;
}

/** "3 Bilder": the count in the reader's locale and the unit agreeing with it. */
export function actionCount(a: Words, count: bigint, locale: string): string {
  return `${new Intl.NumberFormat(locale).format(count)} ${actionUnit(a, count, locale)}`;
}

/** The languages a catalogue may translate an action into (English is its own words). */
export const TRANSLATED_LANGUAGES = ["de", "fr", "es", "ja"] as const;
const CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;
const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** The stored translations (plan_actions.translations), keeping only well-formed entries. */
export function readActionTranslations(json: unknown): ActionTranslations | undefined {
  if (!json || typeof json !== "object") return undefined;
  const out: ActionTranslations = {};
  for (const lang of TRANSLATED_LANGUAGES) {
    const e = (json as Record<string, unknown>)[lang];
    if (!e || typeof e !== "object") continue;
    const { name, unit } = e as Record<string, unknown>;
    const forms = unit && typeof unit === "object" ? Object.fromEntries(CATEGORIES.flatMap((c) => (text((unit as Record<string, unknown>)[c]) ? [[c, (unit as Record<string, string>)[c]]] : []))) : {};
    const entry = { ...(text(name) ? { name: name as string } : {}), ...(text(forms.other) ? { unit: forms as UnitForms } : {}) };
    if (Object.keys(entry).length > 0) out[lang] = entry;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
