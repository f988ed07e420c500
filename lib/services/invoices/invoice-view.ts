import "server-only";
// An invoice in words and formatted amounts — one presentation for the invoice page and its PDF,
// so the two always agree. The invoice keeps its micros (DESIGN §3: rounding happens once, at the
// total); what a person reads is whole cents: each line and the tax rounded half-even for display,
// and when those shown cents do not add up to the total charged, a "Rounding" line says by how much,
// so the lines shown always add up to the total shown. Unit prices are rates and stay exact.
import { formatTaxRate } from "@/lib/billing/invoice-math";
import { brandPalette } from "@/lib/brand/colors";
import { formatCents, formatMoney, microsToCentsHalfEven, roundingRule } from "@/lib/billing/money";
import { taxIdLabelIn } from "@/lib/billing/billing-details";
import { addressLines } from "@/lib/billing/countries";
import { billingWords } from "@/lib/billing/words";
import { cardName } from "@/lib/payments/card-name";
import { unitWord } from "@/lib/format/plural";
import type { Party } from "../customers/billing-details";
import type { InvoiceDetail } from "./invoices";
import { formatDate } from "@/lib/format/dates";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { say, type Say } from "@/lib/i18n/say";

export type InvoicePresentation = ReturnType<typeof presentInvoice>;

/** The cents a person reads on an invoice: lines and tax rounded once each, and what rounding leaves over. */
export function displayCents(inv: { lines: { amountMicros: bigint }[]; taxMicros: bigint; totalCents: bigint }) {
  const lines = inv.lines.map((l) => microsToCentsHalfEven(l.amountMicros));
  const subtotal = lines.reduce((a, b) => a + b, 0n);
  const tax = microsToCentsHalfEven(inv.taxMicros);
  return { lines, subtotal, tax, rounding: inv.totalCents - subtotal - tax };
}

/** "VAT number: DE…", the tax ID's local name in the reader's language, capitalised to open the line. */
function taxIdLine(country: string | undefined, taxId: string, locale: string): string {
  const label = taxIdLabelIn(country, locale);
  return billingWords(locale)("invoice.taxIdLine", { label: `${label.charAt(0).toLocaleUpperCase(locale)}${label.slice(1)}`, value: taxId });
}

/** A party as an invoice prints it: name, address lines, tax ID with its local name, email. */
function presentParty(p: Party, locale: string) {
  return {
    name: p.name,
    lines: p.address ? addressLines(p.address, locale) : [],
    taxId: p.taxId ? taxIdLine(p.address?.country, p.taxId, locale) : null,
    email: p.email,
  };
}

/** The invoices page's word for a code ("status.paid" → "Bezahlt"), the code itself when it has none. */
const wordFor = (t: Say, group: "status" | "kind", code: string) => (t.has(`${group}.${code}`) ? t(`${group}.${code}`) : code);

const PROVIDERS: Record<string, string> = { stripe: "Stripe", sandbox: "Sandbox" };

/** "pay_… (Stripe pi_…)": Portico's payment id and, where it has one, the provider's. */
function paymentReference(s: InvoiceDetail["settlement"]): string | null {
  if (!s) return null;
  if (!s.providerPaymentId || s.providerPaymentId === s.paymentId) return s.paymentId;
  return `${s.paymentId} (${PROVIDERS[s.provider] ?? s.provider} ${s.providerPaymentId})`;
}

// The unit words Portico writes on invoice lines (renewal, purchase, top-up, upgrade, correction):
// said in the reader's language, agreeing with the quantity. Another label is the merchant's word.
const LINE_UNITS = new Map(Object.entries({ period: "period", "API call": "apiCall", unit: "unit", pack: "pack", credits: "credits", "top-up": "topUp", upgrade: "upgrade", adjustment: "adjustment" }));
export function lineUnit(label: string, quantity: bigint, locale: string): string {
  const key = LINE_UNITS.get(label);
  return key ? billingWords(locale)(`invoice.unit.${key}`, { count: Number(quantity > 1_000_000n ? 1_000_000n : quantity) }) : unitWord(label, quantity);
}

export function presentInvoice(inv: InvoiceDetail) {
  const locale = displayLocale(inv.customer.locale);
  const money = (micros: bigint) => formatMoney({ amount: micros, asset: inv.currency }, { locale, exact: true });
  const cents = (c: bigint) => formatCents(c, { locale, currency: inv.currency });
  const shown = displayCents(inv);
  const date = (d: Date | null) => (d ? formatDate(d, locale) : "—");
  const creditNote = inv.kind === "credit_note";
  const t = say(locale, "invoices");
  const taxRate = formatTaxRate(inv.taxRateBps, locale);
  return {
    id: inv.id,
    // what the PDF needs to say the same in words (messages/<lang>/pdf.json): the locale formatted in, the codes, the rate
    locale,
    kindCode: inv.kind,
    taxRate,
    title: t(creditNote ? "invoice.title.creditNote" : "invoice.title.invoice"),
    number: inv.number ?? t("status.draft"),
    kind: wordFor(t, "kind", inv.kind),
    status: inv.status,
    statusLabel: wordFor(t, "status", inv.status),
    merchant: inv.customer.merchant.name,
    // the merchant's colour (Portico's when too light to read) and logo, for the PDF's heading
    brand: { color: brandPalette(inv.customer.merchant.brandColor)[600], logoUrl: inv.customer.merchant.logoUrl },
    // Invoices issued before billing details existed carry no parties: the names as they are now.
    seller: presentParty(inv.parties?.seller ?? { name: inv.customer.merchant.name, email: null, address: null, taxId: null }, locale),
    buyer: presentParty(inv.parties?.buyer ?? { name: inv.customer.name, email: inv.customer.email, address: null, taxId: null }, locale),
    paidWith: inv.settlement?.card ? cardName(inv.settlement.card) : null,
    paymentId: paymentReference(inv.settlement),
    issued: date(inv.issuedAt),
    paid: inv.paidAt ? date(inv.paidAt) : null,
    period: inv.periodStart && inv.periodEnd ? `${date(inv.periodStart)} – ${date(inv.periodEnd)}` : null,
    lines: inv.lines.map((l, i) => ({
      description: l.description,
      quantity: new Intl.NumberFormat(locale).format(l.quantity),
      unitLabel: lineUnit(l.unitLabel, l.quantity, locale),
      unitPrice: l.unitPriceMicros === null ? "" : money(l.unitPriceMicros),
      amount: cents(shown.lines[i]!),
    })),
    subtotal: cents(shown.subtotal),
    taxLabel: t("invoice.tax", { rate: taxRate }),
    tax: cents(shown.tax),
    /** Only when the cents shown above do not add up to the total (sub-cent amounts). */
    rounding: shown.rounding === 0n ? null : `${shown.rounding > 0n ? "+" : "−"}${cents(shown.rounding < 0n ? -shown.rounding : shown.rounding)}`,
    total: cents(inv.totalCents),
    totalLabel: t(creditNote ? "invoice.totalCredited" : inv.status === "paid" ? "invoice.totalPaid" : "invoice.totalDue"),
    roundingRule: roundingRule(inv.currency, locale),
    memo: inv.memo,
    original: inv.original ? { id: inv.original.id, number: inv.original.number } : null,
    creditNotes: inv.creditNotes.map((c) => ({ id: c.id, number: c.number, total: formatCents(c.totalCents, { locale, currency: inv.currency }) })),
    currency: inv.currency,
  };
}
