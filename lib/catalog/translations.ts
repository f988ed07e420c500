// An action's name and unit in the portal's other languages, as portico.config.ts writes them
// (`translations`): checked here, shown by lib/billing/action-words.ts.
import { z } from "zod";
import { TRANSLATED_LANGUAGES } from "@/lib/billing/action-words";
import type { ActionTranslations } from "@/lib/billing/terms";

// A unit is one word for every count
// ("枚") or its plural forms by Intl.PluralRules category ({ one: "Bild", other: "Bilder" }).
const unitWord = z.string().trim().min(1).max(40);
const unitForms = z.union([
  unitWord.transform((w) => ({ other: w })),
  z.strictObject({ zero: unitWord.optional(), one: unitWord.optional(), two: unitWord.optional(), few: unitWord.optional(), many: unitWord.optional(), other: unitWord }),
]);
export const translations = z
  .record(z.string(), z.strictObject({ name: z.string().trim().min(1).max(100).optional(), unit: unitForms.optional() }))
  .superRefine((r, ctx) => {
    for (const lang of Object.keys(r)) {
      if (!(TRANSLATED_LANGUAGES as readonly string[]).includes(lang)) ctx.addIssue({ code: "custom", path: [lang], message: `"${lang}" is not one of the portal's other languages (${TRANSLATED_LANGUAGES.join(", ")}); English is the action's own name and unit` });
    }
  })
  .transform((r) => r as ActionTranslations)
  .optional();
