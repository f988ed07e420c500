// The sign-in link opens the address the customer asked from when it is one of the portal's own
// (here: localhost, a loopback name for the configured 127.0.0.1), so they land signed in where
// they started; an address that is not the portal's (a forged Host) gets the configured address
// and a plain note — never a link to a host the client named.
import { expect, test } from "@playwright/test";

async function askForLink(page: import("@playwright/test").Page, origin: string, email: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

async function newestLink(page: import("@playwright/test").Page, origin: string, email: string) {
  await page.goto(`${origin}/dev/outbox`);
  const message = page.getByTestId("outbox-message").filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) }).filter({ hasText: "Your Portico sign-in link" }).first();
  // the sign-in link itself (a note may name other addresses, each a link of its own)
  const link = message.locator('a[href*="/api/auth/callback/email"]');
  await expect(link).toHaveCount(1);
  return { message, href: (await link.getAttribute("href"))! };
}

test("asked from another of the portal's addresses, the link opens that address and signs in there", async ({ page, baseURL }) => {
  const alias = baseURL!.replace("127.0.0.1", "localhost");
  await askForLink(page, alias, "maya@pixel.example");
  await expect(page.getByTestId("link-host-note")).toHaveCount(0);
  const { href } = await newestLink(page, alias, "maya@pixel.example");
  expect(new URL(href).origin).toBe(alias);
  expect(new URL(href).searchParams.get("callbackUrl")).toBe(`${alias}/`);
  await page.goto(href);
  await expect(page).toHaveURL(`${alias}/`);
  await expect(page.getByTestId("account-name")).toHaveText("Pixel & Co Studio");
});

test("a host that is not the portal's gets the configured address, and the pages and email say so", async ({ page, baseURL }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-host": "billing.attacker.example" });
  await askForLink(page, baseURL!, "noah@nimbus.example");
  await expect(page.getByTestId("link-host-note")).toContainText(`The link opens ${baseURL}, this portal's address, not http://billing.attacker.example where you are now.`);
  await page.setExtraHTTPHeaders({});
  const { message, href } = await newestLink(page, baseURL!, "noah@nimbus.example");
  expect(new URL(href).origin).toBe(baseURL);
  await expect(message).toContainText(`You asked for this link at http://billing.attacker.example, but it opens ${baseURL}, this portal's address.`);
});
