// lib/services/webhooks: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   dispatch.ts — Delivering notifications (DESIGN §5, §8): each one becomes a signed webhook to the merchant's endpoint and an …
//   notifications.ts — Things a customer should know — alerts, payments, invoices — recorded once per dedupe key, shown in the …
//   webhook-endpoints.ts — The merchant's webhook endpoints (DESIGN §8): created, listed and deleted through the API.
export * from "./dispatch";
export * from "./notifications";
export * from "./webhook-endpoints";
