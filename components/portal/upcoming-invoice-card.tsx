// The upcoming invoice preview (overview and invoices pages): what the invoice at the end of the
// period will be if usage continues. Server-rendered from getUpcomingInvoice.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { Caption, TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import type { UpcomingInvoiceView } from "@/lib/services/cycle";

export function UpcomingInvoiceCard({ data }: { data: UpcomingInvoiceView }) {
  const t = useTranslations("invoices.upcoming");
  return (
    <Card title={t("title")} action={<Link className="text-sm underline" href="/plan">{t("plan")}</Link>}>
      <div data-testid="upcoming-invoice" className="space-y-3 text-sm">
        <p>{t.rich("ifUsageContinues", { date: data.dateText, strong: (chunks) => <strong data-testid="upcoming-date">{chunks}</strong> })}</p>
        {data.lines.length > 0 && (
          <Table>
            <Caption className="sr-only">{t("lines")}</Caption>
            <THead className="sr-only">
              <Tr>
                <Th>{t("item")}</Th>
                <Th>{t("amount")}</Th>
              </Tr>
            </THead>
            <TBody>
              {data.lines.map((l) => (
                <Tr key={l.kind} className="border-t" data-testid={`upcoming-${l.kind}`}>
                  <Td className="py-1.5 pr-3">{l.description}</Td>
                  <Td className="tabular py-1.5 text-right whitespace-nowrap">{l.amountText}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t pt-2">
          <dt className="text-slate-600">{t("subtotal")}</dt>
          <dd className="tabular text-right">{data.subtotalText}</dd>
          <dt className="text-slate-600">{t("tax", { rate: data.taxRateText })}</dt>
          <dd className="tabular text-right">{data.taxText}</dd>
          <dt className="font-semibold">{t("estimatedTotal")}</dt>
          <dd className="tabular text-right font-semibold" data-testid="upcoming-total">
            {data.totalText}
          </dd>
        </dl>
        {data.notes.length > 0 && (
          <ul className="list-disc space-y-1 pl-5 text-slate-600" data-testid="upcoming-notes">
            {data.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
