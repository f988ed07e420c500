// lib/services/cycle: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   billing-cycle.ts — The billing cycle (DESIGN §5, §7) as background jobs on the PostgreSQL queue: billing.roll        a period …
//   billing-reconcile.ts — The billing reconciliation report (`npm run billing:reconcile -- --period 2026-11`): for every billing period …
//   plan-change.ts — Starting or changing a customer's plan (POST /api/v1/customers/{id}/subscription; the portal's plan page reuses it).
//   plan-context.ts — What every Plan-page read and change starts from: the subscription, plan and tax rate.
//   plan-page.ts — The portal's Plan page as it reads: the plans in plain words, the account's own terms.
//   plan-portal.ts — The portal's Plan page: the merchant's plans in plain words, a preview of a change (what changes, what it …
//   plan-upgrade.ts — Applying an immediate upgrade once it is paid — or at once when the pro-rated difference is under a cent.
//   renewals.ts — Subscription invoices (DESIGN §7) and how they are collected (DESIGN §5 dunning): invoiceClosedPeriod  — in …
//   subscriptions.ts — Subscriptions and the ledger side of their periods.
//   upcoming-invoice.ts — The upcoming invoice preview for the overview and invoices pages: reads the wallet, the merchant's tax rate, …
export * from "./billing-cycle";
export * from "./billing-reconcile";
export * from "./plan-change";
export * from "./plan-page";
export * from "./plan-portal";
export * from "./renewals";
export * from "./upcoming-invoice";
