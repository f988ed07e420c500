// The merchant's brand where the customer looks: its name and logo in the header and on the sign-in
// page, its colour on every button and link, its name in each page title and on its emails, its
// logo as the favicon — and Portico's own colour when the merchant's is too light to read.
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";

const LOGO = "data:image/svg+xml," + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0f766e"/></svg>');

async function setBrand(color: string | null, logo: string | null) {
  await sql(`UPDATE merchants SET brand_color = $1, logo_url = $2 WHERE id = 'mer_demo'`, [color, logo]);
}

/** The colour a primary button is painted in, as the browser computed it. */
async function primaryColour(page: Page, name: string | RegExp) {
  return page.getByRole("button", { name }).first().evaluate((el) => getComputedStyle(el).backgroundColor);
}

test.afterAll(async () => setBrand(null, null));

test("the sign-in page, header, buttons, titles, favicon and emails carry the merchant's brand", async ({ page }) => {
  await setBrand("#0f766e", LOGO);
  await page.goto("/login");
  await expect(page.getByTestId("merchant-name")).toHaveText("Portico Demo");
  await expect(page.getByTestId("merchant-logo")).toHaveAttribute("src", LOGO);
  expect(await primaryColour(page, "Email me a sign-in link")).toBe("rgb(15, 118, 110)");
  await expect(page).toHaveTitle(/Portico Demo billing/);

  await signIn(page, "maya@pixel.example");
  await expect(page.getByTestId("merchant-name")).toHaveText("Portico Demo");
  await expect(page.getByTestId("account-name")).toHaveText("Pixel & Co Studio");
  await expect(page).toHaveTitle("Overview · Portico Demo billing");
  expect(await page.locator('head link[rel="icon"]').first().getAttribute("href")).toBe(LOGO);
  await page.goto("/credits");
  await expect(page).toHaveTitle(/ · Portico Demo billing$/);
  const tint = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--color-brand-600").trim());
  expect(tint).toBe("#0f766e");

  // the sign-in email went out under the merchant's name
  await page.goto("/dev/outbox");
  const mail = page.getByTestId("outbox-message").filter({ hasText: "Your Portico sign-in link" }).first();
  await expect(mail.getByTestId("outbox-from")).toHaveText('"Portico Demo" <billing@portico.local>');
  await expect(mail).toContainText("Sign in to the Portico Demo billing portal");
});

test("a colour too light for white text falls back to Portico's own", async ({ page }) => {
  await setBrand("#fde047", null);
  await page.goto("/login");
  await expect(page.getByTestId("merchant-name")).toHaveText("Portico Demo");
  await expect(page.getByTestId("brand-style")).toHaveCount(0);
  expect(await primaryColour(page, "Email me a sign-in link")).toBe("rgb(79, 70, 229)");
  await signIn(page, "maya@pixel.example");
  expect(await page.locator('head link[rel="icon"]').first().getAttribute("href")).toMatch(/^\/icon\.svg/);
});
