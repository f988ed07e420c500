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

export const metadata = { title: "Billing" };
export const dynamic = "force-dynamic";

export default async function BillingPage() {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const [summary, cards] = await Promise.all([read.billingSummary(), read.cards()]);
  const canManage = can(ctx.role, "manage_billing");
  const provider = activeProvider();
  const publishableKey = stripePublishableKey();
  const brand = (b: string) => b.charAt(0).toUpperCase() + b.slice(1);
  return (
    <AccountScope accountId={ctx.customerId}>
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold">Billing</h1>
        <Card title="Plan and payment">
          {summary.plan ? (
            <p data-testid="billing-summary">
              <strong>{summary.plan.name}</strong> · {summary.plan.priceText} · {summary.plan.cancelAtPeriodEnd ? "ends" : "renews"} on {summary.plan.renewsText} (
              <Link className="underline" href="/plan">
                change or cancel
              </Link>
              ).{" "}
              {summary.card ? (
                <>
                  Your plan and purchases are charged to{" "}
                  <strong>
                    {brand(summary.card.brand)} •••• {summary.card.last4}
                  </strong>
                  .
                </>
              ) : (
                <>There is no card on file: add one so the plan can renew.</>
              )}
            </p>
          ) : (
            <p>No plan on this account.</p>
          )}
        </Card>
        <section aria-labelledby="cards-heading" className="space-y-3">
          <h2 id="cards-heading" className="text-lg font-semibold">
            Payment methods
          </h2>
          <CardList cards={cards} canManage={canManage} />
          {!canManage && <p className="text-sm text-slate-600">Your role ({ctx.role}) can see payment methods but not change them.</p>}
        </section>
        {canManage && (
          <section aria-labelledby="add-heading" className="space-y-3">
            <h2 id="add-heading" className="text-lg font-semibold">
              Add a card
            </h2>
            <Card>
              {provider === "sandbox" ? (
                <SandboxCardForm />
              ) : publishableKey ? (
                <StripeCardForm publishableKey={publishableKey} />
              ) : (
                <p className="text-sm text-slate-600">Set STRIPE_PUBLISHABLE_KEY so cards can be added with Stripe&apos;s form.</p>
              )}
            </Card>
          </section>
        )}
      </div>
    </AccountScope>
  );
}
