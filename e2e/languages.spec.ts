// A customer in Berlin and one in Tokyo (the demo's Fischer Design, billed in euros in German, and
// さくらクラウド, billed in yen in Japanese): the portal speaks their language whatever the browser
// says, amounts are in their currency's own minor units, and the invoice PDF and the receipt email
// follow. The browser here asks for English: the customer's own locale wins.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { newCustomer } from "./payments-helpers";
import { expectAccessible } from "./portal";
import { pdfUnicodeText } from "../test/support/pdf-unicode";

const NBSP = "\u00a0";

async function receipt(page: Page, email: string, subject: string) {
  const message = page
    .getByTestId("outbox-message")
    .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
    .filter({ has: page.getByTestId("outbox-subject").getByText(subject, { exact: true }) });
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(message.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return message.first();
}

test("a German customer on a EUR plan buys a pack: German pages, euro amounts, German invoice and email", async ({ page }) => {
  await signIn(page, "lena@fischer.example");
  await expect(page.locator("html")).toHaveAttribute("lang", "de-DE");
  await expect(page.getByRole("navigation", { name: /.+/ }).getByRole("link", { name: "Übersicht" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/credits");
  const pack = page.getByTestId("pack-pack_50000");
  await expect(pack).toContainText(`1.234,56${NBSP}€`);
  await pack.getByRole("button", { name: /kaufen$/ }).click();
  await expect(page.getByTestId("quote-subtotal")).toHaveText(`1.234,56${NBSP}€`);
  await expect(page.getByTestId("quote-tax")).toHaveText(`98,76${NBSP}€`);
  await expect(page.getByTestId("quote-total")).toHaveText(`1.333,32${NBSP}€`);
  await expect(page.getByText("Abgebuchter Gesamtbetrag")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: `1.333,32${NBSP}€ bezahlen` }).click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  const number = (await page.getByTestId("purchase-invoice").textContent())!.trim();

  const mail = await receipt(page, "lena@fischer.example", "Credits hinzugefügt");
  await expect(mail).toContainText(`Rechnung ${number} ansehen`);
  const pdf = await page.request.get((await mail.getByTestId("outbox-attachment").getAttribute("href"))!);
  const text = await pdfUnicodeText(await pdf.body());
  expect(text).toContain("Rechnung");
  expect(text).toContain("Rechnung an");
  expect(text).toContain(number);
  expect(text).toMatch(/1\.333,32\s€/);
});

test("a Japanese customer on a JPY plan adds funds: Japanese pages, whole yen, Japanese invoice and email", async ({ page }) => {
  await signIn(page, "haruto@sakura.example");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja-JP");
  await expect(page.getByRole("navigation", { name: /.+/ }).getByRole("link", { name: "概要" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/funds");
  await page.getByLabel("金額（JPY）", { exact: true }).fill("1235");
  await page.getByRole("button", { name: "確認する" }).click();
  // yen have no minor unit: ¥1,235 + 8 % tax (¥98.8) is charged as ¥1,334, never ¥1,333.80
  await expect(page.getByTestId("quote-subtotal")).toHaveText("￥1,235");
  await expect(page.getByTestId("quote-total")).toHaveText("￥1,334");
  await expectAccessible(page);
  await page.getByRole("button", { name: "￥1,334を支払う" }).click();
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  const number = (await page.getByTestId("purchase-invoice").textContent())!.trim();
  await page.goto("/funds");
  await expect(page.getByTestId("usable-balance")).toContainText("￥");
  await expect(page.getByTestId("usable-balance")).not.toContainText(".");

  const mail = await receipt(page, "haruto@sakura.example", "残高をチャージしました");
  await expect(mail).toContainText(`請求書 ${number} を見る`);
  const pdf = await page.request.get((await mail.getByTestId("outbox-attachment").getAttribute("href"))!);
  const text = await pdfUnicodeText(await pdf.body());
  expect(text).toContain("請求書");
  expect(text).toContain("請求先");
  expect(text).toContain("さくらクラウド株式会社");
  expect(text).toContain("1,334");
});

test("a customer picks German in Settings, and Automatic goes back to the browser's English", async ({ page }) => {
  const c = newCustomer("creator");
  await signIn(page, c.email);
  await page.goto("/settings");
  await page.getByLabel("Language").selectOption({ label: "Deutsch" });
  await page.getByTestId("save-language").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de-DE");
  await expect(page.getByRole("link", { name: "Übersicht" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Sprache")).toHaveValue("de-DE");
  await page.getByLabel("Sprache").selectOption({ value: "" });
  await expect(page.getByTestId("save-language")).toHaveText("Speichern");
  await page.getByTestId("save-language").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-US");
  await expect(page.getByRole("link", { name: "Overview" })).toBeVisible();
});
