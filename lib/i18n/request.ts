// next-intl's request configuration (next.config.mjs points at it): a portal request speaks its
// account's locale, any other page (sign-in, status) the browser's. No locale in the URL.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getPortalContext } from "@/lib/auth/session";
import { resolveLocale } from "./locales";
import { resolveTimeZone, TIME_ZONE_COOKIE } from "./time-zones";
import { messagesFor } from "./messages";

export default getRequestConfig(async () => {
  const ctx = await getPortalContext().catch(() => null);
  const locale = ctx?.locale ?? resolveLocale({ acceptLanguage: (await headers()).get("accept-language") });
  const timeZone = ctx?.timeZone ?? resolveTimeZone({ browserTimeZone: (await cookies()).get(TIME_ZONE_COOKIE)?.value });
  return { locale, messages: messagesFor(locale), timeZone };
});
