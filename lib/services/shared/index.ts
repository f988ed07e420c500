// lib/services/shared: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   errors.ts — Expected failures of use cases, with a stable code the API and the pages map to messages.
//   rate-limits.ts — Rate limits shared by every app instance (DESIGN §11: stateless instances, one PostgreSQL): a fixed window …
export * from "./errors";
export * from "./rate-limits";
