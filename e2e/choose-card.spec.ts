// Choosing the card at checkout: the review lists the saved cards (default first), the chosen one
// is charged, and the default card stays the default.
import { expect, test } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";
import { addCard, newCustomer, screenshot } from "./payments-helpers";

const chargedCards = (customerId: string) =>
  sql<{ status: string; brand: string; last4: string }>(
    `SELECT p.status, m.brand, m.last4 FROM payments p JOIN payment_methods m ON m.id = p.payment_method_id WHERE p.customer_id = $1 ORDER BY p.created_at`,
    [customerId],
  );

test("the purchase review lists the saved cards, charges the one chosen and keeps the default", async ({ page }) => {
  const c = newCustomer("creator", { card: true }); // Visa •••• 4242, the default
  await signIn(page, c.email);
  await addCard(page, "5555555555554444");
  await addCard(page, "4000000000000002");

  await page.goto("/credits");
  await page.getByRole("button", { name: "Buy 500 credits" }).click();
  await expect(page.getByTestId("quote-total")).toHaveText("$27.00");
  const cards = page.getByTestId("purchase-cards").getByRole("radio");
  await expect(cards).toHaveCount(3);
  const labels = page.getByTestId("purchase-cards").locator("label");
  await expect(labels.first()).toContainText("Visa •••• 4242");
  await expect(labels.first()).toContainText("Default");
  await expect(page.getByRole("radio", { name: /Visa •••• 4242/ })).toBeChecked();
  await screenshot(page, "purchase-choose-card");

  // The declining Visa •••• 0002, chosen: it is the one charged (and declined), not the default.
  await page.getByRole("radio", { name: /Visa •••• 0002/ }).check();
  await page.getByRole("button", { name: "Pay $27.00" }).click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("purchase-outcome")).toContainText("Your card was declined.");

  // The Mastercard, chosen: charged, and the credits arrive.
  await page.goto("/credits");
  await page.getByRole("button", { name: "Buy 500 credits" }).click();
  await page.getByRole("radio", { name: /Mastercard •••• 4444/ }).check();
  await page.getByRole("button", { name: "Pay $27.00" }).click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("purchase-card")).toHaveText("Charged to: Mastercard •••• 4444");

  expect(await chargedCards(c.customerId)).toEqual([
    { status: "failed", brand: "visa", last4: "0002" },
    { status: "succeeded", brand: "mastercard", last4: "4444" },
  ]);
  const [def] = await sql<{ last4: string }>(`SELECT last4 FROM payment_methods WHERE customer_id = $1 AND is_default AND detached_at IS NULL`, [c.customerId]);
  expect(def!.last4).toBe("4242");
  await page.goto("/billing");
  await expect(page.locator('[data-testid="saved-card"][data-last4="4242"]')).toContainText("Default");
  await expect(page.locator('[data-testid="saved-card"][data-last4="4444"]')).not.toContainText("Default");
});
