// A renewal that fails, as the customer lives it: the billing cycle declined the card, the
// subscription is past due — every portal page says so and links to the open invoice; a viewer
// sees the status only; the owner's "Pay now" with the declining card is refused in words, and
// with a working card (made the default on the Billing page) pays the invoice and restores the
// subscription. Checked against the server's database and ledger.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE_URL } from "../playwright.config";
import { sql } from "./db";
import { signIn } from "./helpers";
import { expectLedgerClean, screenshot } from "./payments-helpers";
import { expectAccessible } from "./portal";

function pastDueCustomer(owner: string, viewer: string): { customerId: string; invoiceId: string; number: string } {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "e2e/support/cycle-fixture.ts", "past-due", owner, viewer], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`cycle fixture failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

test("a past-due customer sees the banner and pays the open invoice with Pay now", async ({ page, browser }) => {
  const tag = randomBytes(4).toString("hex");
  const owner = `owner-${tag}@cycle.example`;
  const viewer = `viewer-${tag}@cycle.example`;
  const c = pastDueCustomer(owner, viewer);
  expect((await sql<{ status: string }>(`SELECT status::text FROM subscriptions WHERE customer_id = $1`, [c.customerId]))[0]!.status).toBe("past_due");

  // a viewer: the banner and the invoice's status, no button
  const viewerContext = await browser.newContext();
  const vp = await viewerContext.newPage();
  await signIn(vp, viewer);
  await expect(vp.getByTestId("past-due-banner")).toContainText("Your subscription payment failed");
  await vp.getByTestId("past-due-pay-link").click();
  await expect(vp.getByTestId("invoice-status")).toHaveText("Open");
  await expect(vp.getByTestId("pay-viewer-note")).toBeVisible();
  await expect(vp.getByTestId("pay-now")).toHaveCount(0);
  await viewerContext.close();

  await signIn(page, owner);
  const banner = page.getByTestId("past-due-banner");
  await expect(banner).toContainText("retried 3 times, 1, 3, 5 days after the first failure");
  await expect(page.getByTestId("past-due-pay-link")).toHaveText(`Pay invoice ${c.number} ($52.92)`);
  // one banner says it: the failed renewal's notification is not shown a second time
  await expect(page.getByText("Subscription payment failed", { exact: true })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "cycle-past-due-banner");
  await page.getByTestId("past-due-pay-link").click();
  await expect(page).toHaveURL(new RegExp(`/invoices/${c.invoiceId}$`));
  await expect(page.getByTestId("invoice-lines")).toContainText("Creator plan, ");
  // the declining card is still the default: refused, in words, nothing paid
  await page.getByTestId("pay-now").click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("purchase-message")).toContainText("Your card was declined");
  await expect(page.getByTestId("invoice-status")).toHaveText("Open");

  // a working card, made the default
  await page.goto("/billing");
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByTestId("add-card-result")).toContainText("•••• 4242");
  await page.getByRole("button", { name: /Make .*4242 the default card/ }).click();
  await expect(page.locator('[data-testid="saved-card"][data-last4="4242"]')).toContainText("Default");

  await page.goto(`/invoices/${c.invoiceId}`);
  await expect(page.getByTestId("pay-now")).toHaveText("Pay $52.92 now");
  await page.getByTestId("pay-now").click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
  await expect(page.getByTestId("past-due-banner")).toHaveCount(0);
  // the outcome stays with the paid invoice (a reload shows it again)
  await page.reload();
  await expect(page.getByTestId("purchase-outcome")).toContainText("Payment succeeded");
  await expect(page.getByTestId("pay-now")).toHaveCount(0);
  await screenshot(page, "cycle-paid-now");

  const sub = await sql<{ status: string; past_due_since: Date | null }>(`SELECT status::text, past_due_since FROM subscriptions WHERE customer_id = $1`, [c.customerId]);
  expect(sub[0]).toMatchObject({ status: "active", past_due_since: null });
  const payments = await sql<{ status: string; amount_cents: string }>(`SELECT status::text, amount_cents::text FROM payments WHERE invoice_id = $1 ORDER BY created_at`, [c.invoiceId]);
  expect(payments.map((p) => [p.status, p.amount_cents])).toEqual([
    ["failed", "5292"],
    ["failed", "5292"],
    ["succeeded", "5292"],
  ]);
  await expectLedgerClean();
});

test("Pay now lists the saved cards: the one chosen pays the invoice and the default stays the default", async ({ page }) => {
  const tag = randomBytes(4).toString("hex");
  const owner = `owner-${tag}@cycle.example`;
  const c = pastDueCustomer(owner, `viewer-${tag}@cycle.example`);
  await signIn(page, owner);
  // a working card, saved but not made the default (the declining one stays the default)
  await page.goto("/billing");
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByTestId("add-card-result")).toContainText("•••• 4242");

  await page.goto(`/invoices/${c.invoiceId}`);
  const choices = page.getByTestId("invoice-cards").locator("label");
  await expect(choices).toHaveCount(2);
  await expect(choices.first()).toContainText("Default");
  await expect(choices.first()).not.toContainText("4242");
  await page.getByRole("radio", { name: /Visa •••• 4242/ }).check();
  await expect(page.getByTestId("pay-card")).toHaveText("Charged to Visa •••• 4242; your default card stays as it is.");
  await screenshot(page, "invoice-pay-choose-card");
  await page.getByTestId("pay-now").click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
  await expect(page.getByTestId("invoice-card")).toHaveText("Visa •••• 4242");

  const cards = await sql<{ last4: string; is_default: boolean }>(`SELECT last4, is_default FROM payment_methods WHERE customer_id = $1 AND detached_at IS NULL ORDER BY created_at`, [c.customerId]);
  expect(cards.find((x) => x.last4 === "4242")?.is_default).toBe(false);
  expect(cards.filter((x) => x.is_default).map((x) => x.last4)).not.toContain("4242");
  const paid = await sql<{ status: string; last4: string }>(
    `SELECT p.status::text, m.last4 FROM payments p JOIN payment_methods m ON m.id = p.payment_method_id WHERE p.invoice_id = $1 ORDER BY p.created_at`,
    [c.invoiceId],
  );
  expect(paid.at(-1)).toEqual({ status: "succeeded", last4: "4242" });
  await expectLedgerClean();
});
