// The portal inside the merchant's app: an embedded portal link opens in an iframe of a page on
// another origin (localhost vs 127.0.0.1: another site, so the session lives in partitioned
// cookies), the customer buys a pack there, and the host page hears of it and of Close through
// postMessage. Framing is refused to every origin the merchant did not allow, and to everyone on
// a page not opened through an embedded link.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { sql } from "./db";
import { newCustomer } from "./payments-helpers";

const SECRET = `sk_test_${randomBytes(16).toString("hex")}`;
const auth = { Authorization: `Bearer ${SECRET}` };
const page = fs.readFileSync("examples/embed/index.html");
let allowed: http.Server;
let other: http.Server;
const origin = (s: http.Server) => `http://localhost:${(s.address() as AddressInfo).port}`;
let before: string[] = [];

async function hostPage(): Promise<http.Server> {
  const s = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(page);
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return s;
}

async function embeddedLink(request: APIRequestContext, customer: string): Promise<string> {
  const res = await request.post("/api/v1/portal_sessions", { headers: auth, data: { customer, embed: true } });
  expect(res.status()).toBe(201);
  const body = await res.json();
  expect(body.embed).toBe(true);
  return body.url;
}

test.beforeAll(async () => {
  await sql(`INSERT INTO api_keys (id, merchant_id, name, prefix, hash) VALUES ($1, 'mer_demo', 'e2e embed', $2, $3)`, [
    `key_e2e_${randomBytes(4).toString("hex")}`,
    SECRET.slice(0, 12),
    createHash("sha256").update(SECRET).digest("hex"),
  ]);
  [allowed, other] = [await hostPage(), await hostPage()];
  before = (await sql<{ embed_origins: string[] }>(`SELECT embed_origins FROM merchants WHERE id = 'mer_demo'`))[0]!.embed_origins;
  await sql(`UPDATE merchants SET embed_origins = $1 WHERE id = 'mer_demo'`, [[origin(allowed)]]);
});

test.afterAll(async () => {
  await sql(`UPDATE merchants SET embed_origins = $1 WHERE id = 'mer_demo'`, [before]);
  allowed?.close();
  other?.close();
});

test("the portal opens inside the merchant's app, a pack is bought there, and the app hears of it and of Close", async ({ page, request }) => {
  const c = newCustomer("creator", { card: true });
  const link = await embeddedLink(request, c.customerId);
  await page.goto(`${origin(allowed)}/?portal=${encodeURIComponent(link)}`);
  const portal = page.frameLocator("#portal");
  await expect(portal.getByTestId("account-name")).toHaveText(c.name);
  const events = page.getByTestId("events").locator("li");
  await expect(events.and(page.locator('[data-type="portico.ready"]')).first()).toBeVisible();

  await portal.getByRole("link", { name: "Buy credits" }).first().click();
  // a move inside the portal is a page of its own for the app
  await expect(events.and(page.locator('[data-type="portico.ready"]')).filter({ hasText: '"path":"/credits"' })).toHaveCount(1);
  await portal.getByRole("button", { name: "Buy 500 credits" }).click();
  await expect(portal.getByTestId("quote-total")).toHaveText("$27.00");
  await portal.getByRole("button", { name: "Pay $27.00" }).click();
  await expect(portal.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  const number = (await portal.getByTestId("purchase-invoice").textContent())!.trim();
  const bought = events.and(page.locator('[data-type="portico.purchase_succeeded"]'));
  await expect(bought).toHaveCount(1);
  expect(JSON.parse((await bought.textContent())!)).toMatchObject({ type: "portico.purchase_succeeded", kind: "pack", amount_cents: "2700", total: "$27.00", invoice: number });
  // later pages (the purchase refreshes the portal) do not take the thanks away
  await expect(page.locator("#status")).toHaveText(`Thanks! Paid $27.00 (invoice ${number}).`);

  await portal.getByTestId("embed-close").click();
  await expect(page.locator("#portal")).toHaveCount(0);
  await expect(page.locator("#status")).toHaveText("Billing portal closed.");
});

test("only the merchant's allowed origins may frame the portal, and only through an embedded link", async ({ page, request, baseURL }) => {
  const c = newCustomer("creator");
  const link = await embeddedLink(request, c.customerId);
  const landing = await request.get(link, { maxRedirects: 0 });
  expect(landing.headers()["content-security-policy"]).toBe(`frame-ancestors 'self' ${origin(allowed)}`);
  expect(landing.headers()["x-frame-options"]).toBeUndefined();
  // a link whose origins were changed frames for nobody
  const url = new URL(link);
  const [, sig] = url.searchParams.get("embed")!.split(".");
  url.searchParams.set("embed", `${Buffer.from(JSON.stringify([origin(other)])).toString("base64url")}.${sig}`);
  const forged = await request.get(url.toString(), { maxRedirects: 0 });
  expect(forged.headers()["content-security-policy"]).toBe("frame-ancestors 'none'");
  expect(forged.headers()["x-frame-options"]).toBe("DENY");
  // an ordinary page, signed in or not, frames for nobody
  for (const path of ["/login", "/", "/docs/api"]) {
    const res = await request.get(`${baseURL}${path}`, { maxRedirects: 0 });
    expect(res.headers()["content-security-policy"], path).toBe("frame-ancestors 'none'");
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
  }
  // a page at another origin gets nothing: the browser refuses to show the portal, and no message arrives
  await page.goto(`${origin(other)}/?portal=${encodeURIComponent(await embeddedLink(request, c.customerId))}`);
  await page.waitForTimeout(3_000);
  await expect(page.frameLocator("#portal").getByTestId("account-name")).toHaveCount(0);
  await expect(page.getByTestId("events").locator("li")).toHaveCount(0);
});
