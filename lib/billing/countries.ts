// Countries and addresses for billing details: names through Intl, codes from i18n-iso-countries,
// what the tax ID is called in each place. No validator here, so the Settings form can import it.
import countries from "i18n-iso-countries";

export type PostalAddress = {
  line1: string;
  line2: string | null;
  city: string;
  postal_code: string | null;
  state: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
};

export type BillingDetails = { name: string | null; address: PostalAddress | null; taxId: string | null };

/** Every ISO 3166-1 alpha-2 code (from i18n-iso-countries), sorted. */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();
const KNOWN = new Set(COUNTRY_CODES);

export function isCountryCode(code: string): boolean {
  return KNOWN.has(code);
}

/** "Germany" for "DE" in the reader's language (Intl), the code itself when Intl has no name. */
export function countryName(code: string, locale = "en-US"): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

const EU = new Set(["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]);

/** Which tax ID a country uses: its name is `taxId.<kind>` of the billing words (taxIdLabelsIn names them all). */
export const TAX_ID_KINDS = ["vat", "abn", "gst", "gstHst", "ein", "registration", "taxId"] as const;
export type TaxIdKind = (typeof TAX_ID_KINDS)[number];

/** The kind of tax ID where the customer is (the browser names it from the labels the page gives it). */
export function taxIdKind(country: string | null | undefined): TaxIdKind {
  if (!country) return "taxId";
  if (EU.has(country) || country === "GB" || country === "CH" || country === "NO") return "vat";
  if (country === "AU") return "abn";
  if (country === "NZ" || country === "IN" || country === "SG") return "gst";
  if (country === "CA") return "gstHst";
  if (country === "US") return "ein";
  if (country === "JP") return "registration";
  return "taxId";
}

/** One example of a well-formed ID, for the form's hint. */
export function taxIdExample(country: string | null | undefined): string | null {
  const examples: Record<string, string> = {
    DE: "DE123456789",
    FR: "FR12345678901",
    NL: "NL123456789B01",
    GB: "GB123 4567 89",
    US: "12-3456789",
    JP: "T1234567890123",
    AU: "51 824 753 556",
    CA: "123456789",
    IN: "22AAAAA0000A1Z5",
  };
  return country ? (examples[country] ?? null) : null;
}

/** A stored address (JSON) back as a PostalAddress, or null when it is not one. */
export function readAddress(json: unknown): PostalAddress | null {
  if (!json || typeof json !== "object") return null;
  const a = json as Record<string, unknown>;
  const s = (k: string) => (typeof a[k] === "string" && a[k] !== "" ? (a[k] as string) : null);
  const line1 = s("line1");
  const city = s("city");
  const country = s("country");
  if (!line1 || !city || !country) return null;
  return { line1, line2: s("line2"), city, postal_code: s("postal_code"), state: s("state"), country };
}

/** The address as the lines of an envelope, in the country's usual order, ending with its name. */
export function addressLines(a: PostalAddress, locale = "en-US"): string[] {
  const street = [a.line1, ...(a.line2 ? [a.line2] : [])];
  let local: string[];
  if (a.country === "US" || a.country === "CA" || a.country === "AU") {
    local = [`${a.city}${a.state ? `, ${a.state}` : ""}${a.postal_code ? ` ${a.postal_code}` : ""}`];
  } else if (a.country === "GB") {
    local = [a.city, ...(a.state ? [a.state] : []), ...(a.postal_code ? [a.postal_code] : [])];
  } else {
    local = [[a.postal_code, a.city].filter(Boolean).join(" "), ...(a.state ? [a.state] : [])];
  }
  return [...street, ...local, countryName(a.country, locale)];
}
