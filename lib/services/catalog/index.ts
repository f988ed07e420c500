// lib/services/catalog: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   brand.ts — Whose portal a page belongs to before anyone signs in (the sign-in pages), and whose name an email goes out under.
//   catalog.ts — The merchant's catalogue: assets, the merchant's own ledger accounts, plans with their action tables and packs.
//   catalog-apply.ts — `npm run catalog:apply`: the catalogue in the database next to the one in the config, the difference in words …
//   seed.ts — The demo: one merchant with DESIGN §2's three plans, one customer per consumption model, users for every …
//   setup.ts — Getting a database ready: migrations, then the demo when the database is empty.
export * from "./brand";
export * from "./catalog";
export * from "./catalog-apply";
export * from "./seed";
export * from "./setup";
