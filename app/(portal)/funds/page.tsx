import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { rulesFor } from "@/lib/billing/models";
import { AutoTopUpSection } from "@/components/portal/payments/auto-top-up-section";
import { FundsForm } from "@/components/portal/payments/funds-form";
import { PaymentOutcome } from "@/components/portal/payments/payment-outcome";
import { PendingPurchases } from "@/components/portal/payments/pending-purchases";
import { PortalProviders } from "@/components/portal/providers";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { formatTaxRate } from "@/lib/billing/invoice-math";
import { currencySymbol, formatMoney } from "@/lib/billing/money";
import { assetOrThrow } from "@/lib/ledger/assets";
import { randomToken } from "@/lib/ids";
import { stripePublishableKey } from "@/lib/payments";
import { customerReads } from "@/lib/services/portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funds"))("title") };
}
export const dynamic = "force-dynamic";

export default async function FundsPage({ searchParams }: { searchParams: Promise<{ payment?: string }> }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const wallet = await read.wallet();
  const offer = await read.fundsOffer();
  const topUp = wallet?.plan ? rulesFor(wallet.plan).topUp : null;
  const t = await getTranslations("funds");
  if (!wallet?.plan || topUp?.kind !== "funds" || !offer) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p>
          {t("notBalancePlan")} {topUp?.kind === "pack" ? <Link className="underline" href={topUp.href}>{t("buyCreditsInstead")}</Link> : null}
        </p>
      </div>
    );
  }
  const { locale, currency } = wallet.customer;
  const { payment: returnedId } = await searchParams;
  const returned = returnedId ? await read.paymentOutcome(returnedId) : null;
  const [pending, autoTopUp] = await Promise.all([read.pendingPurchases(), read.autoTopUp()]);
  const canBuy = can(ctx.role, "buy");
  const [tp, tc] = await Promise.all([getTranslations("purchase"), getTranslations("common")]);
  return (
    <PortalProviders accountId={ctx.customerId}>
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Card title={t("yourBalance")}>
          <p className="tabular text-3xl font-semibold" data-testid="usable-balance">
            {formatMoney({ amount: wallet.usable?.available ?? 0n, asset: wallet.usable?.asset ?? currency }, { locale })}
          </p>
          <p className="mt-1 text-sm text-slate-600">{t("balanceHelp")}</p>
        </Card>
        {returned && <PaymentOutcome payment={returned} />}
        <PendingPurchases payments={pending.filter((p) => p.id !== returned?.id)} customerId={ctx.customerId} />
        <section aria-labelledby="funds-heading" className="space-y-3">
          <h2 id="funds-heading" className="text-lg font-semibold">
            {t("addHeading")}
          </h2>
          <FundsForm
            formKey={randomToken(16)}
            customerId={ctx.customerId}
            canBuy={canBuy}
            deniedMessage={canBuy ? null : tp("denied", { role: tc(`roleWord.${ctx.role}`), account: ctx.customerName })}
            minText={offer.minText}
            maxText={offer.maxText}
            taxRateText={formatTaxRate(offer.taxRateBps, locale)}
            currency={currency}
            symbol={currencySymbol(currency, locale)}
            suggestions={assetOrThrow(currency).minorDigits === 0 ? ["1000", "5000", "10000"] : ["25", "100", "500"]}
            stripeKey={stripePublishableKey()}
          />
        </section>
        {autoTopUp && <AutoTopUpSection view={autoTopUp} packs={[]} canEdit={canBuy} unitLabel={currency} currency={currency} locale={locale} />}
      </div>
    </PortalProviders>
  );
}
