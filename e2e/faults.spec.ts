// Fault injection at each step of a credit-pack purchase, on PostgreSQL: the real `next start`
// process is killed (SIGKILL from a compiled-in failpoint, PORTICO_FAILPOINTS=<name>:crash), or
// its database connection is cut (a TCP proxy in front of PostgreSQL, reset when the failpoint
// pauses there). Then the server is started again (or the database comes back), the customer comes
// back, the provider's events (the sandbox's "webhooks", delivered by a worker) and
// `npm run payments:reconcile` run — and the money converges: charged once and credited once (or
// neither), `ledger:check` clean.
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";
import { creditsOf, expectLedgerClean, newCustomer, paymentsOf } from "./payments-helpers";
import { E2E_DATABASE_URL } from "../playwright.config";
import { startDbProxy } from "./support/db-proxy";
import { OWN_PORT, reconcilePayments, startOwnServer, type OwnServer } from "./support/own-server";

test.describe.configure({ timeout: 120_000 });

let server: OwnServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const intentsOf = async (customerId: string) =>
  (
    await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM sandbox_objects WHERE type = 'payment_intent' AND data->'metadata'->>'portico_customer_id' = $1 AND data->>'status' = 'succeeded'`,
      [customerId],
    )
  )[0]!.n;

/** Choose the 500-credit pack and confirm on instance `s`, which dies on the way. */
async function buyAndCrash(page: Page, s: OwnServer) {
  await page.goto(`${s.url}/credits`);
  await page.getByRole("button", { name: "Buy 500 credits" }).click();
  await expect(page.getByTestId("quote-total")).toHaveText("$27.00");
  await page.getByRole("button", { name: "Pay $27.00" }).click();
  const ended = await s.exited;
  expect(ended.signal, s.output()).toBe("SIGKILL");
  expect(s.output()).toContain("[failpoint] purchase.");
}

const STEPS = ["before_charge", "after_charge", "after_credit"] as const;

test("the server killed at each step of a purchase: restart + events + reconcile converge, nothing lost or doubled", async ({ browser }) => {
  const started = Date.now();
  const runs = [];
  // one customer per step, each signed in on the project's server (the session cookie is valid on every instance)
  for (const step of STEPS) {
    const c = newCustomer("creator", { card: true });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, c.email);
    runs.push({ step, c, ctx, page });
  }

  // each step: an instance armed with its failpoint dies in the middle of the customer's purchase
  for (const { step, c, page } of runs) {
    server = await startOwnServer({ PORTICO_FAILPOINTS: `purchase.${step}:crash` });
    await buyAndCrash(page, server);
    server = null;
    const [left] = await paymentsOf(c.customerId);
    expect(left, "the payment was recorded before charging").toBeTruthy();
    if (step === "before_charge") {
      expect(left!.status).toBe("processing");
      expect(await intentsOf(c.customerId)).toBe(0);
    } else {
      expect(await intentsOf(c.customerId), "the card was charged").toBe(1);
    }
    if (step === "after_credit") expect(await creditsOf(c.customerId)).toHaveLength(1);
  }
  const crashedAt = Date.now();

  // the instance comes back (no failpoint); the operator runs the reconciliation
  server = await startOwnServer();
  const rec = reconcilePayments();
  expect(rec.code, rec.output).toBe(0);

  for (const { step, c, page } of runs) {
    if (step === "before_charge") {
      // never charged: the payment is failed with a reason, nothing credited; buying again works once
      expect(await paymentsOf(c.customerId)).toMatchObject([{ status: "failed", failure_code: "not_charged", credited_at: null }]);
      expect(await creditsOf(c.customerId)).toHaveLength(0);
      await page.goto(`${server.url}/credits`);
      await page.getByRole("button", { name: "Buy 500 credits" }).click();
      await page.getByRole("button", { name: "Pay $27.00" }).click();
      await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
      expect((await paymentsOf(c.customerId)).map((p) => p.status)).toEqual(["failed", "succeeded"]);
    } else {
      // charged: credited exactly once; the customer's retry is told it already went through
      const [p] = await paymentsOf(c.customerId);
      expect(p).toMatchObject({ status: "succeeded" });
      expect(p!.credited_at).not.toBeNull();
      await page.goto(`${server.url}/credits`);
      await page.getByRole("button", { name: "Buy 500 credits" }).click();
      await page.getByRole("button", { name: "Pay $27.00" }).click();
      await expect(page.getByTestId("purchase-error")).toHaveAttribute("data-code", "possible_duplicate");
      expect(await paymentsOf(c.customerId)).toHaveLength(1);
    }
    expect(await intentsOf(c.customerId), `${step}: charged once`).toBe(1);
    expect(await creditsOf(c.customerId), `${step}: credited once`).toHaveLength(1);
    await page.goto(`${server.url}/credits`);
    await expect(page.getByTestId("usable-credits")).toHaveText("1,500 credits");
  }

  // running the reconciliation again changes nothing; the ledger balances
  const again = reconcilePayments();
  expect(again.output).toContain("Nothing to repair");
  await expectLedgerClean();
  for (const r of runs) await r.ctx.close();
  console.log(`[faults] 3 purchase crashes in ${((crashedAt - started) / 1000).toFixed(1)} s; restart + reconcile + retries + checks in ${((Date.now() - crashedAt) / 1000).toFixed(1)} s`);
});

test("the database connection cut at each step of a purchase: the server survives, and reconcile converges", async ({ browser }) => {
  const started = Date.now();
  const proxy = await startDbProxy(OWN_PORT + 1);
  const viaProxy = new URL(E2E_DATABASE_URL);
  viaProxy.port = String(proxy.port);
  const runs = [];
  try {
    for (const [i, step] of STEPS.entries()) {
      const c = newCustomer("creator", { card: true });
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await signIn(page, c.email);
      server = await startOwnServer({ DATABASE_URL: viaProxy.toString(), PORTICO_FAILPOINTS: `purchase.${step}:pause` }, OWN_PORT + 2 + i);
      await page.goto(`${server.url}/credits`);
      await page.getByRole("button", { name: "Buy 500 credits" }).click();
      await expect(page.getByTestId("quote-total")).toHaveText("$27.00");
      await page.getByRole("button", { name: "Pay $27.00" }).click();
      await expect.poll(() => server!.output(), { timeout: 15_000 }).toContain(`[failpoint] purchase.${step}: pause`);
      proxy.cut();
      // the customer is told the server could not be reached, and that a retry cannot charge twice
      await expect(page.getByTestId("purchase-error")).toHaveAttribute("data-code", "network");
      proxy.restore();
      // the instance is still up and serves again once the database is back
      expect(server.proc.exitCode).toBeNull();
      await expect.poll(async () => (await fetch(`${server!.url}/login`)).status).toBe(200);
      runs.push({ step, c, ctx, page, s: server });
    }
    const cutAt = Date.now();
    const rec = reconcilePayments();
    expect(rec.code, rec.output).toBe(0);
    for (const { step, c, page, s } of runs) {
      const payments = await paymentsOf(c.customerId);
      expect(payments, step).toHaveLength(1);
      if (step === "before_charge") {
        expect(payments[0]).toMatchObject({ status: "failed", failure_code: "not_charged" });
        expect(await intentsOf(c.customerId)).toBe(0);
        expect(await creditsOf(c.customerId)).toHaveLength(0);
      } else {
        expect(payments[0]).toMatchObject({ status: "succeeded" });
        expect(await intentsOf(c.customerId), `${step}: charged once`).toBe(1);
        expect(await creditsOf(c.customerId), `${step}: credited once`).toHaveLength(1);
        await page.goto(`${s.url}/credits`);
        await expect(page.getByTestId("usable-credits")).toHaveText("1,500 credits");
      }
    }
    await expectLedgerClean();
    console.log(`[faults] 3 database cuts in ${((cutAt - started) / 1000).toFixed(1)} s; reconcile + checks in ${((Date.now() - cutAt) / 1000).toFixed(1)} s; ${proxy.connections()} connections through the proxy`);
  } finally {
    for (const r of runs) {
      await r.ctx.close();
      await r.s.stop();
    }
    await proxy.close();
  }
});
