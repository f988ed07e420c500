// The words lib/services writes for the usage, plan and invoice pages, as the demo's German and
// Japanese customers read them in the browser (which asks for English: their own locale wins).
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a German customer's usage, plan and invoice pages have no English sentences", async ({ page }) => {
  await signIn(page, "lena@fischer.example");
  await page.goto("/usage");
  await expect(page.getByTestId("usage-range")).toContainText("(aktueller Zeitraum)");
  await page.getByLabel("Anzeigen").selectOption({ label: "Letzte 7 Tage" });
  await page.getByRole("button", { name: "Aktualisieren" }).click();
  await expect(page.getByTestId("usage-range")).toHaveText("Letzte 7 Tage");

  await page.goto("/plan");
  await expect(page.getByTestId("plan-creator_eur")).toContainText("45,00\u00a0€ pro Monat");
  await expect(page.getByTestId("proration-rule")).toContainText("Wird Ihre Karte abgelehnt, ändert sich nichts.");
  await expect(page.getByTestId("dunning-rule")).toContainText("Eine fehlgeschlagene Verlängerungszahlung");

  await page.goto("/invoices");
  await page.getByRole("link", { name: /^INV-/ }).first().click();
  await expect(page.getByTestId("invoice-status")).toHaveText("Bezahlt");
  await expect(page.getByText("Beträge werden auf 1/10.000 der kleinsten Einheit der Währung Euro genau geführt", { exact: false })).toBeVisible();
});

test("a Japanese customer's usage and plan pages are in Japanese", async ({ page }) => {
  await signIn(page, "haruto@sakura.example");
  await page.goto("/usage?show=range:30d");
  await expect(page.getByTestId("usage-range")).toHaveText("直近 30 日間");
  await page.goto("/plan");
  await expect(page.getByTestId("plan-platform_jpy")).toContainText("月額 ￥7,500");
  await expect(page.getByTestId("proration-rule")).toContainText("解約は今期の終わりに適用されます。");
});
