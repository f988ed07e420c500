import "server-only";
// An invoice in words and formatted amounts — one presentation for the invoice page and its PDF,
// so the two always agree. Amounts keep their micros (a tax of $0.8008 shows as such); the total
// is the whole cents charged, and the rounding rule is printed with it.
import { formatTaxRate } from "@/lib/billing/invoice-math";
import { formatCents, formatMoney, ROUNDING_RULE } from "@/lib/billing/money";
import type { InvoiceDetail } from "./invoices";

export const KIND_LABELS: Record<string, string> = {
  subscription: "Subscription",
  top_up: "Funds added",
  credit_pack: "Credit pack",
  credit_note: "Credit note",
};

export const STATUS_LABELS: Record<string, string> = {
  draft: "Draft",
  open: "Open",
  paid: "Paid",
  void: "Void",
  uncollectible: "Uncollectible",
};

export type InvoicePresentation = ReturnType<typeof presentInvoice>;

export function presentInvoice(inv: InvoiceDetail) {
  const locale = inv.customer.locale;
  const money = (micros: bigint) => formatMoney({ amount: micros, asset: "USD" }, { locale, currency: inv.currency, exact: true });
  const date = (d: Date | null) => (d ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(d) : "—");
  const creditNote = inv.kind === "credit_note";
  return {
    id: inv.id,
    title: creditNote ? "Credit note" : "Invoice",
    number: inv.number ?? "Draft",
    kind: KIND_LABELS[inv.kind] ?? inv.kind,
    status: inv.status,
    statusLabel: STATUS_LABELS[inv.status] ?? inv.status,
    merchant: inv.customer.merchant.name,
    customer: { name: inv.customer.name, email: inv.customer.email },
    issued: date(inv.issuedAt),
    paid: inv.paidAt ? date(inv.paidAt) : null,
    period: inv.periodStart && inv.periodEnd ? `${date(inv.periodStart)} – ${date(inv.periodEnd)}` : null,
    lines: inv.lines.map((l) => ({
      description: l.description,
      quantity: new Intl.NumberFormat(locale).format(l.quantity),
      unitLabel: l.unitLabel,
      unitPrice: l.unitPriceMicros === null ? "" : money(l.unitPriceMicros),
      amount: money(l.amountMicros),
    })),
    subtotal: money(inv.subtotalMicros),
    taxLabel: `Tax (${formatTaxRate(inv.taxRateBps)})`,
    tax: money(inv.taxMicros),
    total: formatCents(inv.totalCents, { locale, currency: inv.currency }),
    totalLabel: creditNote ? "Total credited" : inv.status === "paid" ? "Total paid" : "Total due",
    roundingRule: ROUNDING_RULE,
    memo: inv.memo,
    original: inv.original ? { id: inv.original.id, number: inv.original.number } : null,
    creditNotes: inv.creditNotes.map((c) => ({ id: c.id, number: c.number, total: formatCents(c.totalCents, { locale, currency: inv.currency }) })),
    currency: inv.currency,
  };
}
