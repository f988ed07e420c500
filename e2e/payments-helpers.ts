// Helpers of the payments end-to-end tests: fresh customers (so counts are exact), usage, SQL
// checks of what the server did, and the steps a customer takes in the portal.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { E2E_DATABASE_URL } from "../playwright.config";
import { ledgerCheck, sql } from "./db";

function fixture(args: string[]) {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "e2e/support/fixture.ts", ...args], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`fixture ${args.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

/** A new customer account on `plan`, whose owner signs in with the returned email. */
export function newCustomer(plan: "creator" | "platform", opts: { card?: boolean; email?: string } = {}): { customerId: string; email: string; name: string } {
  const email = opts.email ?? `owner-${randomBytes(4).toString("hex")}@e2e.example`;
  return fixture(["customer", plan, email, ...(opts.card ? ["--card"] : [])]);
}

/** Makes `email` a member of the account too (it appears in their account switcher). */
export function addMemberTo(customerId: string, email: string, role: "owner" | "billing" | "viewer") {
  return fixture(["member", customerId, email, role]);
}

export function recordUsageNow(customerId: string, action: string, quantity: number) {
  return fixture(["usage", customerId, action, String(quantity)]);
}

export async function paymentsOf(customerId: string) {
  return sql<{ id: string; status: string; amount_cents: string; failure_code: string | null; credited_at: Date | null; invoice_id: string | null }>(
    `SELECT id, status, amount_cents::text, failure_code, credited_at, invoice_id FROM payments WHERE customer_id = $1 ORDER BY created_at`,
    [customerId],
  );
}

/** Ledger transfers that credited a purchase to this customer's wallet. */
export async function creditsOf(customerId: string) {
  return sql<{ id: string; amount: string; kind: string }>(`SELECT id, amount::text, kind::text FROM ledger_transfers WHERE customer_id = $1 AND id LIKE 'credit:%'`, [customerId]);
}

export async function expectLedgerClean() {
  const check = ledgerCheck();
  expect(check.output).toContain("Ledger clean");
  expect(check.code).toBe(0);
}

/** On /billing: save a sandbox test card (it becomes the default when it is the first). */
export async function addCard(page: Page, number: string) {
  await page.goto("/billing");
  await page.getByLabel("Card number").fill(number);
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByTestId("add-card-result")).toContainText(`•••• ${number.slice(-4)}`);
}

/** On /credits: choose a pack, check the server's quote, confirm. */
export async function buyPack(page: Page, credits: "500 credits" | "2,000 credits", total: string) {
  await page.goto("/credits");
  await page.getByRole("button", { name: `Buy ${credits}` }).click();
  await expect(page.getByTestId("quote-total")).toHaveText(total);
  await page.getByRole("button", { name: `Pay ${total}` }).click();
}

/** On /funds: enter an amount, check the server's quote, confirm. */
export async function addFunds(page: Page, amount: string, total: string) {
  await page.goto("/funds");
  await page.getByLabel("Amount (USD)").fill(amount);
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByTestId("quote-total")).toHaveText(total);
  await page.getByRole("button", { name: `Pay ${total}` }).click();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
