import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePortalContext } from "@/lib/auth/session";
import { formatCents } from "@/lib/billing/money";
import { UpcomingInvoiceCard } from "@/components/portal/upcoming-invoice-card";
import { customerReads, INVOICE_STATUSES, type InvoiceStatus } from "@/lib/services/portal";
import { formatDate } from "@/lib/format/dates";
import { Caption, TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices"))("title") };
}

export const dynamic = "force-dynamic";

const FILTERS: (InvoiceStatus | "all")[] = ["all", "paid", "open", "void", "uncollectible"];
const TONE: Record<string, string> = { paid: "bg-emerald-50 text-emerald-800", open: "bg-amber-50 text-amber-900", void: "bg-slate-100 text-slate-600", uncollectible: "bg-red-50 text-red-800" };

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const { status: raw } = await searchParams;
  const status = INVOICE_STATUSES.includes(raw as InvoiceStatus) && raw !== "draft" ? (raw as InvoiceStatus) : undefined;
  const [invoices, upcoming] = await Promise.all([read.invoices({ status, limit: 100 }), read.upcomingInvoice()]);
  const [t, locale] = await Promise.all([getTranslations("invoices"), getLocale()]);
  const date = (d: Date | null) => (d ? formatDate(d, locale) : "—");
  // the words for a status or kind code, in the reader's language (the code itself for one the messages lack)
  const statusWord = (code: string) => (t.has(`status.${code}`) ? t(`status.${code}`) : code);
  const kindWord = (code: string) => (t.has(`kind.${code}`) ? t(`kind.${code}`) : code);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {upcoming && <UpcomingInvoiceCard data={upcoming} />}
      <nav aria-label={t("filterByStatus")} className="flex flex-wrap gap-2 text-sm">
        {FILTERS.map((f) => {
          const active = (f === "all" && !status) || f === status;
          return (
            <Link key={f} href={f === "all" ? "/invoices" : `/invoices?status=${f}`} aria-current={active ? "page" : undefined} className={`rounded-full border px-3 py-1 ${active ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "bg-white hover:bg-slate-50"}`}>
              {f === "all" ? t("all") : statusWord(f)}
            </Link>
          );
        })}
      </nav>
      {invoices.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-slate-500" data-testid="no-invoices">
          {status ? t(`noneWithStatus.${status}`) : t("noneYet")}
        </p>
      ) : (
        // On phones each row is a card (number and status, date and what for, total and PDF); from
        // the sm breakpoint it is a table. One list in the DOM either way.
        <div className="sm:rounded-lg sm:border sm:bg-white">
          <Table stacked className="text-sm" data-testid="invoice-table">
            <Caption className="sr-only">{status ? t("captionStatus", { status: statusWord(status) }) : t("caption")}</Caption>
            <THead stacked className="bg-slate-50 text-slate-600">
              <Tr>
                <Th className="px-4 py-2">{t("columns.number")}</Th>
                <Th className="px-4 py-2">{t("columns.date")}</Th>
                <Th className="px-4 py-2">{t("columns.for")}</Th>
                <Th className="px-4 py-2">{t("columns.status")}</Th>
                <Th className="px-4 py-2 text-right">{t("columns.total")}</Th>
                <Th className="px-4 py-2">
                  <span className="sr-only">{t("columns.download")}</span>
                </Th>
              </Tr>
            </THead>
            <TBody stacked className="space-y-3 sm:space-y-0">
              {invoices.map((inv) => (
                <Tr stacked key={inv.id} className="grid-cols-[1fr_auto] gap-x-3 gap-y-1 rounded-lg border bg-white p-4 sm:rounded-none sm:border-0 sm:border-t sm:p-0" data-testid="invoice-row">
                  <Td className="font-medium sm:table-cell sm:px-4 sm:py-2" data-testid="invoice-row-number">
                    <Link className="underline" href={`/invoices/${inv.id}`}>
                      {inv.number}
                    </Link>
                  </Td>
                  <Td className="order-3 whitespace-nowrap text-slate-600 sm:order-none sm:table-cell sm:px-4 sm:py-2 sm:text-inherit">{date(inv.issuedAt)}</Td>
                  <Td className="order-5 text-slate-600 sm:order-none sm:table-cell sm:px-4 sm:py-2 sm:text-inherit">
                    {inv.originalNumber ? t("kindFor", { kind: kindWord(inv.kind), number: inv.originalNumber }) : kindWord(inv.kind)}
                  </Td>
                  <Td className="order-2 text-right sm:order-none sm:table-cell sm:px-4 sm:py-2 sm:text-left" data-testid="invoice-row-status">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONE[inv.status] ?? ""}`}>{statusWord(inv.status)}</span>
                  </Td>
                  <Td className="tabular order-4 text-right font-medium sm:order-none sm:table-cell sm:px-4 sm:py-2 sm:font-normal" data-testid="invoice-row-total">
                    {inv.kind === "credit_note" ? "−" : ""}
                    {formatCents(inv.totalCents, { locale, currency: inv.currency })}
                  </Td>
                  <Td className="order-6 text-right sm:order-none sm:table-cell sm:px-4 sm:py-2 sm:text-left">
                    <a className="underline" href={`/invoices/${inv.id}/pdf`} aria-label={t("downloadAs", { number: inv.number ?? "" })}>
                      PDF
                    </a>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </div>
  );
}
