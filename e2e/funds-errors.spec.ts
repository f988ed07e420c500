// Add funds with a wrong amount: a clear message at the field, no charge, no payment.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { newCustomer, paymentsOf } from "./payments-helpers";

test("an empty, negative or huge amount is refused with a clear message and charges nothing", async ({ page }) => {
  const c = newCustomer("platform", { card: true });
  await signIn(page, c.email);
  await page.goto("/funds");
  const amount = page.getByLabel("Amount (USD)");
  const error = page.getByTestId("purchase-error");
  for (const [typed, words] of [
    ["", "Enter an amount."],
    ["-5", "The amount must be positive."],
    ["1e9", "Enter an amount from $10.00 to $5,000.00."],
    ["ten dollars", "Enter an amount like 25 or 25.50."],
  ] as const) {
    await amount.fill(typed);
    await page.getByRole("button", { name: "Review" }).click();
    await expect(error).toHaveText(new RegExp(words.replace(/[.$]/g, "\\$&")));
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("quote-total")).toHaveCount(0);
  }
  // a good amount clears the error and reaches the review
  await amount.fill("25");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByTestId("quote-total")).toHaveText("$27.00");
  await expect(amount).not.toHaveAttribute("aria-invalid", "true");
  expect(await paymentsOf(c.customerId)).toEqual([]);
});
