// One person, two accounts on the same consumption model (Balance), two tabs: the tab still
// showing account A must never charge account B after B was chosen in the other tab.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { addMemberTo, creditsOf, newCustomer, paymentsOf } from "./payments-helpers";

test("a purchase reviewed in one tab is refused after switching account in another, and nothing is charged", async ({ page, context }) => {
  const a = newCustomer("platform", { card: true });
  const b = newCustomer("platform", { card: true });
  addMemberTo(b.customerId, a.email, "owner");

  await signIn(page, a.email);
  await expect(page.getByTestId("account-name")).toHaveText(a.name);

  // Tab A: the add-funds review for account A, quote on screen.
  await page.goto("/funds");
  await page.getByLabel("Amount (USD)").fill("25");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByTestId("quote-total")).toHaveText("$27.00");

  // Tab B: the same person switches to account B (same model, same plan).
  const tabB = await context.newPage();
  await tabB.goto("/");
  await tabB.getByText("Switch account").click();
  await tabB.getByRole("button", { name: `${b.name} (owner)` }).click();
  await expect(tabB.getByTestId("account-name")).toHaveText(b.name);

  // Back in tab A, still showing A: Pay is refused, naming both accounts.
  await page.getByRole("button", { name: "Pay $27.00" }).click();
  const refused = page.getByTestId("purchase-error");
  await expect(refused).toHaveAttribute("data-code", "account_changed");
  await expect(refused).toContainText(`This page is for ${a.name}, but you have since switched to ${b.name}`);
  await expect(refused).toContainText("Nothing was done.");

  // Nothing charged or credited to either account.
  expect(await paymentsOf(a.customerId)).toEqual([]);
  expect(await paymentsOf(b.customerId)).toEqual([]);
  expect(await creditsOf(a.customerId)).toEqual([]);
  expect(await creditsOf(b.customerId)).toEqual([]);

  // After a reload tab A shows B, and paying there charges B only, once.
  await refused.getByRole("button", { name: "Reload the page" }).click();
  await expect(page.getByTestId("account-name")).toHaveText(b.name);
  await page.goto("/funds");
  await page.getByLabel("Amount (USD)").fill("25");
  await page.getByRole("button", { name: "Review" }).click();
  await page.getByRole("button", { name: "Pay $27.00" }).click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  expect((await paymentsOf(b.customerId)).map((p) => [p.status, p.amount_cents])).toEqual([["succeeded", "2700"]]);
  expect(await paymentsOf(a.customerId)).toEqual([]);
});
