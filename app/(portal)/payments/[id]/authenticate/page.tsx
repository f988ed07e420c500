import { AccountScope } from "@/components/portal/account-scope";
import { notFound, redirect } from "next/navigation";
import { ChallengeButtons } from "@/components/portal/payments/challenge-buttons";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";

export const metadata = { title: "Confirm your payment" };
export const dynamic = "force-dynamic";

/** The sandbox's 3-D Secure challenge: what a bank shows when it asks the card holder to confirm. */
export default async function AuthenticatePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const { id } = await params;
  const challenge = await read.challenge(id);
  if (!challenge) notFound();
  if (!challenge.open) redirect(challenge.back);
  const { payment, merchantName, back } = challenge;
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">Confirm your payment</h1>
        <section aria-label="Your bank" className="space-y-4 rounded-xl border-2 border-slate-300 bg-white p-6 shadow">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Sandbox bank · 3-D Secure</p>
          <p>
            Your bank asks you to confirm a payment of <strong data-testid="challenge-amount">{payment.totalText}</strong> to <strong>{merchantName}</strong> for {payment.description}.
          </p>
          <p className="text-sm text-slate-600">
            This is the sandbox&apos;s test challenge (card 4000 0025 0000 3155): choose what the card holder does. Nothing is charged unless the payment is confirmed.
          </p>
          <ChallengeButtons paymentId={payment.id} back={back} canAnswer={can(ctx.role, "buy")} />
        </section>
      </div>
    </AccountScope>
  );
}
