import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountScope } from "@/components/portal/account-scope";
import { notFound, redirect } from "next/navigation";
import { ChallengeButtons } from "@/components/portal/payments/challenge-buttons";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.challenge"))("title") };
}
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
  const t = await getTranslations("payments.challenge");
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <section aria-label={t("bankLabel")} className="space-y-4 rounded-xl border-2 border-slate-300 bg-white p-6 shadow">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("sandboxBank")}</p>
          <p>
            {t.rich("ask", {
              total: payment.totalText,
              merchant: merchantName,
              description: payment.description,
              amount: (chunks) => <strong data-testid="challenge-amount">{chunks}</strong>,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <p className="text-sm text-slate-600">
            {t("testNote")}
          </p>
          <ChallengeButtons paymentId={payment.id} back={back} canAnswer={can(ctx.role, "buy")} />
        </section>
      </div>
    </AccountScope>
  );
}
