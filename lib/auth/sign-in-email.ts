import "server-only";
// The sign-in email's words. It goes to an address, not a customer, so its language is the one
// of the browser that asked for the link (Accept-Language), else English.
import { headers } from "next/headers";
import { DEFAULT_LOCALE, localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { say } from "@/lib/i18n/say";

/** The locale of the request that asked for the link; English outside a request (or when it cannot be read). */
export async function askingLocale(): Promise<string> {
  try {
    return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

type Where = { differs: boolean; askedFrom?: string | null; origin: string };

export function signInEmail(locale: string, o: { brand: string | null; link: string; minutes: number; where: Where }): { subject: string; text: string } {
  const t = say(locale, "email");
  const note = o.where.differs ? `\n\n${t("signIn.otherAddress", { askedFrom: o.where.askedFrom ?? "", origin: o.where.origin })}` : "";
  return {
    subject: t("signIn.subject"),
    text: `${t("signIn.intro", { brand: o.brand ?? "none" })}\n\n${o.link}\n\n${t("signIn.expiry", { minutes: o.minutes })}${note}`,
  };
}
