import { expect, test } from "@playwright/test";
import { formatMoney } from "../lib/billing/money";
import { ledgerCheck, sql } from "./db";
import { signIn } from "./helpers";

test("the overview shows the ledger's balance (PostgreSQL), and the ledger is clean", async ({ page }) => {
  await signIn(page, "noah@nimbus.example");
  const [row] = await sql<{ available: string }>(
    `SELECT posted_credits - posted_debits - pending_debits AS available FROM ledger_accounts WHERE id = 'cus_demo_nimbus:balance'`,
  );
  const dollars = formatMoney({ amount: BigInt(row!.available), asset: "USD" });
  await expect(page.getByTestId("balance-balance")).toHaveText(dollars);
  const check = ledgerCheck();
  expect(check.output).toContain("Ledger clean");
  expect(check.code).toBe(0);
});
