// How the portal reads: bars that show what is left under a headline that
// says what is left, the upcoming invoice dated when it will really be issued, units that agree
// with their counts, one date format on every page, brand names as their owners write them.
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";

const LONG_DATE = /\b(January|February|March|April|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b/;
const SHORT_DATE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}$/;

const utcDay = (d: Date) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(d);
const num = (s: string | null) => Number((s ?? "").replace(/[^\d.]/g, ""));

async function meterShowsLeft(page: Page, name: string, leftTestId: string) {
  const meter = page.getByRole("meter", { name });
  await expect(meter).toHaveAttribute("data-shows", "left");
  const left = num(await page.getByTestId(leftTestId).textContent());
  const of = num(await meter.locator("xpath=preceding-sibling::p[1]").textContent());
  expect(Math.abs(Number(await meter.getAttribute("aria-valuenow")) - (left / of) * 100)).toBeLessThanOrEqual(1);
  expect(await meter.getAttribute("aria-valuetext")).toMatch(/ left of /);
}

test("Metered: the bar is what is left, and the upcoming invoice is dated when it is really issued", async ({ page }) => {
  await signIn(page, "alex@acme.example");
  await meterShowsLeft(page, "Included API calls left", "included-left");
  const [sub] = await sql<{ end: Date; grace: number }>(
    `SELECT s.current_period_end AS end, pl.grace_hours AS grace FROM subscriptions s JOIN plans pl ON pl.id = s.plan_id WHERE s.customer_id = 'cus_demo_acme'`,
  );
  // a Metered period bills its overage in arrears: it is invoiced when it closes, after the grace window
  const issued = new Date(sub!.end.getTime() + sub!.grace * 3_600_000);
  await page.goto("/invoices");
  await expect(page.getByTestId("upcoming-date")).toHaveText(utcDay(issued));
  await expect(page.getByTestId("upcoming-invoice")).toContainText(`It is issued on ${utcDay(issued)}, once usage sent late for this period`);
});

test("Credits: the plan-credit bar is what is left; packs say when they expire; the card is named as its brand writes it", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  await meterShowsLeft(page, "Plan credits left", "balance-plan_credits");
  await page.goto("/credits");
  await expect(page.getByText(/^Expires on (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4} \(12 months\)$/).first()).toBeVisible();
  await page.goto("/billing");
  await expect(page.getByText("Visa •••• 4242").first()).toBeVisible();
  await expect(page.getByText(/\bvisa\b/)).toHaveCount(0);
});

test("every page writes dates one way, and units agree with their counts", async ({ page }) => {
  test.setTimeout(120_000);
  for (const email of ["alex@acme.example", "maya@pixel.example", "noah@nimbus.example"]) {
    await signIn(page, email);
    for (const path of ["/", "/usage", "/activity", "/plan", "/invoices", "/billing", "/settings", "/settings/team"]) {
      await page.goto(path);
      const text = await page.locator("main").innerText();
      expect(text, `${email} ${path}`).not.toMatch(LONG_DATE);
      // "1 calls", "2 call", "574 API call" never appear
      expect(text, `${email} ${path}`).not.toMatch(/\b1 (calls|credits|images|runs|minutes|API calls)\b/);
      expect(text, `${email} ${path}`).not.toMatch(/\b(?!1\b)[\d,]+ (call|image|run|minute|API call)\b(?!s)/);
    }
    await page.goto("/invoices");
    const invoice = await page.locator('a[href^="/invoices/"]:not([href$="/pdf"])').first().getAttribute("href");
    if (invoice) {
      await page.goto(invoice);
      const line = await page.getByTestId("invoice-number").locator("xpath=following-sibling::p[1]").innerText();
      for (const d of line.match(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}/g) ?? []) expect(d).toMatch(SHORT_DATE);
      expect(await page.locator("main").innerText()).not.toMatch(LONG_DATE);
    }
    await page.context().clearCookies();
  }
});
