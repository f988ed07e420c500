import Link from "next/link";
import type { AutoTopUpView } from "@/lib/services/payments";
import { formatDateTime } from "@/lib/format/dates";

const LABEL: Record<string, string> = {
  queued: "Starting",
  charging: "Charging",
  retrying: "Retrying",
  succeeded: "Succeeded",
  failed: "Failed",
  capped: "Monthly cap reached",
  requires_action: "Needs your bank's confirmation",
  skipped: "Skipped",
};

export function AutoTopUpHistory({ view, locale }: { view: AutoTopUpView; locale: string }) {
  if (view.runs.length === 0) return <p className="text-sm text-slate-500">No automatic top-ups yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="auto-top-up-history">
        <caption className="sr-only">Automatic top-up history</caption>
        <thead className="text-slate-500">
          <tr>
            <th className="py-2 pr-4 font-medium">When</th>
            <th className="py-2 pr-4 font-medium">Result</th>
            <th className="py-2 pr-4 font-medium">Charged</th>
            <th className="py-2 font-medium">Details</th>
          </tr>
        </thead>
        <tbody>
          {view.runs.map((r) => (
            <tr key={r.id} className="border-t align-top">
              <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(new Date(r.createdAt), locale)} UTC</td>
              <td className="py-2 pr-4">{LABEL[r.status] ?? r.status}</td>
              <td className="py-2 pr-4 tabular">{r.status === "succeeded" ? r.totalText : "—"}</td>
              <td className="py-2 text-slate-600">
                {r.message}
                {r.invoiceId && (
                  <>
                    {" "}
                    <Link className="underline" href={`/invoices/${r.invoiceId}`}>
                      {r.invoiceNumber}
                    </Link>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
