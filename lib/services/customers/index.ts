// lib/services/customers: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   api-keys.ts — Merchant API secret keys (DESIGN §8, §10): shown once at creation, stored only as a SHA-256 hash with a short …
//   billing-details.ts — Billing details of a customer (Settings → Billing details, `PATCH /api/v1/customers/{id}`) and the seller's …
//   customer-directory.ts — Finding a merchant's customers: by reference ("cus_…" or "ext:<external_id>"), always scoped to the merchant …
//   customers.ts — Customers of a merchant: created with their owner user and, when a plan is named, their subscription, wallet …
//   preferences.ts — The customer's own language (Settings → Language), or automatic (the browser's).
//   time-zone.ts — The account's own time zone (Settings → Time zone), or automatic (the browser's).
//   merchant-records.ts — What a merchant reads back through the API: its invoices, payments and events (the notifications its webhooks …
export * from "./api-keys";
export * from "./billing-details";
export * from "./customer-directory";
export * from "./customers";
export * from "./merchant-records";
export * from "./preferences";
export * from "./time-zone";
