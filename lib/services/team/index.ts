// lib/services/team: what the rest of the app uses of this domain. Pages, actions, routes and
// scripts import from here; files inside lib/services import each other directly (no circles).
//
//   team.ts — The people of a customer account (DESIGN §1): owners invite by email with a role, change roles and remove …
export * from "./team";
