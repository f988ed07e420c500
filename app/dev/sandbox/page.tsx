import { notFound } from "next/navigation";
import { formatCents } from "@/lib/billing/money";
import { sandboxGateway } from "@/lib/payments";
import { SandboxPaymentButtons } from "./buttons";
import { sandboxDashboardEnabled } from "./actions";

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
      <table className="mt-6 w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2 pr-3 font-medium">Payment</th>
            <th className="py-2 pr-3 font-medium">What</th>
            <th className="py-2 pr-3 font-medium">Status</th>
            <th className="py-2 pr-3 text-right font-medium">Amount</th>
            <th className="py-2 pr-3 text-right font-medium">Refunded</th>
            <th className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.providerPaymentId} className="border-t align-top" data-testid="sandbox-payment" data-payment={p.paymentId ?? ""}>
              <td className="py-2 pr-3 font-mono text-xs">{p.providerPaymentId}</td>
              <td className="py-2 pr-3">{p.description}</td>
              <td className="py-2 pr-3">
                {p.status}
                {p.disputed ? " (disputed)" : ""}
                {p.failureCode ? ` — ${p.failureCode}` : ""}
              </td>
              <td className="tabular py-2 pr-3 text-right">{formatCents(p.amountCents)}</td>
              <td className="tabular py-2 pr-3 text-right">{formatCents(p.amountRefundedCents)}</td>
              <td className="py-2">{p.status === "succeeded" && !p.disputed && p.amountRefundedCents < p.amountCents && <SandboxPaymentButtons providerPaymentId={p.providerPaymentId!} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
