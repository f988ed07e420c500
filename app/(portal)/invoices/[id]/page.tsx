import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountScope } from "@/components/portal/account-scope";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomBytes } from "node:crypto";
import { PayInvoice } from "@/components/portal/payments/pay-invoice";
import { PaymentOutcome } from "@/components/portal/payments/payment-outcome";
import { Card } from "@/components/ui/card";
import { TBody, TFoot, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads, presentInvoice } from "@/lib/services/portal";
import { withLocale } from "@/lib/i18n/locale-scope";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices"))("invoice.pageTitle") };
}

export const dynamic = "force-dynamic";

export default async function InvoicePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ payment?: string }> }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const { id } = await params;
  const invoice = await read.invoice(id);
  if (!invoice) notFound();
  // Back from "Pay now" (or its 3-D Secure page): what happened to that payment of this invoice.
  const { payment: returnedId } = await searchParams;
  const returned = typeof returnedId === "string" ? await read.paymentOutcome(returnedId, { invoiceId: invoice.id }) : null;
  // in the request's locale, as every other figure on the page (presentInvoice alone would use the stored one)
  const v = withLocale(ctx.locale, () => presentInvoice(invoice));
  // An open subscription invoice (a failed renewal) can be paid here by owners and billing members.
  const payable = invoice.kind === "subscription" && invoice.status === "open";
  const mayPay = payable && can(ctx.role, "buy");
  const cards = mayPay ? await read.payableCards() : [];
  const t = await getTranslations("invoices");
  // the words for the invoice's codes in the reader's language (the presentation's English for a code the messages lack)
  const known = (group: "kind" | "status", code: string, fallback: string) => (t.has(`${group}.${code}`) ? t(`${group}.${code}`) : fallback);
  const creditNote = v.kindCode === "credit_note";
  const title = t(creditNote ? "invoice.title.creditNote" : "invoice.title.invoice");
  const meta = { kind: known("kind", v.kindCode, v.kind), status: known("status", v.status, v.statusLabel), issued: v.issued, paid: v.paid ?? "" };
  const state = (chunks: React.ReactNode) => <span data-testid="invoice-status">{chunks}</span>;
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="space-y-6">
        <p className="text-sm">
          <Link className="underline" href="/invoices">
            {t("invoice.allInvoices")}
          </Link>
        </p>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold" data-testid="invoice-number">
              {title} {v.number}
            </h1>
            <p className="text-slate-600">
              {t.rich(v.paid ? (creditNote ? "invoice.metaSettled" : "invoice.metaPaid") : "invoice.meta", { ...meta, state })}
            </p>
          </div>
          <a className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" href={`/invoices/${v.id}/pdf`} data-testid="download-pdf">
            {t("invoice.downloadPdf")}
          </a>
        </div>
        {returned && <PaymentOutcome payment={returned} />}
        {payable && (
          <Card title={t("invoice.unpaid")}>
            {mayPay ? (
              <PayInvoice invoiceId={v.id} totalText={v.total} formKey={randomBytes(16).toString("hex")} cards={cards} />
            ) : (
              <p className="text-sm" data-testid="pay-viewer-note">
                {t("invoice.viewerNote")}
              </p>
            )}
          </Card>
        )}
        <Card>
          <div className="mb-4 grid gap-4 text-sm sm:grid-cols-2">
            {(
              [
                [t("invoice.from"), v.seller, "invoice-seller"],
                [t("invoice.billedTo"), v.buyer, "invoice-buyer"],
              ] as const
            ).map(([label, p, testId]) => (
              <address key={testId} className="not-italic [overflow-wrap:anywhere]" data-testid={testId}>
                <span className="block text-slate-500">{label}</span>
                <span className="block font-medium">{p.name}</span>
                {p.lines.map((l, i) => (
                  <span key={i} className="block">
                    {l}
                  </span>
                ))}
                {p.taxId && <span className="block">{p.taxId}</span>}
                {p.email && <span className="block text-slate-600">{p.email}</span>}
              </address>
            ))}
          </div>
          <dl className="mb-4 grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
            {v.paidWith && (
              <>
                <dt className="text-slate-500">{t("invoice.paidWith")}</dt>
                <dd data-testid="invoice-card">{v.paidWith}</dd>
              </>
            )}
            {v.paymentId && (
              <>
                <dt className="text-slate-500">{t("invoice.payment")}</dt>
                <dd className="font-mono text-xs [overflow-wrap:anywhere]" data-testid="invoice-payment-id">
                  {v.paymentId}
                </dd>
              </>
            )}
            {v.period && (
              <>
                <dt className="text-slate-500">{t("invoice.period")}</dt>
                <dd>{v.period}</dd>
              </>
            )}
            {v.original && (
              <>
                <dt className="text-slate-500">{t("invoice.credits")}</dt>
                <dd>
                  <Link className="underline" href={`/invoices/${v.original.id}`}>
                    {t("invoice.creditsInvoice", { number: v.original.number ?? "" })}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          {/* On phones the quantity and unit price go under the description (two columns, no sideways scroll). */}
          <div>
            <Table className="text-sm" data-testid="invoice-lines">
              <THead className="text-slate-500">
                <Tr>
                  <Th className="py-2 pr-4">{t("invoice.description")}</Th>
                  <Th className="hidden py-2 pr-4 text-right sm:table-cell">{t("invoice.qty")}</Th>
                  <Th className="hidden py-2 pr-4 text-right sm:table-cell">{t("invoice.unitPrice")}</Th>
                  <Th className="py-2 text-right">{t("invoice.amount")}</Th>
                </Tr>
              </THead>
              <TBody>
                {v.lines.map((l, i) => (
                  <Tr key={i} className="border-t">
                    <Td className="py-2 pr-4">
                      {l.description}
                      <span className="tabular block text-xs text-slate-600 sm:hidden">
                        {l.quantity} {l.unitLabel}
                        {l.unitPrice ? ` × ${l.unitPrice}` : ""}
                      </span>
                    </Td>
                    <Td className="tabular hidden py-2 pr-4 text-right whitespace-nowrap sm:table-cell">
                      {l.quantity} {l.unitLabel}
                    </Td>
                    <Td className="tabular hidden py-2 pr-4 text-right sm:table-cell">{l.unitPrice}</Td>
                    <Td className="tabular py-2 text-right whitespace-nowrap" data-testid="invoice-line-amount">
                      {l.amount}
                    </Td>
                  </Tr>
                ))}
              </TBody>
              <TFoot className="border-t">
                <Tr>
                  <Td colSpan={3} className="py-1 pr-4 text-right text-slate-600">
                    {t("invoice.subtotal")}
                  </Td>
                  <Td className="tabular py-1 text-right" data-testid="invoice-subtotal">
                    {v.subtotal}
                  </Td>
                </Tr>
                <Tr>
                  <Td colSpan={3} className="py-1 pr-4 text-right text-slate-600">
                    {t("invoice.tax", { rate: v.taxRate })}
                  </Td>
                  <Td className="tabular py-1 text-right" data-testid="invoice-tax">
                    {v.tax}
                  </Td>
                </Tr>
                {v.rounding && (
                  <Tr>
                    <Td colSpan={3} className="py-1 pr-4 text-right text-slate-600">
                      {t("invoice.rounding")}
                    </Td>
                    <Td className="tabular py-1 text-right" data-testid="invoice-rounding">
                      {v.rounding}
                    </Td>
                  </Tr>
                )}
                <Tr>
                  <Td colSpan={3} className="py-1 pr-4 text-right font-semibold">
                    {t(creditNote ? "invoice.totalCredited" : v.status === "paid" ? "invoice.totalPaid" : "invoice.totalDue")}
                  </Td>
                  <Td className="tabular py-1 text-right font-semibold" data-testid="invoice-total">
                    {v.total}
                  </Td>
                </Tr>
              </TFoot>
            </Table>
          </div>
          {v.memo && <p className="mt-4 text-sm" data-testid="invoice-memo">{v.memo}</p>}
          <p className="mt-4 text-xs text-slate-500">{v.roundingRule}</p>
        </Card>
        {v.creditNotes.length > 0 && (
          <Card title={t("invoice.creditNotes")}>
            <ul className="text-sm">
              {v.creditNotes.map((c) => (
                <li key={c.id}>
                  <Link className="underline" href={`/invoices/${c.id}`}>
                    {c.number}
                  </Link>{" "}
                  {t("invoice.credited", { total: c.total })}
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </AccountScope>
  );
}
