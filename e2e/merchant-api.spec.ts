// The merchant API over real HTTP against the production server on PostgreSQL: portal links in
// Chromium (used once, expired, forged), usage sent through the API showing in the portal to the
// cent, the API page and the OpenAPI document — with the server's ledger checked independently.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { formatMoney } from "../lib/billing/money";
import { ledgerCheck, sql } from "./db";

const SECRET = `sk_test_${randomBytes(16).toString("hex")}`;
const auth = { Authorization: `Bearer ${SECRET}` };

test.beforeAll(async () => {
  await sql(`INSERT INTO api_keys (id, merchant_id, name, prefix, hash) VALUES ($1, 'mer_demo', 'e2e', $2, $3) ON CONFLICT (hash) DO NOTHING`, [
    `key_e2e_${randomBytes(4).toString("hex")}`,
    SECRET.slice(0, 12),
    createHash("sha256").update(SECRET).digest("hex"),
  ]);
});

async function portalLink(request: APIRequestContext, customer: string, returnUrl?: string): Promise<string> {
  const res = await request.post("/api/v1/portal_sessions", { headers: auth, data: { customer, ...(returnUrl ? { return_url: returnUrl } : {}) } });
  expect(res.status()).toBe(201);
  return (await res.json()).url;
}

test("a portal link signs the customer's owner in once; used, expired and forged links say so", async ({ page, request, browser }) => {
  const url = await portalLink(request, "ext:acme", "https://app.acme.example/settings/billing");
  expect(new URL(url).pathname).toMatch(/^\/portal-session\/[0-9a-z]{40,}$/);
  await page.goto(url);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("account-name")).toHaveText("Acme Robotics");
  await expect(page.getByTestId("plan-name")).toHaveText("API Pro");
  const back = page.getByRole("link", { name: "← Back to Portico Demo" });
  await expect(back).toHaveAttribute("href", "https://app.acme.example/settings/billing");
  await page.screenshot({ path: "test-results/screenshots/portal-link-overview.png", fullPage: true });

  // the same link in another browser: already used
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(url);
  await expect(second.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  await expect(second.getByRole("link", { name: "Back to Portico Demo" })).toHaveAttribute("href", "https://app.acme.example/settings/billing");
  await expect(second.getByRole("link", { name: "Sign in with your email" })).toBeVisible();
  await second.screenshot({ path: "test-results/screenshots/portal-link-used.png" });

  // a link older than 10 minutes
  const stale = await portalLink(request, "ext:pixel");
  const token = new URL(stale).pathname.split("/").pop()!;
  await sql(`UPDATE portal_sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [createHash("sha256").update(token).digest("hex")]);
  await second.goto(stale);
  await expect(second.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(second.getByText("valid for 10 minutes")).toBeVisible();

  // a made-up one
  await second.goto("/portal-session/thisisnotarealtoken0000000000000000000000");
  await expect(second.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
  // and none of them signed anyone in
  await second.goto("/");
  await expect(second).toHaveURL(/\/login/);
  await other.close();
});

test("usage sent through the API shows in the portal to the cent, and the ledger stays clean", async ({ page, request }) => {
  await page.goto(await portalLink(request, "ext:nimbus"));
  await expect(page.getByTestId("account-name")).toHaveText("Nimbus Cloud Labs");
  const balance = async () =>
    BigInt((await sql<{ available: string }>(`SELECT posted_credits - posted_debits - pending_debits AS available FROM ledger_accounts WHERE id = 'cus_demo_nimbus:balance'`))[0]!.available);
  const before = await balance();
  await expect(page.getByTestId("balance-balance")).toHaveText(formatMoney({ amount: before, asset: "USD" }));

  const events = Array.from({ length: 5 }, (_, i) => ({ id: `e2e-${Date.now()}-${i}`, customer: "ext:nimbus", action: "gb_hour", quantity: 250 + i }));
  const res = await request.post("/api/v1/usage", { headers: { ...auth, "Idempotency-Key": `e2e-usage-${Date.now()}` }, data: { events } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.accepted).toBe(5);
  const cost = body.results.reduce((s: bigint, r: { cost: { amount: string } }) => s + BigInt(r.cost.amount), 0n);
  expect(cost).toBe(BigInt(5 * 250 + 10) * 2_000n); // $0.002 per GB-hour
  expect(await balance()).toBe(before - cost);

  await page.reload();
  await expect(page.getByTestId("balance-balance")).toHaveText(formatMoney({ amount: before - cost, asset: "USD" }));
  const check = ledgerCheck();
  expect(check.output).toContain("Ledger clean");
  expect(check.code).toBe(0);
});

test("the API page and the OpenAPI document describe every endpoint; unknown paths get the API's 404", async ({ page, request }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Merchant API", level: 1 })).toBeVisible();
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${p}`));
  expect(operations.length).toBeGreaterThanOrEqual(12);
  await expect(page.getByTestId("api-endpoint")).toHaveCount(operations.length);
  for (const op of operations) await expect(page.getByRole("heading", { name: op, exact: true })).toBeVisible();
  await expect(page.locator("#error-idempotency_key_reused")).toContainText("different request");
  await page.screenshot({ path: "test-results/screenshots/api-docs.png" });

  const unknown = await request.get("/api/v1/nope", { headers: auth });
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe("resource_missing");
  const noKey = await request.get("/api/v1/plans");
  expect(noKey.status()).toBe(401);
  expect((await noKey.json()).error).toMatchObject({ type: "authentication_error", code: "missing_api_key" });
});
