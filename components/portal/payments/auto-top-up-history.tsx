import Link from "next/link";
import type { AutoTopUpView } from "@/lib/services/payments";
import { formatDateTime } from "@/lib/format/dates";
import { Caption, TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";

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
      <Table className="text-sm" data-testid="auto-top-up-history">
        <Caption className="sr-only">Automatic top-up history</Caption>
        <THead className="text-slate-500">
          <Tr>
            <Th className="py-2 pr-4">When</Th>
            <Th className="py-2 pr-4">Result</Th>
            <Th className="py-2 pr-4">Charged</Th>
            <Th className="py-2">Details</Th>
          </Tr>
        </THead>
        <TBody>
          {view.runs.map((r) => (
            <Tr key={r.id} className="border-t align-top">
              <Td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(new Date(r.createdAt), locale)} UTC</Td>
              <Td className="py-2 pr-4">{LABEL[r.status] ?? r.status}</Td>
              <Td className="py-2 pr-4 tabular">{r.status === "succeeded" ? r.totalText : "—"}</Td>
              <Td className="py-2 text-slate-600">
                {r.message}
                {r.invoiceId && (
                  <>
                    {" "}
                    <Link className="underline" href={`/invoices/${r.invoiceId}`}>
                      {r.invoiceNumber}
                    </Link>
                  </>
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
