import "server-only";
// What a merchant reads back through the API: its invoices, payments and events (the notifications
// its webhooks carry, for catch-up after downtime). Every read is scoped to the merchant; lists are
// newest first, keyset-paginated on (created_at, id) with `starting_after` = the last id seen.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { customerWhere } from "./customer-directory";
import { renderInvoicePdf } from "../invoices/invoice-pdf";
import { presentInvoice } from "../invoices/invoice-view";
import { getInvoiceForCustomer } from "../invoices/invoices";
import { WEBHOOK_EVENT_TYPES } from "../webhooks/webhook-endpoints";

type Page<T> = { data: T[]; hasMore: boolean } | { cursorMissing: true };

type ListOpts = { limit: number; startingAfter?: string; customer?: string };

/** The rows after the cursor row (same table, same scope), or "missing" when the cursor is not one of them. */
async function afterCursor(find: (id: string) => Promise<{ id: string; createdAt: Date } | null>, id: string | undefined) {
  if (!id) return {};
  const row = await find(id);
  if (!row) return null;
  return { OR: [{ createdAt: { lt: row.createdAt } }, { createdAt: row.createdAt, id: { lt: row.id } }] };
}

async function customerIdsOf(merchantId: string, ref: string | undefined): Promise<string[] | undefined> {
  if (!ref) return undefined;
  const c = await db().customer.findFirst({ where: customerWhere(merchantId, ref), select: { id: true } });
  return c ? [c.id] : [];
}

const invoiceInclude = { lines: { orderBy: { position: "asc" } }, customer: { select: { id: true, externalId: true, locale: true } } } as const;
export type MerchantInvoice = Prisma.InvoiceGetPayload<{ include: typeof invoiceInclude }>;

export async function listMerchantInvoices(merchantId: string, opts: ListOpts & { status?: string }): Promise<Page<MerchantInvoice>> {
  const cursor = await afterCursor((id) => db().invoice.findFirst({ where: { id, merchantId, status: { not: "draft" } }, select: { id: true, createdAt: true } }), opts.startingAfter);
  if (cursor === null) return { cursorMissing: true };
  const customers = await customerIdsOf(merchantId, opts.customer);
  const rows = await db().invoice.findMany({
    where: {
      merchantId,
      status: opts.status ? (opts.status as Prisma.EnumInvoiceStatusFilter["equals"]) : { not: "draft" },
      ...(customers ? { customerId: { in: customers } } : {}),
      ...cursor,
    },
    include: invoiceInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
  });
  return { data: rows.slice(0, opts.limit), hasMore: rows.length > opts.limit };
}

export async function getMerchantInvoice(merchantId: string, id: string): Promise<MerchantInvoice | null> {
  return db().invoice.findFirst({ where: { id, merchantId, status: { not: "draft" } }, include: invoiceInclude });
}

export type MerchantPayment = Prisma.PaymentGetPayload<{ include: { customer: { select: { id: true; externalId: true; locale: true } } } }> & {
  card: { brand: string; last4: string } | null;
};

export async function listMerchantPayments(merchantId: string, opts: ListOpts & { status?: string }): Promise<Page<MerchantPayment>> {
  const cursor = await afterCursor((id) => db().payment.findFirst({ where: { id, merchantId }, select: { id: true, createdAt: true } }), opts.startingAfter);
  if (cursor === null) return { cursorMissing: true };
  const customers = await customerIdsOf(merchantId, opts.customer);
  const rows = await db().payment.findMany({
    where: { merchantId, ...(opts.status ? { status: opts.status as Prisma.EnumPaymentStatusFilter["equals"] } : {}), ...(customers ? { customerId: { in: customers } } : {}), ...cursor },
    include: { customer: { select: { id: true, externalId: true, locale: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
  });
  const pmIds = [...new Set(rows.map((r) => r.paymentMethodId).filter((x): x is string => Boolean(x)))];
  const cards = new Map((await db().paymentMethod.findMany({ where: { id: { in: pmIds } }, select: { id: true, brand: true, last4: true } })).map((c) => [c.id, { brand: c.brand, last4: c.last4 }]));
  const data = rows.slice(0, opts.limit).map((r) => ({ ...r, card: r.paymentMethodId ? (cards.get(r.paymentMethodId) ?? null) : null }));
  return { data, hasMore: rows.length > opts.limit };
}

export type MerchantEvent = Prisma.NotificationGetPayload<{ include: { customer: { select: { id: true; externalId: true } } } }>;

/** The events webhooks carry (the notification types in WEBHOOK_EVENT_TYPES), optionally of one type. */
export async function listMerchantEvents(merchantId: string, opts: ListOpts & { type?: string }): Promise<Page<MerchantEvent>> {
  const scope: Prisma.NotificationWhereInput = { customer: { merchantId }, type: opts.type ? opts.type : { in: [...WEBHOOK_EVENT_TYPES] } };
  const cursorId = opts.startingAfter?.replace(/^evt_/, "ntf_");
  const cursor = await afterCursor((id) => db().notification.findFirst({ where: { id, ...scope }, select: { id: true, createdAt: true } }), cursorId);
  if (cursor === null) return { cursorMissing: true };
  const customers = await customerIdsOf(merchantId, opts.customer);
  const rows = await db().notification.findMany({
    where: { ...scope, ...(customers ? { customerId: { in: customers } } : {}), ...cursor },
    include: { customer: { select: { id: true, externalId: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
  });
  return { data: rows.slice(0, opts.limit), hasMore: rows.length > opts.limit };
}

/** The PDF of one of the merchant's invoices (the customer's own document), or null. */
export async function merchantInvoicePdf(merchantId: string, id: string): Promise<{ file: Uint8Array; filename: string } | null> {
  const inv = await db().invoice.findFirst({ where: { id, merchantId, status: { not: "draft" } }, select: { customerId: true } });
  const detail = inv ? await getInvoiceForCustomer(inv.customerId, id) : null;
  if (!detail) return null;
  const view = presentInvoice(detail);
  return { file: await renderInvoicePdf(view), filename: `${view.number}.pdf` };
}
