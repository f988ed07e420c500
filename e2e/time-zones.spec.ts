// Times of day in the reader's time zone: the browser's (sent in the portico_tz cookie) until the
// account chooses one in Settings → Time zone, and the browser's again after Automatic. The
// activity page says which zone its times are in, and each time is that moment in that zone.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { newCustomer } from "./payments-helpers";
import { expectAccessible } from "./portal";

test.use({ timezoneId: "Asia/Tokyo" });

/** The first activity row's time is its moment written in `zone` (en-US, as the page writes it). */
async function expectActivityIn(page: Page, zone: string) {
  await page.goto("/activity");
  await expect(page.getByText(`Times are in ${zone.replaceAll("_", " ")}.`)).toBeVisible();
  const time = page.locator("table time").first();
  const iso = (await time.getAttribute("datetime"))!;
  const expected = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(iso));
  await expect(time).toHaveText(expected);
}

test("times follow the browser's zone, then the one chosen in Settings, then the browser's again", async ({ page }) => {
  const c = newCustomer("creator");
  await signIn(page, c.email);
  await expectActivityIn(page, "Asia/Tokyo");

  await page.goto("/settings");
  await expect(page.getByText("Times of day are shown in Asia/Tokyo.")).toBeVisible();
  await page.getByLabel("Time zone").selectOption({ value: "America/New_York" });
  await page.getByTestId("save-time-zone").click();
  await expect(page.getByText("Times of day are shown in America/New York.")).toBeVisible();
  await expectAccessible(page);
  await expectActivityIn(page, "America/New_York");

  await page.goto("/settings");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
  await page.getByLabel("Time zone").selectOption({ value: "" });
  await page.getByTestId("save-time-zone").click();
  await expect(page.getByText("Times of day are shown in Asia/Tokyo.")).toBeVisible();
  await expectActivityIn(page, "Asia/Tokyo");
});
