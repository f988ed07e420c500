// Team and roles in the portal: invitations by magic link, viewers refused by the server (not just
// by the buttons), role changes, the last owner, and the account switcher.
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";
import { expectAccessible, screenshots } from "./portal";

/** What a tampered page can do: enable every disabled control the server should still refuse. */
async function enableEverything(page: Page) {
  await page.evaluate(() => document.querySelectorAll("[disabled]").forEach((el) => el.removeAttribute("disabled")));
}

test("an owner invites by email with a role; the new member signs in with a magic link", async ({ page, browser }) => {
  await signIn(page, "maya@pixel.example");
  await page.goto("/settings/team");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await page.getByLabel("Email").fill("Newbie@Pixel.example");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByTestId("invite-result")).toHaveText("newbie@pixel.example was added as viewer and has been emailed how to sign in.");
  await expect(page.locator('[data-testid="member-row"][data-email="newbie@pixel.example"]')).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "team");

  await page.goto("/dev/outbox");
  const mail = page.getByTestId("outbox-message").filter({ hasText: "You have been added to Pixel & Co Studio" }).first();
  await expect(mail).toContainText("/login");

  const other = await browser.newPage();
  await signIn(other, "newbie@pixel.example");
  await expect(other.getByTestId("account-name")).toHaveText("Pixel & Co Studio");
  await expect(other.getByTestId("account-role")).toHaveText("Viewer · read only");
  await other.close();
});

test("a viewer sees everything, and the server refuses every change they attempt", async ({ page }) => {
  await signIn(page, "viewer@pixel.example");
  await expect(page.getByTestId("usable-total")).toBeVisible();
  const before = await sql(`SELECT low_balance_threshold, usage_alert_percents FROM customers WHERE id = 'cus_demo_pixel'`);
  const members = await sql(`SELECT id, role FROM memberships WHERE customer_id = 'cus_demo_pixel' ORDER BY id`);

  await page.goto("/settings");
  await expect(page.getByText("only owners and billing members can change them")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save alerts" })).toBeDisabled();
  await enableEverything(page);
  await page.getByLabel("Low-credits alert (credits)").fill("999");
  await page.getByRole("button", { name: "Save alerts" }).click();
  await expect(page.getByTestId("alerts-result")).toHaveText("Your role (viewer) cannot do this. Ask an owner of Pixel & Co Studio.");

  await page.goto("/settings/team");
  await expect(page.getByRole("button", { name: "Remove maya@pixel.example" })).toBeDisabled();
  await enableEverything(page);
  await page.getByRole("button", { name: "Remove maya@pixel.example" }).click();
  await expect(page.getByTestId("remove-result").first()).toHaveText(/Your role \(viewer\) cannot do this/);
  await page.getByLabel("Email").fill("intruder@example.com");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByTestId("invite-result")).toHaveText(/Your role \(viewer\) cannot do this/);

  expect(await sql(`SELECT low_balance_threshold, usage_alert_percents FROM customers WHERE id = 'cus_demo_pixel'`)).toEqual(before);
  expect(await sql(`SELECT id, role FROM memberships WHERE customer_id = 'cus_demo_pixel' ORDER BY id`)).toEqual(members);
  await expectAccessible(page);
});

test("owners change roles and remove members; the last owner can be neither demoted nor removed", async ({ page }) => {
  await signIn(page, "maya@pixel.example");
  await page.goto("/settings/team");
  const ben = page.locator('[data-testid="member-row"][data-email="billing@pixel.example"]');
  await ben.getByLabel("Role of billing@pixel.example", { exact: true }).selectOption("viewer");
  await ben.getByRole("button", { name: "Save role of billing@pixel.example" }).click();
  await expect(ben.getByTestId("role-result")).toHaveText("Role changed.");
  const [r] = await sql<{ role: string }>(`SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'billing@pixel.example' AND m.customer_id = 'cus_demo_pixel'`);
  expect(r!.role).toBe("viewer");
  await ben.getByLabel("Role of billing@pixel.example", { exact: true }).selectOption("billing");
  await ben.getByRole("button", { name: "Save role of billing@pixel.example" }).click();
  await expect(ben.getByTestId("role-result")).toHaveText("Role changed.");

  const me = page.locator('[data-testid="member-row"][data-email="maya@pixel.example"]');
  await me.getByRole("button", { name: "Remove maya@pixel.example" }).click();
  await expect(me.getByTestId("remove-result")).toHaveText("The last owner cannot be removed: make someone else an owner first.");
  await me.getByLabel("Role of maya@pixel.example", { exact: true }).selectOption("viewer");
  await me.getByRole("button", { name: "Save role of maya@pixel.example" }).click();
  await expect(me.getByTestId("role-result")).toHaveText("An account needs at least one owner: make someone else an owner first.");

  const newbie = page.locator('[data-testid="member-row"][data-email="newbie@pixel.example"]');
  if (await newbie.count()) {
    await newbie.getByRole("button", { name: "Remove newbie@pixel.example" }).click();
    await expect(newbie).toHaveCount(0);
  }
  const [owners] = await sql<{ n: string }>(`SELECT count(*) AS n FROM memberships WHERE customer_id = 'cus_demo_pixel' AND role = 'owner'`);
  expect(owners!.n).toBe("1");
});

test("the account switcher moves between accounts; sign-out ends the session", async ({ page }) => {
  await signIn(page, "sam@consultant.example");
  await page.getByText("Switch account").click();
  await page.getByRole("button", { name: "Nimbus Cloud Labs (owner)" }).click();
  await expect(page.getByTestId("account-name")).toHaveText("Nimbus Cloud Labs");
  await expect(page.getByTestId("plan-name")).toHaveText("Platform");
  await page.getByText("Switch account").click();
  await page.getByRole("button", { name: "Pixel & Co Studio (viewer)" }).click();
  await expect(page.getByTestId("account-name")).toHaveText("Pixel & Co Studio");
  await expect(page.getByTestId("account-role")).toHaveText("Viewer · read only");
  await expect(page.getByTestId("plan-name")).toHaveText("Creator");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
