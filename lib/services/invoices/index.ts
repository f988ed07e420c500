// lib/services/invoices: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   adjustments.ts — Adjustments by the merchant (DESIGN §4: manual transfers carry an actor and a reason), through `POST …
//   invoice-pdf.ts — The PDF of an invoice, drawn with pdf-lib (standard Helvetica, so no font files to ship) from the same …
//   invoice-view.ts — An invoice in words and formatted amounts — one presentation for the invoice page and its PDF, so the two always agree.
//   invoices.ts — Invoices (DESIGN §7): issued with a number from the merchant's sequence, bumped in the same transaction (so a …
export * from "./adjustments";
export * from "./invoice-pdf";
export * from "./invoice-view";
export * from "./invoices";
