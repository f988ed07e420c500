// The upcoming invoice preview (overview and invoices pages): what the invoice at the end of the
// period will be if usage continues. Server-rendered from getUpcomingInvoice.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { UpcomingInvoiceView } from "@/lib/services/cycle";

export function UpcomingInvoiceCard({ data }: { data: UpcomingInvoiceView }) {
  return (
    <Card title="Upcoming invoice" action={<Link className="text-sm underline" href="/plan">Plan</Link>}>
      <div data-testid="upcoming-invoice" className="space-y-3 text-sm">
        <p>
          On <strong data-testid="upcoming-date">{data.dateText}</strong>, if your usage continues at its recent rate:
        </p>
        {data.lines.length > 0 && (
          <table className="w-full text-left">
            <caption className="sr-only">Upcoming invoice lines</caption>
            <thead className="sr-only">
              <tr>
                <th>Item</th>
                <th>Amount</th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((l) => (
                <tr key={l.kind} className="border-t" data-testid={`upcoming-${l.kind}`}>
                  <td className="py-1.5 pr-3">{l.description}</td>
                  <td className="tabular py-1.5 text-right whitespace-nowrap">{l.amountText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t pt-2">
          <dt className="text-slate-600">Subtotal</dt>
          <dd className="tabular text-right">{data.subtotalText}</dd>
          <dt className="text-slate-600">Tax ({data.taxRateText})</dt>
          <dd className="tabular text-right">{data.taxText}</dd>
          <dt className="font-semibold">Estimated total</dt>
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
