import Link from "next/link";
import { useTimeZone, useTranslations } from "next-intl";
import type { AutoTopUpView } from "@/lib/services/payments";
import { formatDateTime } from "@/lib/format/dates";
import { Caption, TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";

// The run statuses with a label (messages payments.autoTopUp.status.<status>); any other shows as is.
const LABEL = new Set(["queued", "charging", "retrying", "succeeded", "failed", "capped", "requires_action", "skipped"]);

export function AutoTopUpHistory({ view, locale }: { view: AutoTopUpView; locale: string }) {
  const t = useTranslations("payments.autoTopUp");
  const timeZone = useTimeZone(); // the request's: the account's own, else the browser's
  if (view.runs.length === 0) return <p className="text-sm text-slate-500">{t("noRuns")}</p>;
  return (
    <div className="overflow-x-auto">
      <Table className="text-sm" data-testid="auto-top-up-history">
        <Caption className="sr-only">{t("historyCaption")}</Caption>
        <THead className="text-slate-500">
          <Tr>
            <Th className="py-2 pr-4">{t("when")}</Th>
            <Th className="py-2 pr-4">{t("result")}</Th>
            <Th className="py-2 pr-4">{t("charged")}</Th>
            <Th className="py-2">{t("details")}</Th>
          </Tr>
        </THead>
        <TBody>
          {view.runs.map((r) => (
            <Tr key={r.id} className="border-t align-top">
              <Td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(new Date(r.createdAt), locale, { timeZone })}</Td>
              <Td className="py-2 pr-4">{LABEL.has(r.status) ? t(`status.${r.status}`) : r.status}</Td>
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
