// Every portal route with another account's ids: not found, and nothing of the other account
// in the answer. The account comes from the session, never from the URL.
import { expect, test } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";

test("another account's transfer, period and export are out of reach", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  const acme = await sql<{ id: string }>(`SELECT id FROM ledger_transfers WHERE customer_id = 'cus_demo_acme' ORDER BY seq DESC LIMIT 3`);
  const [acmePeriod] = await sql<{ id: string }>(`SELECT p.id FROM billing_periods p JOIN subscriptions s ON s.id = p.subscription_id WHERE s.customer_id = 'cus_demo_acme' LIMIT 1`);
  const [own] = await sql<{ id: string }>(`SELECT id FROM ledger_transfers WHERE customer_id = 'cus_demo_pixel' AND kind = 'usage' ORDER BY seq DESC LIMIT 1`);

  // drill-down: mine works, theirs and nonsense are 404 and show nothing of theirs
  expect((await page.goto(`/activity/${encodeURIComponent(own!.id)}`))!.status()).toBe(200);
  for (const t of [...acme, { id: "grant:sub_nope:2026-01-01T00:00:00.000Z" }, { id: "%E0%A4%A" }]) {
    const res = await page.goto(`/activity/${encodeURIComponent(t.id)}`);
    expect(res!.status(), t.id).toBe(404);
    await expect(page.getByText("There is nothing here for this account.")).toBeVisible();
    expect(await page.locator("main").innerText()).not.toMatch(/API call|Acme/);
  }

  // usage with their billing period: my current period instead, and a message
  await page.goto(`/usage?show=period:${acmePeriod!.id}`);
  await expect(page.getByText("That period was not found; showing the current period.")).toBeVisible();
  await expect(page.getByTestId("price-table")).toContainText("Image generation");

  // the API and the export answer for my account only, whatever the query names
  const wallet = await page.request.get("/api/portal/wallet?customerId=cus_demo_acme");
  expect((await wallet.json()).customerId).toBe("cus_demo_pixel");
  const csv = await (await page.request.get("/activity/export?customer=cus_demo_acme")).text();
  expect(csv).toContain(own!.id);
  for (const t of acme) expect(csv).not.toContain(t.id);
});

test("signed out, the portal's data routes refuse", async ({ request }) => {
  expect((await request.get("/api/portal/wallet")).status()).toBe(401);
  const exp = await request.get("/activity/export", { maxRedirects: 0 });
  expect([302, 307, 401]).toContain(exp.status());
});

test("a member of several accounts sees only the current one's records", async ({ page }) => {
  await signIn(page, "sam@consultant.example");
  await page.getByText("Switch account").click();
  await page.getByRole("button", { name: "Pixel & Co Studio (viewer)" }).click();
  await expect(page.getByTestId("account-name")).toHaveText("Pixel & Co Studio");
  const [acme] = await sql<{ id: string }>(`SELECT id FROM ledger_transfers WHERE customer_id = 'cus_demo_acme' ORDER BY seq DESC LIMIT 1`);
  expect((await page.goto(`/activity/${encodeURIComponent(acme!.id)}`))!.status()).toBe(404);
});
