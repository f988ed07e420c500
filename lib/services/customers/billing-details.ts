import "server-only";
// Billing details of a customer (Settings → Billing details, `PATCH /api/v1/customers/{id}`) and
// the seller's (the merchant), and the two as an invoice keeps them: copied onto the invoice when
// it is issued, so an issued invoice never changes when either party edits theirs later.
import { billingDetailsInputSchema } from "@/lib/billing/billing-details";
import type { BillingDetails, PostalAddress } from "@/lib/billing/countries";
import { readAddress } from "@/lib/billing/countries";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/tx";

export type Party = { name: string; email: string | null; address: PostalAddress | null; taxId: string | null };
type InvoiceParties = { seller: Party; buyer: Party };

type CustomerBillingDetails = BillingDetails & { accountName: string; email: string };

type CustomerRow = { name: string; email: string; billingName: string | null; billingAddress: unknown; taxId: string | null };

function billingDetailsOf(c: CustomerRow): CustomerBillingDetails {
  return { name: c.billingName, address: readAddress(c.billingAddress), taxId: c.taxId, accountName: c.name, email: c.email };
}

export async function getBillingDetails(customerId: string): Promise<CustomerBillingDetails> {
  const c = await db().customer.findUniqueOrThrow({ where: { id: customerId }, select: { name: true, email: true, billingName: true, billingAddress: true, taxId: true } });
  return billingDetailsOf(c);
}

/** Replace the customer's billing details (already checked by billingDetailsInputSchema). */
export async function saveBillingDetails(customerId: string, d: BillingDetails, client: Tx = db()): Promise<void> {
  await client.customer.update({
    where: { id: customerId },
    data: { billingName: d.name, billingAddress: d.address ? (d.address as Prisma.InputJsonValue) : Prisma.DbNull, taxId: d.taxId },
  });
}

type BillingDetailsPatch = {
  name?: string | null;
  address?: { line1: string; line2?: string | null; city: string; postal_code?: string | null; state?: string | null; country: string } | null;
  tax_id?: string | null;
};

/**
 * A merchant's PATCH of a customer's billing details: given fields replace the stored ones (null
 * clears), the rest are kept; the result passes the same rules as the Settings form. On a bad value
 * the refusal names the field as the API spells it (`billing_details.address.city`); nothing is written.
 */
async function patchBillingDetails(
  tx: Tx,
  customerId: string,
  patch: BillingDetailsPatch,
): Promise<{ ok: true } | { ok: false; param: string; message: string }> {
  const c = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { name: true, email: true, billingName: true, billingAddress: true, taxId: true } });
  const now = billingDetailsOf(c);
  const address = patch.address === undefined ? now.address : patch.address;
  const merged = {
    name: (patch.name === undefined ? now.name : patch.name) ?? "",
    line1: address?.line1 ?? "",
    line2: address?.line2 ?? "",
    city: address?.city ?? "",
    postal_code: address?.postal_code ?? "",
    state: address?.state ?? "",
    country: address?.country ?? "",
    tax_id: (patch.tax_id === undefined ? now.taxId : patch.tax_id) ?? "",
  };
  const parsed = billingDetailsInputSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path.at(-1) ?? "");
    const param = field === "name" || field === "tax_id" ? `billing_details.${field}` : `billing_details.address${address ? `.${field}` : ""}`;
    return { ok: false, param, message: issue.message };
  }
  await saveBillingDetails(customerId, parsed.data, tx);
  return { ok: true };
}

/** The merchant API's update of a customer: display name, locale, billing details — all or nothing (run in one transaction). */
export async function updateCustomerDetails(
  tx: Tx,
  customerId: string,
  u: { name?: string; locale?: string | null; billing_details?: BillingDetailsPatch },
): Promise<{ ok: true } | { ok: false; param: string; message: string }> {
  if (u.billing_details) {
    const r = await patchBillingDetails(tx, customerId, u.billing_details);
    if (!r.ok) return r;
  }
  if (u.name !== undefined || u.locale !== undefined) await tx.customer.update({ where: { id: customerId }, data: { name: u.name, locale: u.locale } });
  return { ok: true };
}

/** Seller and buyer as they stand now: what an invoice issued now is made out to and from. */
export async function currentParties(tx: Tx, merchantId: string, customerId: string): Promise<InvoiceParties> {
  const [m, c] = await Promise.all([
    tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { name: true, address: true, taxId: true, supportEmail: true } }),
    tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { name: true, email: true, billingName: true, billingAddress: true, taxId: true } }),
  ]);
  return {
    seller: { name: m.name, email: m.supportEmail, address: readAddress(m.address), taxId: m.taxId },
    buyer: { name: c.billingName ?? c.name, email: c.email, address: readAddress(c.billingAddress), taxId: c.taxId },
  };
}

/** The parties an invoice was issued with, read back from its JSON. */
export function readParties(json: unknown): InvoiceParties | null {
  if (!json || typeof json !== "object") return null;
  const p = json as Record<string, unknown>;
  const party = (x: unknown): Party | null => {
    if (!x || typeof x !== "object") return null;
    const o = x as Record<string, unknown>;
    if (typeof o.name !== "string") return null;
    return { name: o.name, email: typeof o.email === "string" ? o.email : null, address: readAddress(o.address), taxId: typeof o.taxId === "string" ? o.taxId : null };
  };
  const seller = party(p.seller);
  const buyer = party(p.buyer);
  return seller && buyer ? { seller, buyer } : null;
}
