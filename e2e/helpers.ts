import { expect, type Page } from "@playwright/test";

/** Sign in the way a customer does: ask for a link, open it from the (dev) outbox. */
export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto("/dev/outbox");
  // The newest sign-in link to this address (alert and invitation emails go to the same outbox).
  const message = page
    .getByTestId("outbox-message")
    .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
    .filter({ hasText: "Your Portico sign-in link" })
    .first();
  await message.getByRole("link", { name: "Open link" }).click();
  await expect(page).toHaveURL(/\/$/);
}
