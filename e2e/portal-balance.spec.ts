// The Balance customer (Nimbus Cloud Labs, Platform) in the portal, against the server's ledger.
import { expect, test } from "@playwright/test";
import { formatMoney } from "../lib/billing/money";
import { sql } from "./db";
import { signIn } from "./helpers";
import { account, expectAccessible, screenshots, sendUsage } from "./portal";

const CUS = "cus_demo_nimbus";
const usd = (micros: bigint) => formatMoney({ amount: micros, asset: "USD" });

test("balance overview equals the ledger, spent this period equals the events, and it updates live", async ({ page }) => {
  await signIn(page, "noah@nimbus.example");
  const bal = (await account(`${CUS}:balance`))!;
  await expect(page.getByTestId("balance-balance")).toHaveText(usd(bal.available));
  const [spent] = await sql<{ spent: string }>(
    `SELECT coalesce(sum(e.cost_amount), 0) AS spent FROM usage_events e JOIN subscriptions s ON s.customer_id = e.customer_id
      WHERE e.customer_id = $1 AND e.timestamp >= s.current_period_start AND e.timestamp < s.current_period_end`,
    [CUS],
  );
  await expect(page.getByTestId("balance-spent")).toHaveText(usd(BigInt(spent!.spent)));

  await sendUsage(CUS, "build_minute", 25); // $1.00
  await expect(page.getByTestId("balance-balance")).toHaveText(usd(bal.available - 1_000_000n), { timeout: 5_000 });
  await expect(page.getByTestId("balance-spent")).toHaveText(usd(BigInt(spent!.spent) + 1_000_000n), { timeout: 5_000 });
  await expectAccessible(page);
  await screenshots(page, "balance-overview");
});

test("a low-balance alert set above the balance shows as a banner at once; bad input changes nothing", async ({ page }) => {
  await signIn(page, "noah@nimbus.example");
  await page.goto("/settings");
  const field = page.getByLabel("Low-balance alert");
  await field.fill("12.345");
  await page.getByRole("button", { name: "Save alerts" }).click();
  await expect(page.getByText("Enter the threshold in whole cents, e.g. 12.50.")).toBeVisible();
  const [c] = await sql<{ low_balance_threshold: string | null }>(`SELECT low_balance_threshold FROM customers WHERE id = $1`, [CUS]);
  expect(c!.low_balance_threshold).toBeNull();

  await field.fill("5000");
  await page.getByRole("button", { name: "Save alerts" }).click();
  await expect(page.getByTestId("alerts-result")).toHaveText("Alerts saved.");
  const banner = page.getByTestId("banner").filter({ hasText: "Low balance" });
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner).toContainText("fell below the $5,000.00 alert you set");
  await expectAccessible(page);
  await banner.getByRole("button", { name: /Dismiss/ }).click();
  await expect(banner).toHaveCount(0);
  const [d] = await sql<{ n: string }>(`SELECT count(*) AS n FROM notifications WHERE customer_id = $1 AND type = 'balance.low' AND dismissed_at IS NOT NULL`, [CUS]);
  expect(d!.n).toBe("1");
});

test("balance usage and activity pages", async ({ page }) => {
  await signIn(page, "noah@nimbus.example");
  await page.goto("/usage");
  await expect(page.getByTestId("chart-by-action").locator(".recharts-bar-rectangle")).toHaveCount(2);
  await expect(page.getByTestId("price-table")).toContainText("Build minute — $0.04 per minute");
  await expect(page.getByTestId("price-table")).toContainText("Memory (GB-hour) — $0.002 per GB-hour");
  await expectAccessible(page);
  await screenshots(page, "balance-usage");
  await page.goto("/activity");
  await expect(page.getByTestId("activity-row").first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "balance-activity");
});
