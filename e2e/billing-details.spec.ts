// Billing details as a business customer enters them: Settings → Billing details, a wrong VAT
// number refused beside its field (what was typed stays), then saved; the next invoice and its PDF
// show the seller's and the customer's details, the card charged and the payment id; a viewer
// sees the form read-only.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { addMemberTo, buyPack, newCustomer, screenshot } from "./payments-helpers";
import { pdfText } from "../test/support/pdf-text";

test("billing details are checked, saved, and on the next invoice and its PDF", async ({ page }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  await page.goto("/settings/billing");
  await expect(page.getByRole("link", { name: "Billing details" })).toHaveAttribute("aria-current", "page");
  await page.getByLabel("Billing name").fill("Studio Kranich GmbH");
  await page.getByLabel("Address line 1").fill("Unter den Linden 1");
  await page.getByLabel("City").fill("Berlin");
  await page.getByLabel("Postal code").fill("10117");
  await page.getByLabel("Country").selectOption({ label: "Germany" });
  // the tax ID is named as Germany names it
  const vat = page.getByLabel("VAT number (optional)");
  await vat.fill("DE12345");
  await page.getByRole("button", { name: "Save billing details" }).click();
  await expect(vat).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("That is not a valid VAT number for Germany. It looks like DE123456789.")).toBeVisible();
  // nothing typed is lost
  await expect(page.getByLabel("Billing name")).toHaveValue("Studio Kranich GmbH");
  await expect(page.getByLabel("City")).toHaveValue("Berlin");

  await vat.fill("DE123456789");
  await page.getByRole("button", { name: "Save billing details" }).click();
  await expect(page.getByTestId("billing-result")).toHaveText("Billing details saved. Invoices issued from now on show them.");
  await page.reload();
  await expect(page.getByLabel("VAT number (optional)")).toHaveValue("DE123456789");
  await expect(page.getByLabel("Country")).toHaveValue("DE");
  await screenshot(page, "settings-billing-details");

  await buyPack(page, "500 credits", "$27.00");
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  await page.getByTestId("purchase-invoice").click();
  const seller = page.getByTestId("invoice-seller");
  const buyer = page.getByTestId("invoice-buyer");
  await expect(seller).toContainText("Portico Demo");
  await expect(seller).toContainText("548 Market St");
  await expect(seller).toContainText("EIN: 12-3456789");
  await expect(buyer).toContainText("Studio Kranich GmbH");
  await expect(buyer).toContainText("10117 Berlin");
  await expect(buyer).toContainText("Germany");
  await expect(buyer).toContainText("VAT number: DE123456789");
  await expect(page.getByTestId("invoice-card")).toHaveText("Visa •••• 4242");
  const paymentId = (await page.getByTestId("invoice-payment-id").textContent())!.trim();
  expect(paymentId).toMatch(/^pay_/);
  await screenshot(page, "invoice-billing-details");

  const pdf = await page.request.get((await page.getByTestId("download-pdf").getAttribute("href"))!);
  const text = pdfText(await pdf.body());
  for (const s of ["Portico Demo", "548 Market St", "EIN: 12-3456789", "Studio Kranich GmbH", "10117 Berlin", "VAT number: DE123456789", "Visa **** 4242", paymentId]) expect(text).toContain(s);
});

test("a viewer sees the billing details read-only", async ({ page }) => {
  const c = newCustomer("platform");
  const viewer = `viewer-${c.customerId}@example.com`;
  addMemberTo(c.customerId, viewer, "viewer");
  await signIn(page, viewer);
  await page.goto("/settings/billing");
  await expect(page.getByText("only owners and billing members can change them")).toBeVisible();
  await expect(page.getByLabel("Billing name")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save billing details" })).toBeDisabled();
});
