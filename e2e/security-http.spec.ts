// Security against the running server (production build, PostgreSQL): server actions refuse a
// foreign Origin (Next 16's CSRF check, verified here rather than assumed); the session cookie is
// HttpOnly + SameSite=Lax, and Secure when NEXTAUTH_URL is https; asking for sign-in links is rate
// limited per email (the form says how long to wait, the endpoint answers 429 + Retry-After) on a
// counter every instance shares; another account's payment page is not found.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";
import { buyPack, newCustomer, paymentsOf } from "./payments-helpers";
import { demoMerchantKey, OWN_PORT, startOwnServer, type OwnServer } from "./support/own-server";

let server: OwnServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

test("a server action posted with a foreign Origin is refused and charges nothing; the same request from the portal's origin runs", async ({ page, browser }) => {
  const c = newCustomer("creator", { card: true });
  await signIn(page, c.email);
  const captured: { url: string; headers: Record<string, string>; body: string }[] = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.headers()["next-action"] && (req.postData() ?? "").includes("formKey")) captured.push({ url: req.url(), headers: req.headers(), body: req.postData()! });
  });
  await buyPack(page, "500 credits", "$27.00");
  await expect(page.getByTestId("purchase-outcome")).toHaveAttribute("data-status", "succeeded");
  expect(captured).toHaveLength(1);
  const { url, headers, body } = captured[0]!;
  const formKey = /"formKey":"([A-Za-z0-9_-]+)"/.exec(body)![1]!;
  const replay = (origin: string | null) =>
    page.request.post(url, {
      headers: {
        ...Object.fromEntries(Object.entries(headers).filter(([k]) => !["cookie", "content-length", "host", "origin"].includes(k))),
        ...(origin ? { origin } : {}),
      },
      // a new form key each time: were the action to run, it would be a new purchase
      data: body.replace(formKey, randomBytes(12).toString("hex")),
    });

  for (const origin of ["https://evil.example", "http://127.0.0.1.evil.example", "null"]) {
    const res = await replay(origin);
    expect(res.status(), origin).toBe(500);
    expect(await res.text()).not.toContain("possible_duplicate");
  }
  expect(await paymentsOf(c.customerId)).toHaveLength(1);
  // the control: the same request from the portal's own origin reaches the action (which, as the
  // same purchase minutes later, asks the customer to confirm a repeat — still one payment)
  const same = await replay(new URL(url).origin);
  expect(same.status()).toBe(200);
  expect(await same.text()).toContain("possible_duplicate");
  expect(await paymentsOf(c.customerId)).toHaveLength(1);

  // another account's payment (3-D Secure page) is not found
  const payId = (await paymentsOf(c.customerId))[0]!.id;
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await signIn(other, "noah@nimbus.example");
  expect((await other.goto(`/payments/${payId}/authenticate`))!.status()).toBe(404);
  expect(await other.locator("main").innerText()).not.toContain("$27.00");
  await ctx.close();
});

test("the session cookie is HttpOnly and SameSite=Lax (None and Secure with embedding on); Secure with a __Secure- name when NEXTAUTH_URL is https", async ({ page, context }, info) => {
  await signIn(page, "maya@pixel.example");
  const cookie = (await context.cookies()).find((k) => k.name === "next-auth.session-token");
  // The postgres project's server runs with embedding on (PORTICO_EMBED=1, playwright.config.ts):
  // there the cookie must reach a cross-site frame, so SameSite=None and Secure.
  const embedding = info.project.name === "postgres";
  expect(cookie).toMatchObject({ httpOnly: true, path: "/", ...(embedding ? { sameSite: "None", secure: true } : { sameSite: "Lax" }) });

  // an instance configured for https (behind a TLS-terminating load balancer): sign in through a
  // portal link, as a merchant's app does, and read the cookies it sets
  server = await startOwnServer({ NEXTAUTH_URL: `https://127.0.0.1:${OWN_PORT}` });
  const c = newCustomer("platform");
  const link = await fetch(`${server.url}/api/v1/portal_sessions`, {
    method: "POST",
    headers: { authorization: `Bearer ${await demoMerchantKey()}`, "content-type": "application/json" },
    body: JSON.stringify({ customer: c.customerId, return_url: "https://app.example/billing" }),
  });
  expect(link.status).toBe(201);
  const token = new URL(((await link.json()) as { url: string }).url).pathname.split("/").pop()!;
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const csrfCookies = csrf.headers.getSetCookie();
  const csrfCookie = csrfCookies.find((s) => s.startsWith("__Host-next-auth.csrf-token="))!;
  expect(csrfCookie).toMatch(/; HttpOnly/);
  expect(csrfCookie).toMatch(/; Secure/);
  expect(csrfCookie).toMatch(/; SameSite=Lax/);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await fetch(`${server.url}/api/auth/callback/portal-session`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie.split(";")[0]! },
    body: new URLSearchParams({ csrfToken, token, json: "true", callbackUrl: "/" }),
  });
  const session = signedIn.headers.getSetCookie().find((s) => s.startsWith("__Secure-next-auth.session-token="));
  expect(session, signedIn.headers.getSetCookie().join("\n")).toBeTruthy();
  expect(session).toMatch(/; HttpOnly/);
  expect(session).toMatch(/; Secure/);
  expect(session).toMatch(/; SameSite=Lax/);
  expect(session).toMatch(/; Path=\//);
});

test("sign-in links are rate limited per email: the form says how long to wait, the endpoint answers 429 with Retry-After", async ({ browser }) => {
  server = await startOwnServer({ PORTICO_LIMIT_SIGNIN_EMAIL: "2/900" });
  const c = newCustomer("platform");
  // a client address of its own (the limits are shared by every instance and every test)
  const ctx = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${1 + (Date.now() % 250)}` } });
  const page = await ctx.newPage();
  const ask = async () => {
    await page.goto("/login");
    await page.getByLabel("Work email").fill(c.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  };
  for (let i = 0; i < 2; i++) {
    await ask();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  }
  await ask();
  await expect(page.locator("#email-error")).toHaveText("Too many sign-in links were asked for. Try again in 15 minutes.");
  const outbox = fs.readFileSync("test-results/e2e-pg-data/outbox.jsonl", "utf8").split("\n").filter((l) => l.includes(`"to":"${c.email}"`));
  expect(outbox).toHaveLength(2);

  const res = await fetch(`${server.url}/api/auth/signin/email`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: c.email, csrfToken: "x", json: "true" }),
  });
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(800);
  expect(await res.json()).toMatchObject({ error: { type: "rate_limited" } });
  // the counter is the row every instance shares (refused attempts count too)
  expect(await sql(`SELECT count FROM rate_limits WHERE key = $1`, [`signin:email:${c.email}`])).toEqual([{ count: 4 }]);
  await ctx.close();
});
