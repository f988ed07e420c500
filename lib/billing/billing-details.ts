// Billing details: who an invoice is made out to. A postal address in Stripe's shape, and a tax ID
// (VAT / GST / EIN …) format-checked for the address's country — by `validator`'s isVAT, which
// knows the EU and some 40 other countries; the United States (EIN) and Japan (qualified-invoice
// registration number) are added here; elsewhere the ID is only checked for plausible characters.
// Pure: the Settings form, the merchant API and the invoice all go through these rules. The schema's
// messages are in the language of the portal request parsing it (lib/i18n/locale-scope.ts), English
// outside one (the merchant API).
import validator from "validator";
import { z } from "zod";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { countryName, isCountryCode, TAX_ID_KINDS, taxIdExample, taxIdKind, type TaxIdKind } from "./countries";
import { billingWords } from "./words";

export type { BillingDetails, PostalAddress } from "./countries";
import type { BillingDetails } from "./countries";

// Rules this file adds where validator has none.
const OWN_RULES: Record<string, RegExp> = {
  US: /^\d{2}-?\d{7}$/,
  JP: /^T?\d{13}$/,
};

/** validator spells Greece's VAT prefix EL, as the EU does. */
const VALIDATOR_CODE: Record<string, string> = { GR: "EL" };

type VatCountry = Parameters<typeof validator.isVAT>[1];

/** validator throws for a country it has no rule for. */
function validatorKnows(code: string): boolean {
  try {
    validator.isVAT("", code as VatCountry);
    return true;
  } catch {
    return false;
  }
}

/** What the tax ID is called where the customer is, in the reader's language ("USt-IdNr." in German). */
export function taxIdLabelIn(country: string | null | undefined, locale: string): string {
  return billingWords(locale)(`taxId.${taxIdKind(country)}`);
}

/** Every kind's name in a language, for the form that names the ID as the country changes. */
export function taxIdLabelsIn(locale: string): Record<TaxIdKind, string> {
  const t = billingWords(locale);
  return Object.fromEntries(TAX_ID_KINDS.map((k) => [k, t(`taxId.${k}`)])) as Record<TaxIdKind, string>;
}

export type TaxIdCheck = { ok: true; value: string; checked: boolean } | { ok: false; message: string };

/**
 * The tax ID as stored (upper case, single spaces) when it is well formed for `country`; `checked`
 * says whether a country rule vouched for it or only the plausible-characters rule did.
 */
export function checkTaxId(country: string, raw: string, locale = "en-US"): TaxIdCheck {
  const value = raw.trim().toUpperCase().replace(/\s+/g, " ");
  const t = billingWords(locale);
  const label = taxIdLabelIn(country, locale);
  if (value.length < 4 || value.length > 30) return { ok: false, message: t("billingDetails.taxIdLength", { label }) };
  const compact = value.replace(/[\s.\-/]/g, "");
  // validator wants the UK's spaced form ("GB123 4567 89"); people type it either way.
  const gbSpaced = compact.replace(/^GB(\d{3})(\d{4})(\d{2})$/, "GB$1 $2 $3").replace(/^GB(\d{9})(\d{3})$/, "GB$1 $2");
  const candidates = [...new Set([value, compact, value.replace(/[.\-/]/g, ""), gbSpaced])];
  const code = VALIDATOR_CODE[country] ?? country;
  const own = OWN_RULES[country];
  const known = own !== undefined || validatorKnows(code);
  if (!known) {
    if (!/^[A-Z0-9][A-Z0-9 .\-/]*[A-Z0-9]$/.test(value)) return { ok: false, message: t("billingDetails.taxIdCharacters", { label }) };
    return { ok: true, value, checked: false };
  }
  const passes = (c: string) => (own ? own.test(c) : validator.isVAT(c, code as VatCountry));
  if (candidates.some(passes)) return { ok: true, value, checked: true };
  const example = taxIdExample(country);
  const where = countryName(country, locale);
  return {
    ok: false,
    message: example ? t("billingDetails.taxIdInvalidExample", { label, country: where, example }) : t("billingDetails.taxIdInvalid", { label, country: where }),
  };
}

/** A message of the schema, worded when a value is refused, in the language of the request parsing it. */
const say = (key: string, values?: Record<string, string | number>) => billingWords(displayLocale(null))(`billingDetails.${key}`, values);

const line = (max: number) => z.string().trim().max(max, { error: () => say("keepUnder", { max }) });
const optionalLine = (max: number) =>
  line(max)
    .optional()
    .transform((v) => (v ? v : null));

/**
 * Billing details as a person or a program sends them. Empty strings clear a field; an address
 * needs line 1, city and country together; the tax ID is checked for the address's country.
 */
export const billingDetailsInputSchema = z
  .object({
    name: optionalLine(200),
    line1: optionalLine(200),
    line2: optionalLine(200),
    city: optionalLine(100),
    postal_code: optionalLine(20),
    state: optionalLine(100),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .transform((v) => (v ? v : null)),
    tax_id: optionalLine(40),
  })
  .superRefine((d, ctx) => {
    if (d.country && !isCountryCode(d.country)) ctx.addIssue({ code: "custom", path: ["country"], message: say("countryCode") });
    const anyAddress = d.line1 || d.line2 || d.city || d.postal_code || d.state;
    if (anyAddress || d.country) {
      if (!d.line1) ctx.addIssue({ code: "custom", path: ["line1"], message: say("line1") });
      if (!d.city) ctx.addIssue({ code: "custom", path: ["city"], message: say("city") });
      if (!d.country) ctx.addIssue({ code: "custom", path: ["country"], message: say("country") });
    }
    if (d.tax_id) {
      if (!d.country) ctx.addIssue({ code: "custom", path: ["tax_id"], message: say("countryFirst") });
      else if (isCountryCode(d.country)) {
        const check = checkTaxId(d.country, d.tax_id, displayLocale(null));
        if (!check.ok) ctx.addIssue({ code: "custom", path: ["tax_id"], message: check.message });
      }
    }
  })
  .transform(
    (d): BillingDetails => ({
      name: d.name,
      address: d.line1 && d.city && d.country ? { line1: d.line1, line2: d.line2, city: d.city, postal_code: d.postal_code, state: d.state, country: d.country } : null,
      taxId: d.tax_id && d.country ? (checkTaxId(d.country, d.tax_id) as { value: string }).value : null,
    }),
  );

export type BillingDetailsInput = z.input<typeof billingDetailsInputSchema>;

