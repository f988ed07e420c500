// The locale a read formats in. A portal request knows it (the account's own, else the browser's —
// PortalContext.locale); customerReads(ctx) runs each read inside that scope, so a service that
// formats amounts and dates needs no locale argument. Outside a request (emails, PDFs, jobs, the
// API) the customer's stored locale is used, else en-US.
import { AsyncLocalStorage } from "node:async_hooks";
import { canonicalLocale, DEFAULT_LOCALE } from "./locales";

const scope = new AsyncLocalStorage<string>();

/** Run `fn` (and everything it awaits) formatting in `locale`. */
export function withLocale<T>(locale: string | undefined, fn: () => T): T {
  return locale ? scope.run(locale, fn) : fn();
}

/** The locale to format a customer's figures in: the request's, else their own, else en-US. */
export function displayLocale(stored: string | null | undefined): string {
  return scope.getStore() ?? canonicalLocale(stored) ?? DEFAULT_LOCALE;
}

/** The customer's own locale outside any request (emails, PDFs, jobs): theirs, else en-US. */
export function storedLocale(stored: string | null | undefined): string {
  return canonicalLocale(stored) ?? DEFAULT_LOCALE;
}
