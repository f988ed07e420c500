import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { rulesFor } from "@/lib/billing/models";
import { AutoTopUpSection } from "@/components/portal/payments/auto-top-up-section";
import { PackPicker } from "@/components/portal/payments/pack-picker";
import { PaymentOutcome } from "@/components/portal/payments/payment-outcome";
import { PendingPurchases } from "@/components/portal/payments/pending-purchases";
import { PortalProviders } from "@/components/portal/providers";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { formatMoney } from "@/lib/billing/money";
import { randomToken } from "@/lib/ids";
import { stripePublishableKey } from "@/lib/payments";
import { customerReads } from "@/lib/services/portal";
import { formatDate } from "@/lib/format/dates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credits"))("title") };
}
export const dynamic = "force-dynamic";

export default async function CreditsPage({ searchParams }: { searchParams: Promise<{ payment?: string }> }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const wallet = await read.wallet();
  const topUp = wallet?.plan ? rulesFor(wallet.plan).topUp : null;
  const t = await getTranslations("credits");
  if (!wallet?.plan || topUp?.kind !== "pack") {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p>
          {t("notCreditsPlan")} {topUp?.kind === "funds" ? <Link className="underline" href={topUp.href}>{t("addFundsInstead")}</Link> : null}
        </p>
      </div>
    );
  }
  const { locale, currency } = wallet.customer;
  const [tp, tc] = await Promise.all([getTranslations("purchase"), getTranslations("common")]);
  const { payment: returnedId } = await searchParams;
  const returned = returnedId ? await read.paymentOutcome(returnedId) : null;
  const [offers, pending, autoTopUp] = await Promise.all([read.packOffers(), read.pendingPurchases(), read.autoTopUp()]);
  const canBuy = can(ctx.role, "buy");
  const credits = (m: bigint) => formatMoney({ amount: m, asset: "CREDIT" }, { locale });
  const date = (d: Date) => formatDate(d, locale);
  const plan = wallet.buckets.filter((b) => b.bucket === "plan_credits");
  const lots = wallet.buckets.filter((b) => b.bucket === "purchased_credits");
  return (
    <PortalProviders accountId={ctx.customerId}>
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Card title={t("whatYouHave")}>
          <p className="tabular text-3xl font-semibold" data-testid="usable-credits">
            {credits(wallet.usable?.available ?? 0n)}
          </p>
          <ul className="mt-2 space-y-1 text-sm text-slate-600">
            {plan.map((b) => (
              <li key={b.accountId}>
                {b.expiresAt ? t("planLineReset", { amount: credits(b.available), date: date(b.expiresAt) }) : t("planLine", { amount: credits(b.available) })}
              </li>
            ))}
            {lots.map((b) => (
              <li key={b.accountId}>
                {b.expiresAt ? t("purchasedLineExpires", { amount: credits(b.available), date: date(b.expiresAt) }) : t("purchasedLine", { amount: credits(b.available) })}
              </li>
            ))}
          </ul>
        </Card>
        {returned && <PaymentOutcome payment={returned} />}
        <PendingPurchases payments={pending.filter((p) => p.id !== returned?.id)} customerId={ctx.customerId} />
        <section aria-labelledby="packs-heading" className="space-y-3">
          <h2 id="packs-heading" className="text-lg font-semibold">
            {t("packsHeading")}
          </h2>
          <p className="text-sm text-slate-600">{t("packsIntro")}</p>
          <PackPicker
            packs={offers}
            formKey={randomToken(16)}
            customerId={ctx.customerId}
            canBuy={canBuy}
            deniedMessage={canBuy ? null : tp("denied", { role: tc(`roleWord.${ctx.role}`), account: ctx.customerName })}
            stripeKey={stripePublishableKey()}
          />
        </section>
        {autoTopUp && <AutoTopUpSection view={autoTopUp} packs={offers.map((o) => ({ code: o.code, label: t("packChoice", { credits: o.creditsText, total: o.totalText }) }))} canEdit={canBuy} unitLabel={t("unit")} currency={currency} locale={locale} />}
      </div>
    </PortalProviders>
  );
}
