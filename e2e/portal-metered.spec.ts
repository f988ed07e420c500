// The Metered customer (Acme Robotics, API Pro) in the portal, against the server's own ledger.
import { expect, test } from "@playwright/test";
import { formatMoney } from "../lib/billing/money";
import { sql } from "./db";
import { signIn } from "./helpers";
import { expectAccessible, periodAccount, periodStartOf, screenshots, sendUsage } from "./portal";

const CUS = "cus_demo_acme";
const calls = (n: bigint) => formatMoney({ amount: n, asset: "API_CALL" });

test("metered overview equals the ledger, updates live within 5 s, and overage is never silent", async ({ page }) => {
  await signIn(page, "alex@acme.example");
  await expect(page.getByTestId("plan-name")).toHaveText("API Pro");
  const inc = (await periodAccount(CUS, "included_usage"))!;
  await expect(page.getByTestId("included-left")).toHaveText(calls(inc.available));
  await expect(page.getByTestId("included-used")).toHaveText(calls(inc.credited - inc.available));
  await expect(page.getByTestId("forecast")).toContainText("At your last-7-days rate");

  // A usage event recorded while the page is open shows up without a reload.
  await sendUsage(CUS, "api_call", 123);
  const after = (await periodAccount(CUS, "included_usage"))!;
  expect(inc.available - after.available).toBe(123n);
  await expect(page.getByTestId("included-left")).toHaveText(calls(after.available), { timeout: 5_000 });

  // Past the included calls: overage and its cost, from the ledger's overage account, and an alert.
  await sendUsage(CUS, "api_call", Number(after.available) + 250);
  const overage = (await periodAccount(CUS, "overage"))!;
  expect(overage.debited).toBe(2_500_000n); // 250 calls × $0.01
  await expect(page.getByTestId("overage-cost")).toHaveText(formatMoney({ amount: overage.debited, asset: "USD" }, { exact: true }), { timeout: 5_000 });
  await expect(page.getByTestId("overage-units")).toHaveText("250 API calls");
  await expect(page.getByTestId("included-left")).toHaveText("0 API calls");
  await expect(page.getByTestId("banner").filter({ hasText: "Overage has started" })).toBeVisible({ timeout: 10_000 });
  const key = `usage.overage:${(await periodStartOf(CUS)).toISOString()}`;
  const [n] = await sql<{ n: string }>(`SELECT count(*) AS n FROM notifications WHERE customer_id = $1 AND dedupe_key = $2`, [CUS, key]);
  expect(n!.n).toBe("1");

  await expectAccessible(page);
  await screenshots(page, "metered-overview");
});

test("a spending cap set by the customer is shown, enforced and announced", async ({ page }) => {
  await signIn(page, "alex@acme.example");
  await page.goto("/settings");
  const cap = page.getByLabel("Overage cap per period");
  await cap.fill("abc");
  await page.getByRole("button", { name: "Save cap" }).click();
  await expect(page.getByText("Enter the cap in dollars, e.g. 50 or 49.99.")).toBeVisible();
  const [before] = await sql<{ spending_cap_micros: string | null }>(`SELECT spending_cap_micros FROM subscriptions WHERE customer_id = $1`, [CUS]);
  expect(before!.spending_cap_micros).toBeNull();

  const overage = (await periodAccount(CUS, "overage"))!;
  const capMicros = overage.debited + 50_000n; // room for 5 more calls
  await cap.fill((Number(capMicros / 10_000n) / 100).toFixed(2));
  await page.getByRole("button", { name: "Save cap" }).click();
  await expect(page.getByTestId("cap-result")).toHaveText("Spending cap saved.");
  await expectAccessible(page);

  await page.goto("/");
  await expect(page.getByTestId("spending-cap")).toContainText(`Spending cap: ${formatMoney({ amount: capMicros, asset: "USD" })}`);
  await sendUsage(CUS, "api_call", 5);
  await expect(page.getByTestId("spending-cap")).toContainText("reached", { timeout: 5_000 });
  await expect(page.getByTestId("banner").filter({ hasText: "Spending cap reached" })).toBeVisible({ timeout: 10_000 });
  await expect(sendUsage(CUS, "api_call", 1)).rejects.toThrow(/spending_cap_reached/);
  await screenshots(page, "metered-overview-capped");
});

test("metered usage: charts by day and by action, and the price table in plain words", async ({ page }) => {
  await signIn(page, "alex@acme.example");
  await page.goto("/usage");
  await expect(page.getByTestId("chart-by-day").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-by-action").locator(".recharts-bar-rectangle")).toHaveCount(1);
  await expect(page.getByTestId("price-table")).toContainText("API call — counts 1 API call against the 10,000 API calls included each period; beyond them, $0.01 per call");
  // the period's total is the events' own sum
  const [s] = await sql<{ total: string }>(
    `SELECT coalesce(sum(e.quantity), 0) AS total FROM usage_events e JOIN subscriptions s ON s.customer_id = e.customer_id
      WHERE e.customer_id = $1 AND e.timestamp >= s.current_period_start AND e.timestamp < s.current_period_end`,
    [CUS],
  );
  await expect(page.getByTestId("usage-total")).toHaveText(calls(BigInt(s!.total)));
  await expectAccessible(page);
  await screenshots(page, "metered-usage");
  await page.goto("/activity");
  await expect(page.getByTestId("activity-row").first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "metered-activity");
});
