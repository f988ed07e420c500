// Every portal page at 375 px (a phone) and 1280 px, for an owner of each consumption model:
// nothing scrolls sideways — neither the page nor a hidden scrolling strip inside it (tables become
// cards, the navigation wraps) — and screenshots of each are kept under test-results/screenshots.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { sidewaysOverflow } from "./portal";

const OWNERS = [
  { model: "metered", email: "alex@acme.example", buy: null },
  { model: "credits", email: "maya@pixel.example", buy: "/credits" },
  { model: "balance", email: "noah@nimbus.example", buy: "/funds" },
] as const;

async function check(page: Page, path: string, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    const res = await page.goto(path);
    expect(res?.status(), `${path} answers`).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("h1").first()).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/${name}-${width}.png`, fullPage: true });
    if (width === 375) expect(await sidewaysOverflow(page), `${path} at 375 px`).toEqual([]);
  }
}

for (const owner of OWNERS) {
  test(`every page fits a phone — ${owner.model}`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, owner.email);
    const pages: [string, string][] = [
      ["/", "overview"],
      ["/usage", "usage"],
      ["/activity", "activity"],
      ["/plan", "plan"],
      ["/invoices", "invoices"],
      ["/billing", "billing"],
      ["/settings", "settings"],
      ["/settings/billing", "settings-billing"],
      ["/settings/team", "team"],
    ];
    if (owner.buy) pages.splice(3, 0, [owner.buy, owner.buy.slice(1)]);
    for (const [path, name] of pages) await check(page, path, `${name}-${owner.model}`);

    // the detail pages: the newest activity entry and the newest invoice
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/activity");
    const entry = await page.locator('a[href^="/activity/"]:not([href^="/activity/export"])').first().getAttribute("href");
    await check(page, entry!, `activity-entry-${owner.model}`);
    await page.goto("/invoices");
    const invoice = await page.locator('a[href^="/invoices/"]:not([href$="/pdf"])').first().getAttribute("href");
    await check(page, invoice!, `invoice-${owner.model}`);

    // at 375 px the navigation shows every section without scrolling
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Portal" });
    for (const link of await nav.getByRole("link").all()) await expect(link).toBeInViewport({ ratio: 1 });
  });
}

test("the invoices list on a phone shows each invoice's number, status, total and PDF", async ({ page }) => {
  await signIn(page, "noah@nimbus.example");
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/invoices");
  const first = page.getByTestId("invoice-row").filter({ visible: true }).first();
  for (const part of ["invoice-row-number", "invoice-row-status", "invoice-row-total"]) await expect(first.getByTestId(part)).toBeInViewport({ ratio: 1 });
  await expect(first.getByRole("link", { name: /PDF/ })).toBeInViewport({ ratio: 1 });
});

test("the public pages fit a phone", async ({ page }) => {
  await check(page, "/login", "login");
  await check(page, "/docs/api", "docs-api");
});

test("every page has a favicon", async ({ page }) => {
  await page.goto("/login");
  const href = await page.locator('head link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon/);
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
