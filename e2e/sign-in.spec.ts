import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a customer signs in through the outbox link and sees their balances", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  await expect(page.getByTestId("account-name")).toHaveText("Pixel & Co Studio");
  await expect(page.getByTestId("plan-name")).toHaveText("Creator");
  await expect(page.getByTestId("plan-status")).toHaveText("Active");
  await expect(page.getByTestId("renewal-date")).toContainText(/\d{4}/);
  // plan credits from the ledger, formatted with Intl ("712.5 credits", "713 credits"…)
  await expect(page.getByTestId("balance-plan_credits")).toHaveText(/^[\d,.]+ credits?$/);
  await page.screenshot({ path: "test-results/screenshots/overview-credits.png", fullPage: true });
});

test("a link works once: a second use is refused with a clear message", async ({ page, context }) => {
  await page.goto("/login");
  await page.getByLabel("Work email").fill("noah@nimbus.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto("/dev/outbox");
  const href = await page.getByTestId("outbox-message").first().getByRole("link", { name: "Open link" }).getAttribute("href");
  expect(href).toBeTruthy();
  const url = href!.replace(/^https?:\/\/[^/]+/, "");
  await page.goto(url);
  await expect(page.getByTestId("plan-name")).toHaveText("Platform");
  await expect(page.getByTestId("balance-balance")).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await context.clearCookies();
  await page.goto(url);
  await expect(page.getByText("That sign-in link has expired or was already used")).toBeVisible();
});

test("an address without an account gets the same answer and no link", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Work email").fill("stranger@example.com");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto("/dev/outbox");
  await expect(page.getByTestId("outbox-to").getByText("stranger@example.com")).toHaveCount(0);
});

test("the portal needs a session", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
