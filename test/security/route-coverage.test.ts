// Every route of the app is accounted for, from the files themselves: each page, route handler and
// server-action module under app/ must be listed here with how it is guarded and the tests that
// prove it (each test file must exist and mention the route). A new route fails this test until
// someone decides how it is protected and writes the test. Structural checks on top: portal pages
// and handlers read the account from the session (requirePortalContext / getPortalContext /
// authorize), merchant API handlers go through apiRoute (key auth), and every exported server
// action calls a guard before anything else.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

type Guard =
  | "portal" // signed-in member; the account comes from the session
  | "merchant-api" // Bearer secret key; objects scoped to the key's merchant
  | "public" // no data of anyone's (sign-in pages, docs, status)
  | "signed-token" // authenticates itself (portal link token, provider signature)
  | "dev-only"; // the demo's outbox / sandbox dashboard: off in production (PORTICO_ENV) or with SMTP / Stripe

type Entry = { guard: Guard; tests: [file: string, mentions: string][] };

const SEC = "app/(portal)/security.test.ts";
const MONEY = "app/(portal)/security-money.test.ts";
const PAY = "app/(portal)/payments/actions.test.ts";
const API = "lib/api/api.test.ts";
const E2E_SEC = "e2e/security.spec.ts";
const E2E_HTTP = "e2e/security-http.spec.ts";
const E2E_PAY = "e2e/payments-safety.spec.ts";
const ISO = "test/security/merchant-isolation.test.ts";

export const COVERAGE: Record<string, Entry> = {
  // the portal: pages
  "app/(portal)/(overview)/page.tsx": { guard: "portal", tests: [[E2E_SEC, "Switch account"], [SEC, "walletGet"]] },
  "app/(portal)/activity/(list)/page.tsx": { guard: "portal", tests: [[E2E_SEC, "/activity/export?customer=cus_demo_acme"]] },
  "app/(portal)/activity/[id]/page.tsx": { guard: "portal", tests: [[E2E_SEC, "/activity/${encodeURIComponent(t.id)}"]] },
  "app/(portal)/billing/page.tsx": { guard: "portal", tests: [[E2E_PAY, 'viewer.goto("/billing")']] },
  "app/(portal)/credits/page.tsx": { guard: "portal", tests: [[E2E_PAY, 'viewer.goto("/credits")']] },
  "app/(portal)/funds/page.tsx": { guard: "portal", tests: [[MONEY, "funds"]] },
  "app/(portal)/invoices/page.tsx": { guard: "portal", tests: [[E2E_PAY, 'page.goto("/invoices")']] },
  "app/(portal)/invoices/[id]/page.tsx": { guard: "portal", tests: [[E2E_PAY, "b.goto(`/invoices/${invoiceId}`)"]] },
  "app/(portal)/payments/[id]/authenticate/page.tsx": { guard: "portal", tests: [[E2E_HTTP, "/payments/${payId}/authenticate"]] },
  "app/(portal)/settings/page.tsx": { guard: "portal", tests: [[SEC, "saveAlerts"]] },
  "app/(portal)/settings/billing/page.tsx": { guard: "portal", tests: [[SEC, "saveBillingDetails"], ["e2e/billing-details.spec.ts", 'goto("/settings/billing")']] },
  "app/(portal)/settings/team/page.tsx": { guard: "portal", tests: [[SEC, "inviteMember"], [MONEY, "changeMemberRole"]] },
  "app/(portal)/plan/page.tsx": { guard: "portal", tests: [["app/(portal)/plan/actions.test.ts", "viewer"]] },
  "app/(portal)/usage/page.tsx": { guard: "portal", tests: [[E2E_SEC, "/usage?show=period:"], [SEC, "getUsageReport(C.credits, { periodId: B.period })"]] },
  // the portal: route handlers
  "app/(portal)/activity/export/route.ts": { guard: "portal", tests: [[SEC, "csvGet"], [E2E_SEC, "/activity/export"]] },
  "app/(portal)/invoices/[id]/pdf/route.ts": { guard: "portal", tests: [[E2E_PAY, "/invoices/${invoiceId}/pdf"]] },
  "app/api/portal/wallet/route.ts": { guard: "portal", tests: [[SEC, "walletGet"], [E2E_SEC, "/api/portal/wallet?customerId=cus_demo_acme"]] },
  "app/api/v1/authorize/route.ts": { guard: "merchant-api", tests: [[API, "refuses another merchant's customer and holds"]] },
  "app/api/v1/customers/route.ts": { guard: "merchant-api", tests: [[API, "never showing another merchant's"]] },
  "app/api/v1/customers/[id]/route.ts": { guard: "merchant-api", tests: [[API, "answers another merchant's customer with a 404"]] },
  "app/api/v1/customers/[id]/subscription/route.ts": { guard: "merchant-api", tests: [[API, "subscriptionPOST, \"POST\", `/customers/${fx.otherCustomerId}/subscription`"]] },
  "app/api/v1/customers/[id]/wallet/route.ts": { guard: "merchant-api", tests: [[API, "walletGET, \"GET\", `/customers/${fx.otherCustomerId}/wallet`"]] },
  "app/api/v1/holds/[id]/route.ts": { guard: "merchant-api", tests: [[API, "holdGET, \"GET\", `/holds/${id}`, { key: fx.key"]] },
  "app/api/v1/holds/[id]/capture/route.ts": { guard: "merchant-api", tests: [[API, "capturePOST, \"POST\", `/holds/${id}/capture`, { key: fx.key"]] },
  "app/api/v1/holds/[id]/release/route.ts": { guard: "merchant-api", tests: [[API, "releasePOST, \"POST\", `/holds/${id}/release`, { key: fx.key"]] },
  "app/api/v1/plans/route.ts": { guard: "merchant-api", tests: [[API, "shows another merchant only its own plans"]] },
  "app/api/v1/portal_sessions/route.ts": { guard: "merchant-api", tests: [[API, "portalPOST, \"POST\", \"/portal_sessions\", { key: fx.key, body: { customer: fx.otherCustomerId"]] },
  "app/api/v1/usage/route.ts": { guard: "merchant-api", tests: [[API, "u-other-merchant"]] },
  "app/api/v1/customers/[id]/adjustments/route.ts": { guard: "merchant-api", tests: [[ISO, "cannot adjust B's customer"], ["lib/api/cycle-api.test.ts", "adjustPOST"]] },
  "app/api/v1/webhook_endpoints/route.ts": { guard: "merchant-api", tests: [[ISO, "endpointsGET, \"GET\", \"/webhook_endpoints\", { key: fx.key"], ["lib/api/cycle-api.test.ts", "{ key: fx.otherKey }"]] },
  "app/api/v1/webhook_endpoints/[id]/route.ts": { guard: "merchant-api", tests: [[ISO, "cannot list or delete B's webhook endpoint"]] },
  "app/api/v1/invoices/route.ts": { guard: "merchant-api", tests: [["lib/api/records-api.test.ts", "second.body.data.map((i: { id: string }) => i.id)).not.toContain(ids.theirs)"]] },
  "app/api/v1/invoices/[id]/route.ts": { guard: "merchant-api", tests: [["lib/api/records-api.test.ts", "invoiceGET, \"GET\", `/invoices/${ids.theirs}`"]] },
  "app/api/v1/invoices/[id]/pdf/route.ts": { guard: "merchant-api", tests: [["lib/api/records-api.test.ts", "pdfGET, \"GET\", `/invoices/${ids.theirs}/pdf`"]] },
  "app/api/v1/payments/route.ts": { guard: "merchant-api", tests: [["lib/api/records-api.test.ts", "key: fx.otherKey })).body.data.map((p: { id: string }) => p.id)).toEqual([\"pay_rec_b\"])"]] },
  "app/api/v1/events/route.ts": { guard: "merchant-api", tests: [["lib/api/records-api.test.ts", "expect(invoiceIds).not.toContain(ids.theirs)"]] },
  "app/api/v1/webhook_endpoints/[id]/rotate_secret/route.ts": { guard: "merchant-api", tests: [["lib/api/records-api.test.ts", "rotatePOST, \"POST\", `/webhook_endpoints/${id}/rotate_secret`, { key: fx.otherKey"]] },
  "app/api/v1/webhook_endpoints/[id]/test/route.ts": { guard: "merchant-api", tests: [["lib/api/records-api.test.ts", "testPOST, \"POST\", `/webhook_endpoints/${id}/test`, { key: fx.otherKey"]] },
  "app/api/v1/[...path]/route.ts": { guard: "public", tests: [] }, // a 404 in the API error shape, no data
  "app/api/v1/openapi.json/route.ts": { guard: "public", tests: [[API, "openapi"]] },
  // authenticating themselves
  "app/api/auth/[...nextauth]/route.ts": { guard: "signed-token", tests: [["lib/services/shared/rate-limits.pg.test.ts", "signInRateLimited"], [E2E_HTTP, "/api/auth/callback/portal-session"]] },
  "app/api/webhooks/stripe/route.ts": { guard: "signed-token", tests: [["lib/services/payments/stripe-payments.test.ts", "whsec_wrong"]] },
  "app/(auth)/portal-session/[token]/page.tsx": { guard: "signed-token", tests: [[API, "inspectPortalLink(token)"]] },
  // public
  "app/(auth)/login/page.tsx": { guard: "public", tests: [[E2E_HTTP, 'page.goto("/login")']] },
  "app/(auth)/login/check-email/page.tsx": { guard: "public", tests: [[E2E_HTTP, "Check your email"]] },
  "app/(static)/status/page.tsx": { guard: "public", tests: [] },
  "app/docs/api/page.tsx": { guard: "public", tests: [] },
  // the demo's tools
  "app/dev/outbox/page.tsx": { guard: "dev-only", tests: [["lib/email/mailer.test.ts", "outbox"]] },
  "app/dev/outbox/[id]/[file]/route.ts": { guard: "dev-only", tests: [["lib/email/mailer.test.ts", "attachment"]] },
  "app/dev/sandbox/page.tsx": { guard: "dev-only", tests: [] },
  "app/dev/sandbox/actions.ts": { guard: "dev-only", tests: [] },
};

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? walk(rel) : [rel];
  });
}
const read = (rel: string) => fs.readFileSync(path.join(root, rel), "utf8");
const isServerActions = (rel: string) => /\.tsx?$/.test(rel) && !/\.test\.tsx?$/.test(rel) && /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(read(rel));

const routes = walk("app").filter((f) => /\/(page\.tsx|route\.ts)$/.test(f) || isServerActions(f)).sort();
const GUARDS: Record<Guard, RegExp | null> = {
  portal: /requirePortalContext\(|getPortalContext\(|authorize\(/,
  "merchant-api": /apiRoute\(/,
  public: null,
  "signed-token": null,
  "dev-only": /sandboxDashboardEnabled\(|devOutboxEnabled\(|notFound\(/,
};

describe("security coverage of every route", () => {
  it("finds the app's routes (the walk itself works)", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toContain("app/(portal)/billing/page.tsx");
  });

  it.each(routes)("%s is in the coverage map, guarded, and its tests exist", (rel) => {
    const entry = COVERAGE[rel];
    expect(entry, `${rel} is new: decide how it is protected, add its IDOR / role tests and list it in test/security/route-coverage.test.ts`).toBeDefined();
    const guard = GUARDS[entry!.guard];
    if (guard) expect(read(rel), `${rel} should be guarded as ${entry!.guard}`).toMatch(guard);
    for (const [file, mentions] of entry!.tests) {
      expect(fs.existsSync(path.join(root, file)), `${file} (test of ${rel}) exists`).toBe(true);
      expect(read(file), `${file} mentions ${mentions}`).toContain(mentions);
    }
    if (entry!.guard === "portal" || entry!.guard === "merchant-api" || entry!.guard === "signed-token") expect(entry!.tests.length, `${rel} has a test`).toBeGreaterThan(0);
  });

  it("lists no route that is gone", () => {
    expect(Object.keys(COVERAGE).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it("a portal page with an id in its path answers 404 for an id that is not the account's: nothing streams before its check", () => {
    // A loading.tsx (or a <Suspense> around the page) sends 200 and the frame before the page runs,
    // so its notFound() could no longer change the status (DEVELOPERS.md, "Rendering").
    const idPages = routes.filter((f) => f.startsWith("app/(portal)/") && f.endsWith("/page.tsx") && f.includes("["));
    expect(idPages.length).toBeGreaterThanOrEqual(3);
    for (const rel of idPages) {
      const dirs: string[] = [];
      for (let dir = path.dirname(rel); dir !== "app"; dir = path.dirname(dir)) dirs.push(dir);
      const streaming = dirs.filter((d) => fs.existsSync(path.join(root, d, "loading.tsx")));
      expect(streaming, `${rel} must not be under a loading.tsx`).toEqual([]);
      expect(read(rel), `${rel} must not wrap its check in <Suspense>`).not.toMatch(/<Suspense/);
    }
  });

  it("no server action lives under app/ outside the demo's tools: portal actions are in lib/actions", () => {
    expect(routes.filter((f) => isServerActions(f) && !f.startsWith("app/dev/"))).toEqual([]);
  });
});

// The portal's server actions: one per file under lib/actions, each opened by portalAction /
// portalFormAction (session, the page's account, the role, zod), read from their declarations.
const ACTION_TESTS = [SEC, MONEY, PAY, "app/(portal)/plan/actions.test.ts"];
const actionFiles = fs.readdirSync(path.join(root, "lib/actions")).map((f) => `lib/actions/${f}`).filter(isServerActions).sort();
const camel = (file: string) => path.basename(file, ".ts").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
/** Not portalActions: they change which session there is, not an account's data. */
const SESSION_ACTIONS: Record<string, RegExp> = { "lib/actions/switch-account.ts": /getPortalContext\(\)[\s\S]*memberships\.some/, "lib/actions/sign-out.ts": /clearSession\(\)/ };
/** The actions that may charge a card (counted by the card-charge limit), proven in security-money. */
const CHARGES_CARD = ["lib/actions/change-plan.ts", "lib/actions/confirm-purchase.ts", "lib/actions/pay-invoice.ts"];

describe("portal server actions (lib/actions)", () => {
  it("finds them", () => expect(actionFiles.length).toBeGreaterThan(20));

  it.each(actionFiles)("%s: one action named after its file, declared through the builder, and tested", (rel) => {
    const text = read(rel);
    const name = camel(rel);
    const exported = [...text.matchAll(/^export (?:const|async function) (\w+)/gm)].map((m) => m[1]);
    expect(exported, `${rel} exports only ${name}`).toEqual([name]);
    if (SESSION_ACTIONS[rel]) {
      expect(text).toMatch(SESSION_ACTIONS[rel]!);
    } else {
      const decl = new RegExp(`export const ${name} = portal(?:Form)?Action\\(\\{ permission: "(view|buy|manage_billing|manage_alerts|manage_team)"`).exec(text);
      expect(decl, `${rel} opens with portalAction({ permission, input })`).not.toBeNull();
      expect(/chargesCard: true/.test(text), `${rel} chargesCard`).toBe(CHARGES_CARD.includes(rel));
    }
    if (rel !== "lib/actions/switch-account.ts" && rel !== "lib/actions/sign-out.ts") {
      expect(ACTION_TESTS.some((t) => read(t).includes(name)), `${name} is called by a security test`).toBe(true);
    }
  });

  it("the builder refuses before the action runs: session, the page's account, then the role", () => {
    const builder = read("lib/actions/portal-action.ts");
    const guard = builder.slice(builder.indexOf("async function portalGuard"));
    const order = ["getPortalContext()", "pageAccount !== ctx.customerId", "can(ctx.role, permission)"].map((s) => guard.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
