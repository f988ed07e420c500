// The Plan page as a customer clicks it (postgres project): the preview with what it costs now,
// an upgrade charged to the saved card with its invoice, a declined card changing nothing, a
// scheduled change undone, cancel and resume, a viewer who sees but cannot act, and the upcoming
// invoice on the overview and invoices pages. What the page says is checked against the database.
import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DATABASE_URL } from "../playwright.config";
import { sql } from "./db";
import { signIn } from "./helpers";
import { addCard, expectLedgerClean, newCustomer, paymentsOf } from "./payments-helpers";
import { expectAccessible, screenshots } from "./portal";

test.beforeAll(async () => {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "e2e/support/plan-fixture.ts"], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`plan fixture failed: ${r.stderr}`);
  // the server caches a merchant's plans for 5 s
  await new Promise((resolve) => setTimeout(resolve, 5_500));
});

test.afterEach(async () => {
  await expectLedgerClean();
});

const planOf = async (customerId: string) =>
  (await sql<{ code: string; pending: string | null; cancel: boolean }>(
    `SELECT p.code, pp.code AS pending, s.cancel_at_period_end AS cancel FROM subscriptions s JOIN plans p ON p.id = s.plan_id LEFT JOIN plans pp ON pp.id = s.pending_plan_id WHERE s.customer_id = $1`,
    [customerId],
  ))[0]!;

async function openPlan(page: Page) {
  await page.goto("/plan");
  await expect(page.getByRole("heading", { name: "Plan", level: 1 })).toBeVisible();
}

test("the preview shows what an upgrade costs now; paying switches the plan and the invoice appears", async ({ page }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  await openPlan(page);
  await expect(page.getByTestId("current-plan")).toContainText("Creator");
  await expect(page.getByTestId("plan-studio")).toContainText("$149.00 per month");
  await expect(page.getByTestId("proration-rule")).toContainText("time left");
  await expectAccessible(page);
  await screenshots(page, "plan-page");

  await page.getByRole("button", { name: "Preview Studio" }).click();
  const preview = page.getByTestId("plan-preview");
  await expect(preview).toContainText("Applies now");
  await expect(preview).toContainText("Price: $49.00 → $149.00 per month.");
  await expect(preview).toContainText(/credits more are added now for the rest of this period/);
  // a period that began moments ago: nearly the whole $100 difference, plus 8 % tax
  const total = (await page.getByTestId("preview-total").textContent())!;
  expect(total).toMatch(/^\$10[78]\.\d{2}$/);
  await expectAccessible(page);
  await screenshots(page, "plan-preview-upgrade");

  await page.getByRole("button", { name: `Pay ${total} and switch` }).click();
  await expect(page.getByTestId("plan-outcome")).toContainText(`Paid ${total}. You are now on Studio.`);
  await expect(page.getByTestId("current-plan")).toContainText("Studio");
  expect(await planOf(c.customerId)).toMatchObject({ code: "studio", pending: null });
  const payments = await paymentsOf(c.customerId);
  expect(payments).toMatchObject([{ status: "succeeded", amount_cents: total.replace(/[$.]/g, "") }]);

  await page.goto("/invoices");
  const row = page.getByTestId("invoice-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Subscription");
  await expect(row).toContainText(total);
  await row.getByRole("link", { name: /^INV-/ }).click();
  await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
  await expect(page.getByTestId("invoice-total")).toHaveText(total);
  await expect(page.locator("body")).toContainText("Upgrade from Creator to Studio");
});

test("a declined card changes nothing", async ({ page }) => {
  const c = newCustomer("creator");
  await signIn(page, c.email);
  await addCard(page, "4000000000000002");
  await openPlan(page);
  await page.getByRole("button", { name: "Preview Studio" }).click();
  const total = (await page.getByTestId("preview-total").textContent())!;
  await page.getByRole("button", { name: `Pay ${total} and switch` }).click();
  await expect(page.getByTestId("plan-outcome")).toContainText("Your card was declined. Nothing was charged.");
  await expect(page.getByTestId("plan-outcome")).toContainText("Your plan has not changed.");
  await expect(page.getByTestId("current-plan")).toContainText("Creator");
  expect(await planOf(c.customerId)).toMatchObject({ code: "creator" });
  expect(await sql(`SELECT id FROM invoices WHERE customer_id = $1`, [c.customerId])).toEqual([]);
});

test("3-D Secure: the bank's challenge first, the plan changes only once it is completed", async ({ page }) => {
  const c = newCustomer("creator");
  await signIn(page, c.email);
  await addCard(page, "4000002500003155");
  await openPlan(page);
  await page.getByRole("button", { name: "Preview Studio" }).click();
  const total = (await page.getByTestId("preview-total").textContent())!;
  await page.getByRole("button", { name: `Pay ${total} and switch` }).click();
  await expect(page).toHaveURL(/\/payments\/pay_[a-z0-9]+\/authenticate$/);
  await expect(page.getByTestId("challenge-amount")).toHaveText(total);
  expect(await planOf(c.customerId)).toMatchObject({ code: "creator" });
  await page.getByRole("button", { name: "Complete authentication" }).click();
  await expect(page).toHaveURL(/\/plan\?payment=pay_/);
  await expect(page.getByTestId("plan-outcome")).toContainText(`Paid ${total}. You are now on Studio.`);
  await expect(page.getByTestId("current-plan")).toContainText("Studio");
  expect(await planOf(c.customerId)).toMatchObject({ code: "studio" });
});

test("a change of model is scheduled for the period end, shown on the upcoming invoice, and undone", async ({ page }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  await openPlan(page);
  await page.getByRole("button", { name: "Preview Platform", exact: true }).click();
  const preview = page.getByTestId("plan-preview");
  await expect(preview).toContainText(/Applies on .+, at the end of this period/);
  await expect(page.getByTestId("preview-total")).toHaveText("Nothing is charged now.");
  await page.getByRole("button", { name: "Switch on the period end" }).click();
  await expect(page.getByTestId("pending-change")).toContainText("Changes to Platform");
  expect(await planOf(c.customerId)).toMatchObject({ code: "creator", pending: "platform" });
  expect(await paymentsOf(c.customerId)).toEqual([]);

  await page.goto("/");
  await expect(page.getByTestId("upcoming-notes")).toContainText("Your plan changes from Creator to Platform");
  await expect(page.getByTestId("upcoming-total")).toHaveText("$54.00"); // Platform's $50 + 8 %

  await openPlan(page);
  await page.getByRole("button", { name: "Keep Creator" }).click();
  await expect(page.getByTestId("pending-change")).toHaveCount(0);
  expect(await planOf(c.customerId)).toMatchObject({ code: "creator", pending: null });
});

test("cancel at period end says what is kept, and resume undoes it", async ({ page }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  await openPlan(page);
  await page.getByRole("button", { name: "Cancel at period end" }).click();
  await expect(page.getByTestId("plan-outcome")).toContainText(/Your Creator plan ends on .+\. Until then you keep your plan credits and purchased credits/);
  await expect(page.getByTestId("plan-ends")).toBeVisible();
  expect(await planOf(c.customerId)).toMatchObject({ cancel: true });
  await expect(page.getByRole("button", { name: "Preview Studio" })).toBeDisabled();
  await screenshots(page, "plan-canceled");

  await page.goto("/invoices");
  await expect(page.getByTestId("upcoming-notes")).toContainText("no renewal fee is billed");
  await expect(page.getByTestId("upcoming-total")).toHaveText("$0.00");

  await openPlan(page);
  await page.getByRole("button", { name: "Resume Creator" }).click();
  await expect(page.getByTestId("plan-outcome")).toContainText("Your Creator plan continues");
  expect(await planOf(c.customerId)).toMatchObject({ cancel: false });
  const notes = await sql<{ title: string }>(`SELECT title FROM notifications WHERE customer_id = $1 AND type = 'subscription.updated' ORDER BY created_at`, [c.customerId]);
  expect(notes.map((n) => n.title)).toEqual(["Plan set to end", "Plan resumed"]);
});

test("a viewer sees the plans but every change is disabled, with the reason", async ({ page }) => {
  await signIn(page, "viewer@pixel.example");
  await openPlan(page);
  await expect(page.getByTestId("cannot-change")).toContainText("Your role (viewer) can see the plans but not change them");
  await expect(page.getByRole("button", { name: "Cancel at period end" })).toBeDisabled();
  await page.getByRole("button", { name: "Preview Studio" }).click();
  await expect(page.getByTestId("plan-preview")).toBeVisible();
  await expect(page.getByRole("button", { name: /and switch$/ })).toBeDisabled();
  // disabled controls look disabled: faded, and the pointer says no
  const look = await page.getByRole("button", { name: /and switch$/ }).evaluate((el) => ({ cursor: getComputedStyle(el).cursor, background: getComputedStyle(el).backgroundColor }));
  expect(look.cursor).toBe("not-allowed");
  expect(look.background).toMatch(/(\/ 0\.5\)|, 0\.5\))$/);
  await expectAccessible(page);
});

test("the upcoming invoice is on the overview and the invoices page", async ({ page }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  await page.goto("/");
  const card = page.getByTestId("upcoming-invoice");
  await expect(card).toContainText("Creator —");
  await expect(page.getByTestId("upcoming-fee")).toContainText("$49.00");
  await expect(page.getByTestId("upcoming-total")).toHaveText("$52.92"); // $49 + 8 % tax
  await expectAccessible(page);
  await screenshots(page, "overview-upcoming-invoice");
  await page.goto("/invoices");
  await expect(page.getByTestId("upcoming-total")).toHaveText("$52.92");
  await expectAccessible(page);
  await screenshots(page, "invoices-upcoming-invoice");
});
