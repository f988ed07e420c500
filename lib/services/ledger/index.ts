// lib/services/ledger: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   ledger.ts — The ledger service: loads a view (accounts locked), lets the pure core decide, writes the outcome — inside …
//   ledger-check.ts — Verifies every ledger invariant (DESIGN §4) over the whole database: streams all accounts and every transfer …
export * from "./ledger";
export * from "./ledger-check";
