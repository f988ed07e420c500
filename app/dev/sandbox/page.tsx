import { notFound } from "next/navigation";
import { formatCents } from "@/lib/billing/money";
import { sandboxGateway } from "@/lib/payments";
import { SandboxPaymentButtons } from "./buttons";
import { sandboxDashboardEnabled } from "./actions";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sandbox payments" };

/** The sandbox provider's "dashboard" (never in production): refund or dispute its payments. */
export default async function SandboxPage() {
  if (!(await sandboxDashboardEnabled())) notFound();
  const payments = await sandboxGateway().listPayments();
  return (
    <main className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-semibold">Sandbox payments</h1>
      <p className="mt-1 text-sm text-slate-600">
        The sandbox payment provider&apos;s own view, like a provider dashboard. Refunds and disputes made here reach Portico as provider events (through
        the job queue, like webhooks) and reverse the credit with a credit note. This page does not exist in production.
      </p>
      <Table className="mt-6 text-sm">
        <THead className="text-slate-500">
          <Tr>
            <Th className="py-2 pr-3">Payment</Th>
            <Th className="py-2 pr-3">What</Th>
            <Th className="py-2 pr-3">Status</Th>
            <Th className="py-2 pr-3 text-right">Amount</Th>
            <Th className="py-2 pr-3 text-right">Refunded</Th>
            <Th className="py-2">
              <span className="sr-only">Actions</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {payments.map((p) => (
            <Tr key={p.providerPaymentId} className="border-t align-top" data-testid="sandbox-payment" data-payment={p.paymentId ?? ""}>
              <Td className="py-2 pr-3 font-mono text-xs">{p.providerPaymentId}</Td>
              <Td className="py-2 pr-3">{p.description}</Td>
              <Td className="py-2 pr-3">
                {p.status}
                {p.disputed ? " (disputed)" : ""}
                {p.failureCode ? ` — ${p.failureCode}` : ""}
              </Td>
              <Td className="tabular py-2 pr-3 text-right">{formatCents(p.amountCents)}</Td>
              <Td className="tabular py-2 pr-3 text-right">{formatCents(p.amountRefundedCents)}</Td>
              <Td className="py-2">{p.status === "succeeded" && !p.disputed && p.amountRefundedCents < p.amountCents && <SandboxPaymentButtons providerPaymentId={p.providerPaymentId!} />}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </main>
  );
}
