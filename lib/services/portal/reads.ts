import "server-only";
// What a portal page may read, scoped by construction: customerReads(ctx) binds every read model to
// the account the page is drawn for (the portal context), so a page never names a customer id and
// cannot read another account's data by passing the wrong one. Pages and components get their data
// only through here (lint forbids the unbound reads in app/(portal) and components/).
import { pastDueState } from "../cycle/renewals";
import { getPlanPage } from "../cycle/plan-page";
import { getUpcomingInvoice } from "../cycle/upcoming-invoice";
import { getBillingDetails } from "../customers/billing-details";
import { getInvoiceForCustomer, listInvoices } from "../invoices/invoices";
import { getAutoTopUp } from "../payments/auto-top-up";
import { billingSummary, listCards } from "../payments/payment-methods";
import { getPaymentForCustomer, paymentView, type PaymentView } from "../payments/payment-view";
import { challengeFor, fundsOffer, packOffers, pendingPurchases } from "../payments/purchases";
import { payableCards } from "../payments/purchase-pricing";
import { listMembers } from "../team/team";
import { getAlertSettings } from "../usage/alert-settings";
import { listBanners, recentAlerts } from "../usage/alerts";
import { getUsageReport } from "../usage/usage-report";
import { getWallet } from "../usage/wallet";
import { getTransferDetail, listActivity } from "./activity";
import { getOverview, getOverviewPage } from "./overview";
import { portalReturnLink } from "./portal-sessions";
import { withLocale } from "@/lib/i18n/locale-scope";

/** A payment of this customer as the portal shows it (null when it is not theirs, or not of the invoice asked). */
async function paymentOutcome(customerId: string, paymentId: string, opts: { invoiceId?: string } = {}): Promise<PaymentView | null> {
  if (paymentId.length > 64) return null;
  const p = await getPaymentForCustomer(customerId, paymentId);
  if (!p || (opts.invoiceId !== undefined && p.invoiceId !== opts.invoiceId)) return null;
  return paymentView(p);
}

const READS = {
  banners: listBanners,
  overview: getOverview,
  overviewPage: getOverviewPage,
  upcomingInvoice: getUpcomingInvoice,
  wallet: getWallet,
  autoTopUp: getAutoTopUp,
  packOffers,
  fundsOffer,
  pendingPurchases,
  paymentOutcome,
  payableCards,
  challenge: challengeFor,
  activity: listActivity,
  transfer: getTransferDetail,
  invoices: listInvoices,
  invoice: getInvoiceForCustomer,
  planPage: getPlanPage,
  usageReport: getUsageReport,
  members: listMembers,
  alertSettings: getAlertSettings,
  recentAlerts,
  billingDetails: getBillingDetails,
  billingSummary,
  cards: listCards,
  pastDue: pastDueState,
  returnLink: (customerId: string, portalSessionId: string) => portalReturnLink(portalSessionId, customerId),
};

type Bound<F> = F extends (customerId: string, ...rest: infer A) => infer R ? (...rest: A) => R : never;
type CustomerReads = { [K in keyof typeof READS]: Bound<(typeof READS)[K]> };

/** Every read of the portal, for the account the page is drawn for. */
export function customerReads(ctx: { customerId: string; locale?: string }): CustomerReads {
  const bound = Object.entries(READS).map(([name, read]) => [
    name,
    (...rest: unknown[]) => withLocale(ctx.locale, () => (read as (id: string, ...r: unknown[]) => unknown)(ctx.customerId, ...rest)),
  ]);
  return Object.fromEntries(bound) as CustomerReads;
}
