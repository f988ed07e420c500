// Every outcome card of the sandbox, for a credit pack and for funds, as a customer clicks it:
// 4242 succeeds, 0002 is declined, 9995 has insufficient funds, 3155 asks for 3-D Secure (passed
// or failed). What the page says is checked against the server's database and ledger.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { addCard, addFunds, buyPack, creditsOf, expectLedgerClean, newCustomer, paymentsOf, screenshot } from "./payments-helpers";

test.afterEach(async () => {
  await expectLedgerClean();
});

type Kind = "pack" | "funds";
const PLAN = { pack: "creator", funds: "platform" } as const;
const buy = (page: Parameters<typeof buyPack>[0], kind: Kind) => (kind === "pack" ? buyPack(page, "500 credits", "$27.00") : addFunds(page, "40", "$43.20"));
const usable = (page: Parameters<typeof buyPack>[0], kind: Kind) => page.getByTestId(kind === "pack" ? "usable-credits" : "usable-balance");
const AFTER = { pack: "1,500 credits", funds: "$90.00" };
const BEFORE = { pack: "1,000 credits", funds: "$50.00" };

for (const kind of ["pack", "funds"] as const) {
  test.describe(`${kind === "pack" ? "a credit pack" : "funds"}`, () => {
    test("4242 succeeds: invoice and new balance at once, credited by the pre-tax amount", async ({ page }) => {
      const c = newCustomer(PLAN[kind]);
      await signIn(page, c.email);
      await addCard(page, "4242424242424242");
      await page.goto(kind === "pack" ? "/credits" : "/funds");
      await expect(usable(page, kind)).toHaveText(BEFORE[kind]);
      await buy(page, kind);
      const outcome = page.getByTestId("purchase-outcome");
      await expect(outcome).toHaveAttribute("data-status", "succeeded");
      await expect(outcome).toContainText(kind === "pack" ? "Paid $27.00. 500 credits added" : "Paid $43.20. $40.00 added to your balance");
      await expect(page.getByTestId("purchase-invoice")).toHaveText(/^INV-\d{6}$/);
      await expect(usable(page, kind)).toHaveText(AFTER[kind]);
      await screenshot(page, `purchase-${kind}-succeeded`);
      const payments = await paymentsOf(c.customerId);
      expect(payments).toHaveLength(1);
      expect(payments[0]).toMatchObject({ status: "succeeded", amount_cents: kind === "pack" ? "2700" : "4320" });
      expect(await creditsOf(c.customerId)).toEqual([{ id: `credit:${payments[0]!.id}`, amount: kind === "pack" ? "500000" : "40000000", kind: kind === "pack" ? "purchase" : "top_up" }]);
      // the invoice is there, paid, with the tax on it
      await page.getByTestId("purchase-invoice").click();
      await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
      await expect(page.getByTestId("invoice-tax")).toHaveText(kind === "pack" ? "$2.00" : "$3.20");
      await expect(page.getByTestId("invoice-total")).toHaveText(kind === "pack" ? "$27.00" : "$43.20");
    });

    for (const [name, number, words, code] of [
      ["declined", "4000000000000002", "Your card was declined. Nothing was charged.", "card_declined"],
      ["insufficient funds", "4000000000009995", "Your card has insufficient funds. Nothing was charged.", "insufficient_funds"],
    ] as const) {
      test(`${number.slice(-4)} ${name}: a human message and nothing credited`, async ({ page }) => {
        const c = newCustomer(PLAN[kind]);
        await signIn(page, c.email);
        await addCard(page, number);
        await buy(page, kind);
        const outcome = page.getByTestId("purchase-outcome");
        await expect(outcome).toHaveAttribute("data-status", "failed");
        await expect(outcome).toContainText(words);
        await expect(outcome.getByRole("link", { name: "Use another card" })).toBeVisible();
        await expect(usable(page, kind)).toHaveText(BEFORE[kind]);
        await screenshot(page, `purchase-${kind}-${code}`);
        expect(await paymentsOf(c.customerId)).toMatchObject([{ status: "failed", failure_code: code, credited_at: null, invoice_id: null }]);
        expect(await creditsOf(c.customerId)).toEqual([]);
      });
    }

    test("3155 with 3-D Secure completed: the challenge, then the credit", async ({ page }) => {
      const c = newCustomer(PLAN[kind]);
      await signIn(page, c.email);
      await addCard(page, "4000002500003155");
      await buy(page, kind);
      await expect(page).toHaveURL(/\/payments\/pay_[a-z0-9]+\/authenticate$/);
      await expect(page.getByTestId("challenge-amount")).toHaveText(kind === "pack" ? "$27.00" : "$43.20");
      // nothing is credited while the bank waits
      expect(await paymentsOf(c.customerId)).toMatchObject([{ status: "requires_action", credited_at: null }]);
      await screenshot(page, `purchase-${kind}-3ds-challenge`);
      await page.getByRole("button", { name: "Complete authentication" }).click();
      await expect(page).toHaveURL(new RegExp(`/${kind === "pack" ? "credits" : "funds"}\\?payment=pay_`));
      await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
      await expect(usable(page, kind)).toHaveText(AFTER[kind]);
      expect(await paymentsOf(c.customerId)).toMatchObject([{ status: "succeeded" }]);
      expect(await creditsOf(c.customerId)).toHaveLength(1);
      // Back does not bring a live challenge again, and the challenge's address shows the outcome.
      const challengeUrl = `/payments/${(await paymentsOf(c.customerId))[0]!.id}/authenticate`;
      await page.goBack();
      await expect(page.getByRole("button", { name: "Complete authentication" })).toHaveCount(0);
      await page.goto(challengeUrl);
      await expect(page).toHaveURL(new RegExp(`/${kind === "pack" ? "credits" : "funds"}\\?payment=pay_`));
      await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
      await expect(page.getByRole("button", { name: "Complete authentication" })).toHaveCount(0);
      expect(await paymentsOf(c.customerId)).toHaveLength(1);
    });

    test("3155 with 3-D Secure failed: declined, nothing credited", async ({ page }) => {
      const c = newCustomer(PLAN[kind]);
      await signIn(page, c.email);
      await addCard(page, "4000002500003155");
      await buy(page, kind);
      await page.getByRole("button", { name: "Fail authentication" }).click();
      const outcome = page.getByTestId("purchase-outcome");
      await expect(outcome).toHaveAttribute("data-status", "failed");
      await expect(outcome).toContainText("The payment was not authenticated with your bank. Nothing was charged.");
      await expect(usable(page, kind)).toHaveText(BEFORE[kind]);
      expect(await paymentsOf(c.customerId)).toMatchObject([{ status: "failed", failure_code: "payment_intent_authentication_failure" }]);
      expect(await creditsOf(c.customerId)).toEqual([]);
    });
  });
}
