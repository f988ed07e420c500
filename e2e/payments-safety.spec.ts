// Money is never taken twice or without being credited, as a customer could break it: a double
// submit, two tabs, a refresh in the middle; a viewer cannot buy (the server refuses, not only the
// button); another account's invoice PDF is not found; refunds and automatic top-ups end to end.
import { expect, test } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";
import { buyPack, creditsOf, expectLedgerClean, newCustomer, paymentsOf, recordUsageNow, screenshot } from "./payments-helpers";

test.afterEach(async () => {
  await expectLedgerClean();
});

test("a double submit reaching the server twice charges once", async ({ page }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  await page.goto("/credits");
  await page.getByRole("button", { name: "Buy 500 credits" }).click();
  await expect(page.getByTestId("quote-total")).toHaveText("$27.00");
  // the confirmation request goes out twice at once (a double click the browser did not stop)
  let duplicated = 0;
  await page.route("**/credits", async (route) => {
    const req = route.request();
    if (req.method() !== "POST" || !req.headers()["next-action"] || !(req.postData() ?? "").includes("formKey")) return route.continue();
    duplicated++;
    const [first] = await Promise.all([route.fetch(), route.fetch()]);
    await route.fulfill({ response: first });
  });
  await page.getByRole("button", { name: "Pay $27.00" }).click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  expect(duplicated).toBe(1);
  await page.unrouteAll();
  const payments = await paymentsOf(c.customerId);
  expect(payments).toHaveLength(1);
  expect(await creditsOf(c.customerId)).toHaveLength(1);
  expect(await sql(`SELECT count(*)::int AS n FROM sandbox_objects WHERE type = 'payment_intent' AND data->'metadata'->>'portico_customer_id' = $1`, [c.customerId])).toEqual([{ n: 1 }]);
  await expect(page.getByTestId("usable-credits")).toHaveText("1,500 credits");
});

test("two tabs confirming the same pack at the same moment: one charge, the other tab says why", async ({ context }) => {
  const c = newCustomer("creator", { card: true });
  const a = await context.newPage();
  await signIn(a, c.email);
  const b = await context.newPage();
  for (const p of [a, b]) {
    await p.goto("/credits");
    await p.getByRole("button", { name: "Buy 500 credits" }).click();
    await expect(p.getByTestId("quote-total")).toHaveText("$27.00");
  }
  await Promise.all([a.getByRole("button", { name: "Pay $27.00" }).click(), b.getByRole("button", { name: "Pay $27.00" }).click()]);
  const outcomes = await Promise.all(
    [a, b].map(async (p) => {
      await expect(p.getByTestId("purchase-outcome").or(p.getByTestId("purchase-error"))).toBeVisible();
      return (await p.getByTestId("purchase-outcome").count()) > 0 ? "paid" : await p.getByTestId("purchase-error").getAttribute("data-code");
    }),
  );
  expect(outcomes.filter((o) => o === "paid")).toHaveLength(1);
  expect(outcomes.filter((o) => o === "purchase_pending" || o === "possible_duplicate")).toHaveLength(1);
  expect(await paymentsOf(c.customerId)).toHaveLength(1);
  expect(await creditsOf(c.customerId)).toHaveLength(1);
});

test("a second tab after the first bought: asked to confirm a repeat; confirming buys again", async ({ context }) => {
  const c = newCustomer("creator", { card: true });
  const a = await context.newPage();
  await signIn(a, c.email);
  const b = await context.newPage();
  await b.goto("/credits");
  await buyPack(a, "500 credits", "$27.00");
  await expect(a.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  // tab b was rendered before the purchase, with its own form key
  await b.getByRole("button", { name: "Buy 500 credits" }).click();
  await b.getByRole("button", { name: "Pay $27.00" }).click();
  const warning = b.getByTestId("purchase-error");
  await expect(warning).toHaveAttribute("data-code", "possible_duplicate");
  await expect(warning).toContainText(/You bought 500 credits \(500 credits pack\) a moment ago \(INV-\d{6}\)\. Buy it again\?/);
  expect(await paymentsOf(c.customerId)).toHaveLength(1);
  await screenshot(b, "purchase-possible-duplicate");
  await b.getByTestId("confirm-repeat").click();
  await expect(b.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  expect(await paymentsOf(c.customerId)).toHaveLength(2);
  expect(await creditsOf(c.customerId)).toHaveLength(2);
});

test("a refresh while the bank waits: the purchase stays in progress and is not bought twice", async ({ page }) => {
  const c = newCustomer("creator");
  await signIn(page, c.email);
  await page.goto("/billing");
  await page.getByLabel("Card number").fill("4000002500003155");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByTestId("add-card-result")).toContainText("3155");
  await buyPack(page, "500 credits", "$27.00");
  await expect(page).toHaveURL(/\/authenticate$/);
  await page.goto("/credits");
  const pending = page.getByTestId("pending-purchases");
  await expect(pending).toContainText("Authentication needed");
  await page.getByRole("button", { name: "Buy 500 credits" }).click();
  await page.getByRole("button", { name: "Pay $27.00" }).click();
  await expect(page.getByTestId("purchase-error")).toHaveAttribute("data-code", "purchase_pending");
  expect(await paymentsOf(c.customerId)).toHaveLength(1);
  await page.getByRole("link", { name: "Continue that purchase" }).click();
  await page.getByRole("button", { name: "Complete authentication" }).click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  expect(await paymentsOf(c.customerId)).toMatchObject([{ status: "succeeded" }]);
});

test("a viewer cannot buy: the buttons are off, and the server refuses the very request a buyer's browser sends", async ({ page, browser }) => {
  // a buyer's browser confirming a purchase: the server action request, as sent
  const owner = newCustomer("creator", { card: true });
  await signIn(page, owner.email);
  const captured: { url: string; headers: Record<string, string>; body: string }[] = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.headers()["next-action"] && (req.postData() ?? "").includes("formKey")) {
      captured.push({ url: req.url(), headers: req.headers(), body: req.postData()! });
    }
  });
  await buyPack(page, "500 credits", "$27.00");
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  expect(captured).toHaveLength(1);

  const before = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE customer_id = 'cus_demo_pixel'`);
  const ctx = await browser.newContext();
  const viewer = await ctx.newPage();
  await signIn(viewer, "viewer@pixel.example");
  await viewer.goto("/credits");
  await expect(viewer.getByTestId("cannot-buy")).toContainText("Your role (viewer) can see balances but not buy");
  await expect(viewer.getByRole("button", { name: "Buy 500 credits" })).toBeDisabled();
  // the same request with the viewer's session (the account comes from the session, never the body)
  const { url, headers, body } = captured[0]!;
  const send = (data: string) =>
    viewer.request.post(url, { headers: Object.fromEntries(Object.entries(headers).filter(([k]) => !["cookie", "content-length", "host"].includes(k))), data });
  // as sent, it was drawn for the buyer's account: refused as another account's page
  expect(body).toContain(owner.customerId);
  const asSent = await send(body);
  expect(asSent.status()).toBe(200);
  expect(await asSent.text()).toContain("account_changed");
  // naming the viewer's own account: refused for the role
  const replay = await send(body.split(owner.customerId).join("cus_demo_pixel"));
  expect(replay.status()).toBe(200);
  const answer = await replay.text();
  expect(answer).toContain("forbidden");
  expect(answer).toContain("Your role (viewer) cannot do this");
  await viewer.goto("/billing");
  await expect(viewer.getByTestId("saved-card")).toHaveCount(1);
  await expect(viewer.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await expect(viewer.getByRole("heading", { name: "Add a card" })).toHaveCount(0);
  expect(await sql<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE customer_id = 'cus_demo_pixel'`)).toEqual(before);
  expect(await paymentsOf(owner.customerId)).toHaveLength(1);
  await ctx.close();
});

test("an invoice PDF downloads for its account's members and is not found for anyone else", async ({ page, browser }) => {
  const a = newCustomer("creator", { card: true });
  await signIn(page, a.email);
  await buyPack(page, "2,000 credits", "$86.40");
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  const invoiceId = (await paymentsOf(a.customerId))[0]!.invoice_id!;
  const own = await page.request.get(`/invoices/${invoiceId}/pdf`);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("application/pdf");
  expect((await own.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await page.goto("/invoices");
  await expect(page.getByTestId("invoice-row")).toHaveCount(1);
  await expect(page.getByTestId("invoice-row")).toContainText("Credit pack");
  await expect(page.getByTestId("invoice-row")).toContainText("$86.40");
  await page.goto("/invoices?status=open");
  await expect(page.getByTestId("no-invoices")).toBeVisible();

  const other = await browser.newContext();
  const b = await other.newPage();
  await signIn(b, "maya@pixel.example");
  const refused = await b.request.get(`/invoices/${invoiceId}/pdf`);
  expect(refused.status()).toBe(404);
  expect((await refused.body()).subarray(0, 5).toString()).not.toBe("%PDF-");
  const page404 = await b.goto(`/invoices/${invoiceId}`);
  expect(page404?.status()).toBe(404);
  await other.close();
});

test("a refund from the provider's dashboard reverses the credit with a credit note", async ({ page }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  await buyPack(page, "500 credits", "$27.00");
  await expect(page.getByTestId("usable-credits")).toHaveText("1,500 credits");
  const paymentId = (await paymentsOf(c.customerId))[0]!.id;
  await page.goto("/dev/sandbox");
  const row = page.locator(`[data-testid="sandbox-payment"][data-payment="${paymentId}"]`);
  await row.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(row.getByRole("cell").nth(4)).toHaveText("$27.00");
  await expect.poll(async () => (await paymentsOf(c.customerId))[0]!.status, { timeout: 15_000 }).toBe("refunded");
  await page.goto("/credits");
  await expect(page.getByTestId("usable-credits")).toHaveText("1,000 credits");
  await page.goto("/invoices");
  await expect(page.getByTestId("invoice-row").filter({ hasText: "Credit note" })).toContainText("−$27.00");
  await page.getByTestId("invoice-row").filter({ hasText: "Credit note" }).getByRole("link").first().click();
  await expect(page.getByTestId("invoice-memo")).toHaveText("Payment refunded. 500 credits removed from your purchased credits.");
  await screenshot(page, "credit-note");
});

test("automatic top-up: set in the portal, fired once by usage crossing the threshold, shown in its history", async ({ page }) => {
  const c = newCustomer("platform", { card: true });
  await signIn(page, c.email);
  await page.goto("/funds");
  await page.getByLabel("Top up automatically").check();
  await page.getByLabel("When the balance falls below (USD)").fill("45");
  await page.getByLabel("Add (USD)").fill("10");
  await page.getByLabel("At most per month (USD, tax included)").fill("100");
  await page.getByRole("button", { name: "Save automatic top-up" }).click();
  await expect(page.getByTestId("auto-top-up-message")).toHaveText("Automatic top-up is on.");
  recordUsageNow(c.customerId, "build_minute", 150); // $50 → $44
  recordUsageNow(c.customerId, "build_minute", 25); // still below: no second top-up
  await expect
    .poll(async () => (await sql<{ status: string }>(`SELECT status FROM auto_top_up_runs WHERE customer_id = $1`, [c.customerId])).map((r) => r.status), { timeout: 20_000 })
    .toEqual(["succeeded"]);
  await page.reload();
  await expect(page.getByTestId("usable-balance")).toHaveText("$53.00");
  await expect(page.getByTestId("auto-top-up-history")).toContainText("Succeeded");
  await expect(page.getByTestId("auto-top-up-history")).toContainText(/INV-\d{6}/);
  expect(await paymentsOf(c.customerId)).toMatchObject([{ status: "succeeded", amount_cents: "1080" }]);
  await screenshot(page, "auto-top-up");
});
