// lib/services/portal: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   activity.ts — The customer's ledger, for the activity page, its drill-down and its CSV export.
//   overview.ts — The portal overview's numbers for one customer account, per consumption model, as plain JSON (amounts as …
//   reads.ts — customerReads(ctx): every read a portal page makes, bound to the page's account.
//   portal-sessions.ts — Portal links (POST /api/v1/portal_sessions): a random token in a URL that signs the customer's owner into the …
export * from "./activity";
export * from "./overview";
export * from "./portal-sessions";
export { customerReads } from "./reads";
// Pure helpers the pages format with (no data of their own).
export { INVOICE_STATUSES, type InvoiceStatus } from "../invoices/invoices";
export { presentInvoice } from "../invoices/invoice-view";
