// The Credits customer (Pixel & Co Studio, Creator) in the portal, against the server's ledger.
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { formatMoney } from "../lib/billing/money";
import { sql } from "./db";
import { signIn } from "./helpers";
import { expectAccessible, parseCsv, periodAccount, screenshots, sendUsage } from "./portal";

const CUS = "cus_demo_pixel";
const credits = (milli: bigint) => formatMoney({ amount: milli, asset: "CREDIT" });

test("credits overview equals the ledger and updates live within 5 s", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  const plan = (await periodAccount(CUS, "plan_credits"))!;
  const [lots] = await sql<{ total: string }>(
    `SELECT coalesce(sum(posted_credits - posted_debits - pending_debits), 0) AS total FROM ledger_accounts
      WHERE customer_id = $1 AND bucket = 'purchased_credits' AND expires_at > now()`,
    [CUS],
  );
  await expect(page.getByTestId("balance-plan_credits")).toHaveText(credits(plan.available));
  await expect(page.getByTestId("purchased-total")).toHaveText(credits(BigInt(lots!.total)));
  await expect(page.getByTestId("usable-total")).toHaveText(credits(plan.available + BigInt(lots!.total)));
  await expect(page.getByText("Plan credits are spent first, then purchased credits").first()).toBeVisible();

  await sendUsage(CUS, "image_generation", 2); // 20 credits
  await expect(page.getByTestId("balance-plan_credits")).toHaveText(credits(plan.available - 20_000n), { timeout: 5_000 });
  await expectAccessible(page);
  await screenshots(page, "credits-overview");
});

test("when the live figures cannot be refreshed, the page says so and keeps the last ones", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  const before = await page.getByTestId("usable-total").textContent();
  await page.route("**/api/portal/wallet", (route) => route.fulfill({ status: 503, body: "down" }));
  await expect(page.getByTestId("live-status")).toContainText("Could not refresh — showing figures from", { timeout: 10_000 });
  await expect(page.getByTestId("usable-total")).toHaveText(before!);
  await page.unroute("**/api/portal/wallet");
  await expect(page.getByTestId("live-status")).toContainText("Live · updated", { timeout: 10_000 });
});

test("the portal is keyboard-usable: skip link, then the sections in order", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  // Once the page has hydrated: until then Next's router may still replace the URL (dropping #main).
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await page.getByRole("link", { name: "Usage", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/usage$/);
  await expect(page.getByRole("link", { name: "Usage", exact: true })).toHaveAttribute("aria-current", "page");
});

test("credits usage: charts render, the burn table is in plain words", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  await page.goto("/usage");
  await expect(page.getByTestId("chart-by-day").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-by-action").locator(".recharts-bar-rectangle")).toHaveCount(3);
  await expect(page.getByTestId("price-table")).toContainText("Image generation — 10 credits per image");
  await expect(page.getByTestId("price-table")).toContainText("Voice transcription — 3 credits per transcription");
  await expect(page.getByTestId("price-table")).toContainText("Agent run — 25 credits per run");
  // another period from the chooser
  await page.getByLabel("Show").selectOption({ label: "Last 90 days" });
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByTestId("usage-range")).toHaveText("Last 90 days");
  await expect(page.getByTestId("chart-by-day").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "credits-usage");
});

test("activity: plain words, filter, CSV export of exactly the filter, drill-down to the events", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  await page.goto("/activity");
  await expect(page.getByTestId("activity-row").first()).toBeVisible();
  await screenshots(page, "credits-activity");

  const from = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Kind").selectOption({ label: "Used" });
  await page.getByLabel("From").fill(from);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`kind=usage.*from=${from}`));
  // The URL changes as the filtered list starts streaming in (activity has a loading.tsx): wait for
  // the list itself, then every label on it must be "Used".
  await expect.poll(async () => [...new Set(await page.getByTestId("activity-label").allTextContents())]).toEqual(["Used"]);
  await expectAccessible(page);

  const expected = await sql<{ id: string }>(
    `SELECT t.id FROM ledger_transfers t WHERE t.customer_id = $1 AND t.kind = 'usage' AND t.effective_at >= $2 ORDER BY t.effective_at DESC, t.seq DESC`,
    [CUS, `${from}T00:00:00Z`],
  );
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const rows = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  expect(rows[0]).toEqual(["date", "activity", "description", "bucket", "amount", "asset", "transfer_id"]);
  const body = rows.slice(1).filter((r) => r.length > 1);
  expect(body.map((r) => r[6])).toEqual(expected.map((e) => e.id));
  expect(body.every((r) => r[1] === "Used" && r[5] === "CREDIT" && r[4]!.startsWith("-"))).toBe(true);
  // the first page on screen is the start of the file
  const onScreen = await page.getByTestId("activity-label").evaluateAll((links) => links.map((a) => decodeURIComponent((a as HTMLAnchorElement).pathname.split("/").pop()!)));
  expect(onScreen).toEqual(body.slice(0, onScreen.length).map((r) => r[6]));

  // drill-down: the events behind the newest usage transfer
  await page.getByTestId("activity-label").first().click();
  await expect(page.getByTestId("transfer-label")).toHaveText("Used");
  const id = expected[0]!.id;
  const [charges] = await sql<{ n: string }>(`SELECT count(*) AS n FROM usage_charges WHERE transfer_id = $1`, [id]);
  await expect(page.getByTestId("transfer-event")).toHaveCount(Math.min(50, Number(charges!.n)));
  await expectAccessible(page);
});
