// The receipt email of a purchase, as the customer gets it (the dev outbox): one message, a link
// to the invoice that opens it in the portal, and the invoice's PDF attached.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { buyPack, newCustomer } from "./payments-helpers";
import { pdfText } from "../test/support/pdf-text";

test("a purchase's email links to its invoice and attaches the PDF", async ({ page }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  await buyPack(page, "500 credits", "$27.00");
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  const number = (await page.getByTestId("purchase-invoice").textContent())!.trim();

  const toCustomer = page.getByTestId("outbox-message").filter({ has: page.getByTestId("outbox-to").getByText(c.email, { exact: true }) });
  const withSubject = (subject: string) => toCustomer.filter({ has: page.getByTestId("outbox-subject").getByText(subject, { exact: true }) });
  const receipt = withSubject("Credits added");
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(receipt).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // one email for the purchase, not a second one for its invoice
  await expect(withSubject(`Invoice ${number}`)).toHaveCount(0);
  await expect(receipt).toContainText(`View the invoice ${number}`);

  const attachment = receipt.getByTestId("outbox-attachment");
  await expect(attachment).toHaveText(`${number}.pdf`);
  const pdf = await page.request.get((await attachment.getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const text = pdfText(await pdf.body());
  expect(text).toContain(number);
  expect(text).toContain("$27.00");

  await receipt.getByRole("link", { name: /^Open \/invoices\// }).click();
  await expect(page.getByTestId("invoice-number")).toContainText(number);
  await expect(page.getByTestId("invoice-total")).toHaveText("$27.00");
});
