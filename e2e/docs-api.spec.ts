// The API page for people: rendered Markdown, a sidebar of endpoints, copy buttons, examples with this
// server's address, optional fields marked, one example per webhook event, and it fits a phone.
import { expect, test } from "@playwright/test";

const EVENT_TYPES = ["balance.low", "usage.threshold", "top_up.succeeded", "payment.failed", "invoice.issued", "subscription.updated", "auto_top_up.failed"];

test("the API page renders its Markdown, links endpoints, copies examples with this server's address, and shows every webhook event", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Merchant API", level: 1 })).toBeVisible();

  // No raw backticks in prose (code blocks aside).
  const prose = await page.evaluate(() => {
    const clone = document.querySelector("main, body")!.cloneNode(true) as HTMLElement;
    clone.querySelectorAll("pre, script, style").forEach((n) => n.remove());
    return clone.textContent ?? "";
  });
  expect(prose).not.toContain("`");
  await expect(page.locator("#listCustomers code", { hasText: "next_cursor" }).first()).toBeVisible();

  // The sidebar jumps to each endpoint.
  const sidebar = page.getByTestId("endpoints-sidebar");
  await expect(sidebar).toBeVisible();
  const link = sidebar.getByRole("link", { name: "POST /usage", exact: true });
  const target = (await link.getAttribute("href"))!;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect(page.locator(target)).toBeInViewport();

  // Curl examples use this server's own address; the copy button copies the exact example.
  const article = page.locator(target);
  const curl = article.getByTestId("code").first();
  await expect(curl).toContainText(`curl -X POST ${baseURL}/api/v1/usage`);
  await article.getByRole("button", { name: "Copy request" }).click();
  await expect(article.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await curl.textContent());
  expect(copied).toContain(`${baseURL}/api/v1/usage`);

  // Optional response fields say so.
  await expect(page.getByTestId("optional").first()).toBeVisible();
  await expect(page.locator("tr", { has: page.getByTestId("optional") }).first()).toContainText("optional");

  // One example payload per webhook event the product sends.
  await expect(page.getByTestId("webhook-event")).toHaveCount(EVENT_TYPES.length);
  for (const t of EVENT_TYPES) {
    const block = page.locator(`[id="event-${t}"]`);
    await expect(block.getByRole("heading", { name: t })).toBeVisible();
    const payload = JSON.parse((await block.getByTestId("code").textContent())!);
    expect(payload).toMatchObject({ type: t, id: expect.stringMatching(/^evt_/), data: { customer: { id: expect.any(String) } } });
  }
  await page.screenshot({ path: "test-results/screenshots/docs-api-1280.png" });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
});

test("the API page fits a 375 px phone: the endpoint list folds, code scrolls inside itself", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Merchant API", level: 1 })).toBeVisible();
  await expect(page.getByTestId("endpoints-sidebar")).toBeHidden();
  const menu = page.getByTestId("endpoints-menu");
  await menu.locator("summary").click();
  await page.screenshot({ path: "test-results/screenshots/docs-api-375.png" });
  const link = menu.getByRole("link", { name: "GET /plans", exact: true });
  await link.click();
  await expect(page.locator((await link.getAttribute("href"))!)).toBeInViewport();
  await page.screenshot({ path: "test-results/screenshots/docs-api-375-plans.png" });
  await page.goto("/docs/api");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
