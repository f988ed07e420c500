import "server-only";
// Invoices (DESIGN §7): issued with a number from the merchant's sequence, bumped in the same
// transaction (so a rolled-back issue leaves no gap, and two issuers never share a number);
// lines in product terms; tax half-even to the micro; the total rounded once to whole cents.
// Kinds: subscription, top_up, credit_pack, and credit_note (positive amounts that credit an
// original invoice). Used by purchases here and by the billing cycle for subscription invoices.
import { formatInvoiceNumber, invoiceTotals } from "@/lib/billing/invoice-math";
import { formatCents } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { currentParties, readParties } from "../customers/billing-details";
import { ServiceError } from "../shared/errors";
import { notify } from "../webhooks/notifications";

type InvoiceKind = "subscription" | "top_up" | "credit_pack" | "credit_note";
export type InvoiceStatus = "draft" | "open" | "paid" | "void" | "uncollectible";
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ["draft", "open", "paid", "void", "uncollectible"];

export type InvoiceLineInput = {
  description: string;
  /** In the line's own unit (credits, packs, calls, months) — for display. */
  quantity: bigint;
  unitLabel: string;
  unitPriceMicros: bigint | null;
  amountMicros: bigint;
  refs?: Record<string, string>;
};

type NewInvoice = {
  id?: string;
  merchantId: string;
  customerId: string;
  kind: InvoiceKind;
  currency: string;
  taxRateBps: number;
  lines: InvoiceLineInput[];
  periodStart?: Date | null;
  periodEnd?: Date | null;
  memo?: string | null;
  now: Date;
};

/** Take the merchant's next number (row-locked until the transaction ends: no gaps, no twins). */
async function nextInvoiceNumber(tx: Tx, merchantId: string): Promise<string> {
  const rows = await tx.$queryRawUnsafe<{ invoice_seq: number }[]>(
    `UPDATE merchants SET invoice_seq = invoice_seq + 1 WHERE id = $1 RETURNING invoice_seq`,
    merchantId,
  );
  if (rows.length === 0) throw new ServiceError("not_found", `No merchant ${merchantId}`);
  return formatInvoiceNumber(rows[0]!.invoice_seq);
}

function lineRows(invoiceId: string, lines: InvoiceLineInput[]) {
  return lines.map((l, i) => ({
    id: `${invoiceId}_l${i + 1}`,
    invoiceId,
    position: i + 1,
    description: l.description,
    quantity: l.quantity,
    unitLabel: l.unitLabel,
    unitPriceMicros: l.unitPriceMicros,
    amountMicros: l.amountMicros,
    refs: (l.refs ?? {}) as Prisma.InputJsonValue,
  }));
}

/** A draft: totals computed, no number yet (the billing cycle fills one in, then issues it). */
export async function createDraftInvoice(tx: Tx, input: NewInvoice) {
  if (input.lines.length === 0) throw new ServiceError("invalid_input", "An invoice needs at least one line.");
  if (input.lines.some((l) => l.amountMicros < 0n)) throw new ServiceError("invalid_input", "Invoice lines cannot be negative; use a credit note.");
  const id = input.id ?? newId("inv");
  const totals = invoiceTotals(input.lines, input.taxRateBps, input.currency);
  const invoice = await tx.invoice.create({
    data: {
      id,
      merchantId: input.merchantId,
      customerId: input.customerId,
      kind: input.kind,
      status: "draft",
      currency: input.currency,
      subtotalMicros: totals.subtotalMicros,
      taxMicros: totals.taxMicros,
      taxRateBps: input.taxRateBps,
      totalCents: totals.totalCents,
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
      memo: input.memo ?? null,
      createdAt: input.now,
    },
  });
  await tx.invoiceLine.createMany({ data: lineRows(id, input.lines) });
  return invoice;
}

/** Give a draft its number and issue it: open (to be paid) or already paid. */
export async function issueInvoice(tx: Tx, invoiceId: string, opts: { now: Date; paid?: boolean; dueAt?: Date | null }) {
  const draft = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  if (draft.status !== "draft") throw new ServiceError("conflict", `Invoice ${draft.number ?? invoiceId} is already ${draft.status}.`);
  const number = await nextInvoiceNumber(tx, draft.merchantId);
  const parties = await currentParties(tx, draft.merchantId, draft.customerId);
  const invoice = await tx.invoice.update({
    where: { id: invoiceId },
    data: { number, parties: parties as unknown as Prisma.InputJsonValue, status: opts.paid ? "paid" : "open", issuedAt: opts.now, dueAt: opts.dueAt ?? opts.now, paidAt: opts.paid ? opts.now : null },
  });
  await notify(tx, {
    customerId: invoice.customerId,
    type: "invoice.issued",
    dedupeKey: `invoice.issued:${invoice.id}`,
    title: `${invoice.kind === "credit_note" ? "Credit note" : "Invoice"} ${number}`,
    body: `${invoice.kind === "credit_note" ? "Credit note" : "Invoice"} ${number} for ${formatCents(invoice.totalCents, { currency: invoice.currency })} was issued.`,
    data: { invoice_id: invoice.id, number, kind: invoice.kind, status: invoice.status, total_cents: invoice.totalCents.toString() },
  });
  return invoice;
}

/** Create and issue in one step. */
export async function createInvoice(tx: Tx, input: NewInvoice & { paid?: boolean; dueAt?: Date | null }) {
  const draft = await createDraftInvoice(tx, input);
  return issueInvoice(tx, draft.id, { now: input.now, paid: input.paid, dueAt: input.dueAt });
}

export async function markInvoicePaid(tx: Tx, invoiceId: string, now: Date) {
  const done = await tx.invoice.updateMany({ where: { id: invoiceId, status: "open" }, data: { status: "paid", paidAt: now } });
  if (done.count === 0) {
    const inv = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    if (inv.status !== "paid") throw new ServiceError("conflict", `Invoice ${inv.number ?? invoiceId} is ${inv.status}; only an open invoice can be paid.`);
  }
}

/** An open invoice that will not be collected (a draft is simply voided; a number is never reused). */
export async function voidInvoice(tx: Tx, invoiceId: string, now: Date) {
  const done = await tx.invoice.updateMany({ where: { id: invoiceId, status: { in: ["draft", "open"] } }, data: { status: "void", voidedAt: now } });
  if (done.count === 0) {
    const inv = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    if (inv.status !== "void") throw new ServiceError("conflict", `Invoice ${inv.number ?? invoiceId} is ${inv.status}; a paid invoice is corrected with a credit note.`);
  }
}

/**
 * A credit note against an issued invoice: what is given back (already split into subtotal and
 * tax by the caller, e.g. a refund's share), settled at once.
 */
export async function issueCreditNote(
  tx: Tx,
  input: { originalId: string; lines: InvoiceLineInput[]; subtotalMicros: bigint; taxMicros: bigint; totalCents: bigint; memo: string; now: Date; id?: string },
) {
  const original = await tx.invoice.findUniqueOrThrow({ where: { id: input.originalId } });
  if (original.kind === "credit_note" || original.number === null) throw new ServiceError("invalid_input", "A credit note credits an issued invoice.");
  const credited = await tx.invoice.aggregate({ where: { originalId: original.id, kind: "credit_note" }, _sum: { totalCents: true } });
  if ((credited._sum.totalCents ?? 0n) + input.totalCents > original.totalCents) {
    throw new ServiceError("limit_exceeded", `Credit notes would exceed the ${formatCents(original.totalCents)} of ${original.number}.`);
  }
  const id = input.id ?? newId("inv");
  await tx.invoice.create({
    data: {
      id,
      merchantId: original.merchantId,
      customerId: original.customerId,
      kind: "credit_note",
      status: "draft",
      currency: original.currency,
      subtotalMicros: input.subtotalMicros,
      taxMicros: input.taxMicros,
      taxRateBps: original.taxRateBps,
      totalCents: input.totalCents,
      originalId: original.id,
      memo: input.memo,
      createdAt: input.now,
    },
  });
  await tx.invoiceLine.createMany({ data: lineRows(id, input.lines) });
  return issueInvoice(tx, id, { now: input.now, paid: true });
}

// ───────────────────────────── reads for the portal ─────────────────────────────

type InvoiceListItem = {
  id: string;
  number: string | null;
  kind: InvoiceKind;
  status: InvoiceStatus;
  currency: string;
  totalCents: bigint;
  issuedAt: Date | null;
  originalNumber: string | null;
};

/** A customer's issued invoices, newest first (drafts are not shown to customers). */
export async function listInvoices(customerId: string, opts: { status?: InvoiceStatus; limit?: number; before?: Date } = {}): Promise<InvoiceListItem[]> {
  const rows = await db().invoice.findMany({
    where: {
      customerId,
      status: opts.status ? opts.status : { not: "draft" },
      ...(opts.before ? { issuedAt: { lt: opts.before } } : {}),
    },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 50,
  });
  const originals = new Map(
    (await db().invoice.findMany({ where: { id: { in: rows.flatMap((r) => (r.originalId ? [r.originalId] : [])) } }, select: { id: true, number: true } })).map((o) => [o.id, o.number]),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    status: r.status,
    currency: r.currency,
    totalCents: r.totalCents,
    issuedAt: r.issuedAt,
    originalNumber: r.originalId ? (originals.get(r.originalId) ?? null) : null,
  }));
}

const detailInclude = {
  lines: { orderBy: { position: "asc" } },
  customer: { select: { name: true, email: true, locale: true, merchant: { select: { name: true, brandColor: true, logoUrl: true } } } },
  payments: { select: { id: true, status: true, amountCents: true, provider: true, providerPaymentId: true, paymentMethodId: true, createdAt: true }, orderBy: { createdAt: "asc" } },
} as const;

/** The payment that settled the invoice (the last that succeeded, even if later refunded) and its card. */
async function settlement(payments: { id: string; status: string; provider: string; providerPaymentId: string | null; paymentMethodId: string | null }[]) {
  const paid = payments.filter((p) => p.status === "succeeded" || p.status === "refunded" || p.status === "disputed").at(-1);
  if (!paid) return null;
  const card = paid.paymentMethodId ? await db().paymentMethod.findUnique({ where: { id: paid.paymentMethodId }, select: { brand: true, last4: true } }) : null;
  return { paymentId: paid.id, provider: paid.provider, providerPaymentId: paid.providerPaymentId, card };
}

export type InvoiceDetail = NonNullable<Awaited<ReturnType<typeof getInvoiceForCustomer>>>;

/** One invoice of this customer, or null (another account's id is simply not found). */
export async function getInvoiceForCustomer(customerId: string, invoiceId: string) {
  const invoice = await db().invoice.findFirst({ where: { id: invoiceId, customerId, status: { not: "draft" } }, include: detailInclude });
  if (!invoice) return null;
  const original = invoice.originalId ? await db().invoice.findUnique({ where: { id: invoice.originalId }, select: { id: true, number: true } }) : null;
  const creditNotes = await db().invoice.findMany({ where: { originalId: invoice.id, kind: "credit_note" }, select: { id: true, number: true, totalCents: true }, orderBy: { issuedAt: "asc" } });
  return { ...invoice, original, creditNotes, settlement: await settlement(invoice.payments), parties: readParties(invoice.parties) };
}

/** One invoice, if `userId` is a member of its customer account (for downloads); else null. */
export async function getInvoiceForMember(userId: string, invoiceId: string) {
  const invoice = await db().invoice.findUnique({ where: { id: invoiceId }, select: { customerId: true } });
  if (!invoice) return null;
  const member = await db().membership.findUnique({ where: { userId_customerId: { userId, customerId: invoice.customerId } } });
  if (!member) return null;
  return getInvoiceForCustomer(invoice.customerId, invoiceId);
}
