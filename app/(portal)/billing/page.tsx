import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountScope } from "@/components/portal/account-scope";
import Link from "next/link";
import { CardList } from "@/components/portal/payments/card-list";
import { SandboxCardForm } from "@/components/portal/payments/sandbox-card-form";
import { StripeCardForm } from "@/components/portal/payments/stripe-card-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { requirePortalContext } from "@/lib/auth/session";
import { activeProvider, stripePublishableKey } from "@/lib/payments";
import { customerReads } from "@/lib/services/portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("title") };
}

export const dynamic = "force-dynamic";

export default async function BillingPage() {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const [summary, cards] = await Promise.all([read.billingSummary(), read.cards()]);
  const canManage = can(ctx.role, "manage_billing");
  const provider = activeProvider();
  const publishableKey = stripePublishableKey();
  const brand = (b: string) => b.charAt(0).toUpperCase() + b.slice(1);
  const [t, tc] = await Promise.all([getTranslations("billing"), getTranslations("common")]);
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Card title={t("planAndPayment")}>
          {summary.plan ? (
            <p data-testid="billing-summary">
              {t.rich(summary.plan.cancelAtPeriodEnd ? "summaryEnds" : "summaryRenews", {
                plan: summary.plan.name,
                price: summary.plan.priceText,
                date: summary.plan.renewsText,
                strong,
                link: (chunks) => (
                  <Link className="underline" href="/plan">
                    {chunks}
                  </Link>
                ),
              })}{" "}
              {summary.card ? t.rich("chargedTo", { card: `${brand(summary.card.brand)} •••• ${summary.card.last4}`, strong }) : t("noCard")}
            </p>
          ) : (
            <p>{t("noPlan")}</p>
          )}
        </Card>
        <section aria-labelledby="cards-heading" className="space-y-3">
          <h2 id="cards-heading" className="text-lg font-semibold">
            {t("paymentMethods")}
          </h2>
          <CardList cards={cards} canManage={canManage} />
          {!canManage && <p className="text-sm text-slate-600">{t("roleCannotChange", { role: tc(`roleWord.${ctx.role}`) })}</p>}
        </section>
        {canManage && (
          <section aria-labelledby="add-heading" className="space-y-3">
            <h2 id="add-heading" className="text-lg font-semibold">
              {t("addCard")}
            </h2>
            <Card>
              {provider === "sandbox" ? (
                <SandboxCardForm />
              ) : publishableKey ? (
                <StripeCardForm publishableKey={publishableKey} />
              ) : (
                <p className="text-sm text-slate-600">{t("setStripeKey")}</p>
              )}
            </Card>
          </section>
        )}
      </div>
    </AccountScope>
  );
}
