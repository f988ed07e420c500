// Contract tests of the merchant API (DESIGN §8): every endpoint through its real route handler,
// on a real (embedded) database — key auth, the error shape, bad input of every kind changing
// nothing, another merchant's objects, idempotency, and the OpenAPI document.
import { describe, expect, it } from "vitest";
import { GET as openapiGET } from "@/app/api/v1/openapi.json/route";
import { GET as plansGET } from "@/app/api/v1/plans/route";
import { GET as customersGET, POST as customersPOST } from "@/app/api/v1/customers/route";
import { GET as customerGET, PATCH as customerPATCH } from "@/app/api/v1/customers/[id]/route";
import { POST as subscriptionPOST } from "@/app/api/v1/customers/[id]/subscription/route";
import { GET as walletGET } from "@/app/api/v1/customers/[id]/wallet/route";
import { POST as usagePOST } from "@/app/api/v1/usage/route";
import { POST as authorizePOST } from "@/app/api/v1/authorize/route";
import { GET as holdGET } from "@/app/api/v1/holds/[id]/route";
import { POST as capturePOST } from "@/app/api/v1/holds/[id]/capture/route";
import { POST as releasePOST } from "@/app/api/v1/holds/[id]/release/route";
import { POST as portalPOST } from "@/app/api/v1/portal_sessions/route";
import { readFrameOrigins } from "@/lib/embed/frame";
import type { DbHandle } from "@/lib/db/client";
import { hashSecret } from "@/lib/services/customers/api-keys";
import { checkLedger } from "@/lib/services/ledger/ledger-check";
import { consumePortalLink, inspectPortalLink } from "@/lib/services/portal/portal-sessions";
import { call, expectError, CUSTOMERS, MER, type ApiFixture, type ApiResponse, withApiFixture } from "@/test/support/api";
import { clearKeyCache } from "./keys";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import { purgeIdempotencyRecords } from "./idempotency";

let h: DbHandle;
let fx: ApiFixture;

withApiFixture((db, fixture) => ((h = db), (fx = fixture)));

const counts = async () => ({
  customers: await h.prisma.customer.count(),
  users: await h.prisma.user.count(),
  transfers: await h.prisma.ledgerTransfer.count(),
  events: await h.prisma.usageEvent.count(),
  holds: await h.prisma.hold.count(),
  sessions: await h.prisma.portalSession.count(),
});

const available = async (ref: string) => {
  const w = await call(walletGET, "GET", `/customers/${ref}/wallet`, { key: fx.key, params: { id: ref } });
  expect(w.status).toBe(200);
  return BigInt(w.body.usable.available.amount);
};

describe("authentication", () => {
  it.each([
    ["no header", null, "missing_api_key"],
    ["a malformed key", "nope", "invalid_api_key"],
    ["an unknown key", "sk_test_abcdefghijklmnopqrstuvwxyz012345", "invalid_api_key"],
  ])("refuses %s with a 401", async (_, key, code) => {
    const res = await call(plansGET, "GET", "/plans", { key });
    expectError(res, 401, code);
    expect(res.body.error.type).toBe("authentication_error");
  });

  it("refuses a revoked key", async () => {
    const { createApiKey } = await import("@/lib/services/customers/api-keys");
    const k = await createApiKey(h.prisma as never, { merchantId: MER, name: "to revoke" });
    expect((await call(plansGET, "GET", "/plans", { key: k.secret })).status).toBe(200);
    await h.prisma.apiKey.update({ where: { id: k.id }, data: { revokedAt: new Date() } });
    clearKeyCache();
    expectError(await call(plansGET, "GET", "/plans", { key: k.secret }), 401, "invalid_api_key");
  });

  it("stores keys only as a hash", async () => {
    const row = await h.prisma.apiKey.findFirstOrThrow({ where: { hash: hashSecret(fx.key) } });
    expect(JSON.stringify(row)).not.toContain(fx.key);
    expect(fx.key.startsWith(row.prefix)).toBe(true);
  });
});

describe("GET /plans", () => {
  it("lists the merchant's plans with their model, prices and burn / price table", async () => {
    const res = await call(plansGET, "GET", "/plans", { key: fx.key });
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: { code: string; model: string }) => [p.code, p.model])).toEqual([
      ["api_pro", "metered"],
      ["creator", "credits"],
      ["platform", "balance"],
    ]);
    const creator = res.body.data[1];
    expect(creator.price).toEqual({ asset: "USD", amount: "49000000", scale: 6, formatted: "$49.00" });
    expect(creator.allowance).toEqual({ asset: "CREDIT", amount: "1000000", scale: 3, formatted: "1,000 credits" });
    expect(creator.actions.map((a: { code: string; unit_cost: { amount: string } }) => [a.code, a.unit_cost.amount])).toEqual([
      ["image_generation", "10000"],
      ["voice_transcription", "3000"],
      ["agent_run", "25000"],
    ]);
    expect(creator.packs.map((k: { code: string }) => k.code)).toEqual(["pack_500", "pack_2000"]);
    const platform = res.body.data[2];
    expect(platform.actions[0].unit_cost.formatted).toBe("$0.002");
    expect(res.body.data[0].overage_price.formatted).toBe("$0.01");
  });

  it("shows another merchant only its own plans", async () => {
    const res = await call(plansGET, "GET", "/plans", { key: fx.otherKey });
    expect(res.body.data.map((p: { code: string }) => p.code)).toEqual(["creator"]);
  });

  it("refuses unknown query parameters", async () => {
    expectError(await call(plansGET, "GET", "/plans", { key: fx.key, query: "model=metered" }), 400, "parameter_unknown", "model");
  });
});

describe("customers", () => {
  it("creates a customer with its owner and subscription, then finds it by both ids", async () => {
    const res = await call(customersPOST, "POST", "/customers", {
      key: fx.key,
      body: { external_id: "globex", name: "Globex", email: "Hank@Globex.Example", plan: "creator" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ object: "customer", external_id: "globex", name: "Globex", email: "hank@globex.example", subscription: { plan: "creator", status: "active", pending_plan: null } });
    const id = res.body.id as string;
    expect(id).toMatch(/^cus_/);
    const byId = await call(customerGET, "GET", `/customers/${id}`, { key: fx.key, params: { id } });
    const byExt = await call(customerGET, "GET", "/customers/ext:globex", { key: fx.key, params: { id: "ext:globex" } });
    expect(byId.body).toEqual(res.body);
    expect(byExt.body).toEqual(res.body);
    // the owner can sign in, and the first period's allowance is in the wallet
    const owner = await h.prisma.membership.findFirstOrThrow({ where: { customerId: id }, include: { user: true } });
    expect([owner.role, owner.user.email]).toEqual(["owner", "hank@globex.example"]);
    expect(await available("ext:globex")).toBe(1_000_000n);
  });

  it("creates a customer without a plan, and starts one later", async () => {
    const res = await call(customersPOST, "POST", "/customers", { key: fx.key, body: { external_id: "initech", name: "Initech", email: "bill@initech.example" } });
    expect(res.status).toBe(201);
    expect(res.body.subscription).toBeNull();
    const started = await call(subscriptionPOST, "POST", "/customers/ext:initech/subscription", { key: fx.key, params: { id: "ext:initech" }, body: { plan: "platform" } });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ result: "started", customer: { subscription: { plan: "platform", pending_plan: null } } });
    expect(await available("ext:initech")).toBe(50_000_000n);
  });

  it("schedules a plan change for the next period, and cancels it on request", async () => {
    const before = await call(customerGET, "GET", "/customers/ext:globex", { key: fx.key, params: { id: "ext:globex" } });
    const change = await call(subscriptionPOST, "POST", "/customers/ext:globex/subscription", { key: fx.key, params: { id: "ext:globex" }, body: { plan: "api_pro" } });
    expect(change.status).toBe(200);
    expect(change.body).toMatchObject({ result: "scheduled", effective_at: before.body.subscription.current_period_end, customer: { subscription: { plan: "creator", pending_plan: "api_pro" } } });
    expect(change.body.message).toContain("at the start of the next period");
    const same = await call(subscriptionPOST, "POST", "/customers/ext:globex/subscription", { key: fx.key, params: { id: "ext:globex" }, body: { plan: "creator" } });
    expect(same.body).toMatchObject({ result: "scheduled_change_canceled", customer: { subscription: { plan: "creator", pending_plan: null } } });
    const again = await call(subscriptionPOST, "POST", "/customers/ext:globex/subscription", { key: fx.key, params: { id: "ext:globex" }, body: { plan: "creator" } });
    expect(again.body.result).toBe("unchanged");
  });

  it.each([
    ["a missing name", { external_id: "x1", email: "a@b.example" }, 400, "parameter_missing", "name"],
    ["a number for a name", { external_id: "x1", name: 5, email: "a@b.example" }, 400, "parameter_invalid", "name"],
    ["an invalid email", { external_id: "x1", name: "X", email: "not-an-email" }, 400, "parameter_invalid", "email"],
    ["an empty external id", { external_id: "", name: "X", email: "a@b.example" }, 400, "parameter_invalid", "external_id"],
    ["an external id with spaces", { external_id: "a b", name: "X", email: "a@b.example" }, 400, "parameter_invalid", "external_id"],
    ["an unknown field", { external_id: "x1", name: "X", email: "a@b.example", plan_code: "creator" }, 400, "parameter_unknown", "plan_code"],
    ["an unknown plan", { external_id: "x1", name: "X", email: "a@b.example", plan: "gold" }, 404, "resource_missing", "plan"],
    ["another merchant's plan code", { external_id: "x1", name: "X", email: "a@b.example", plan: "nope" }, 404, "resource_missing", "plan"],
    ["an external id already taken", { external_id: "acme", name: "X", email: "a@b.example" }, 409, "resource_already_exists", "external_id"],
  ])("refuses %s and creates nothing", async (_, body, status, code, param) => {
    const before = await counts();
    expectError(await call(customersPOST, "POST", "/customers", { key: fx.key, body }), status, code, param);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["not JSON", "{name:"],
    ["a JSON array", "[1,2]"],
    ["a JSON string", '"hello"'],
  ])("refuses a body that is %s", async (_, rawBody) => {
    expectError(await call(customersPOST, "POST", "/customers", { key: fx.key, rawBody }), 400, "invalid_json");
  });

  it("pages through customers newest first, never showing another merchant's", async () => {
    for (let i = 0; i < 5; i++) {
      await call(customersPOST, "POST", "/customers", { key: fx.key, body: { external_id: `page-${i}`, name: `Page ${i}`, email: `p${i}@page.example` } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const res: ApiResponse = await call(customersGET, "GET", "/customers", { key: fx.key, query: `limit=2${cursor ? `&starting_after=${cursor}` : ""}` });
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.next_cursor;
      expect(res.body.has_more).toBe(cursor !== null);
      if (!cursor) break;
    }
    const ours = await h.prisma.customer.findMany({ where: { merchantId: MER }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(seen).toEqual(ours.map((c) => c.id));
    expect(seen).not.toContain(fx.otherCustomerId);
    const filtered = await call(customersGET, "GET", "/customers", { key: fx.key, query: "external_id=pixel" });
    expect(filtered.body.data.map((c: { id: string }) => c.id)).toEqual([CUSTOMERS.pixel.id]);
  });

  it.each([
    ["limit=0", 400, "parameter_invalid", "limit"],
    ["limit=101", 400, "parameter_invalid", "limit"],
    ["limit=abc", 400, "parameter_invalid", "limit"],
    ["starting_after=cus_nope", 404, "resource_missing", "starting_after"],
    ["sort=name", 400, "parameter_unknown", "sort"],
  ])("refuses ?%s", async (query, status, code, param) => {
    expectError(await call(customersGET, "GET", "/customers", { key: fx.key, query }), status, code, param);
  });

  it("answers another merchant's customer with a 404, exactly like an unknown one", async () => {
    const other = await call(customerGET, "GET", `/customers/${fx.otherCustomerId}`, { key: fx.key, params: { id: fx.otherCustomerId } });
    const unknown = await call(customerGET, "GET", "/customers/cus_doesnotexist", { key: fx.key, params: { id: "cus_doesnotexist" } });
    expectError(other, 404, "resource_missing");
    expectError(unknown, 404, "resource_missing");
    expect(other.body.error.message.replace(fx.otherCustomerId, "X")).toBe(unknown.body.error.message.replace("cus_doesnotexist", "X"));
    expectError(await call(walletGET, "GET", `/customers/${fx.otherCustomerId}/wallet`, { key: fx.key, params: { id: fx.otherCustomerId } }), 404, "resource_missing");
    expectError(
      await call(subscriptionPOST, "POST", `/customers/${fx.otherCustomerId}/subscription`, { key: fx.key, params: { id: fx.otherCustomerId }, body: { plan: "creator" } }),
      404,
      "resource_missing",
    );
    // "ext:pixel" names each merchant's own customer
    const mine = await call(customerGET, "GET", "/customers/ext:pixel", { key: fx.key, params: { id: "ext:pixel" } });
    const theirs = await call(customerGET, "GET", "/customers/ext:pixel", { key: fx.otherKey, params: { id: "ext:pixel" } });
    expect([mine.body.id, theirs.body.id]).toEqual([CUSTOMERS.pixel.id, fx.otherCustomerId]);
  });
});

describe("PATCH /customers/{id}", () => {
  const patch = (id: string, body: unknown, key = fx.key) => call(customerPATCH, "PATCH", `/customers/${id}`, { key, params: { id }, body });
  const stored = () => h.prisma.customer.findUniqueOrThrow({ where: { id: CUSTOMERS.acme.id } });

  it("sets the billing details invoices are made out to, keeps what is left out, and clears with null", async () => {
    const res = await patch("ext:acme", {
      billing_details: { name: "Acme Robotics GmbH", address: { line1: "Unter den Linden 1", postal_code: "10117", city: "Berlin", country: "de" }, tax_id: "de123456789" },
    });
    expect(res.status).toBe(200);
    expect(res.body.billing_details).toEqual({
      name: "Acme Robotics GmbH",
      address: { line1: "Unter den Linden 1", line2: null, city: "Berlin", postal_code: "10117", state: null, country: "DE" },
      tax_id: "DE123456789",
    });
    // readable back through GET
    expect((await call(customerGET, "GET", "/customers/ext:acme", { key: fx.key, params: { id: "ext:acme" } })).body.billing_details.tax_id).toBe("DE123456789");
    // only the name: the address and tax ID stay
    const renamed = await patch("ext:acme", { billing_details: { name: "Acme SE" } });
    expect(renamed.body.billing_details).toMatchObject({ name: "Acme SE", tax_id: "DE123456789", address: { city: "Berlin" } });
    const cleared = await patch("ext:acme", { billing_details: { tax_id: null, address: null, name: null } });
    expect(cleared.body.billing_details).toEqual({ name: null, address: null, tax_id: null });
  });

  it.each([
    [{ billing_details: { address: { line1: "1 Main St", city: "Berlin", country: "DE" }, tax_id: "DE12" } }, "billing_details.tax_id", /not a valid VAT number for Germany/],
    [{ billing_details: { address: { line1: "1 Main St", city: "", country: "DE" } } }, "billing_details.address.city", /Enter the city/],
    [{ billing_details: { address: { line1: "1 Main St", city: "Berlin", country: "XX" } } }, "billing_details.address.country", /Choose a country/],
    [{ billing_details: { tax_id: "DE123456789" } }, "billing_details.tax_id", /country first/],
  ])("refuses %j naming the field, and writes nothing", async (body, param, message) => {
    const before = await stored();
    const res = await patch("ext:acme", { name: "Renamed Inc", ...body });
    expectError(res, 400, "parameter_invalid", param);
    expect(res.body.error.message).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  it("refuses unknown fields and another merchant's customer", async () => {
    expectError(await patch("ext:acme", { billing_details: { vat: "x" } }), 400, "parameter_unknown", "billing_details.vat");
    expectError(await patch(fx.otherCustomerId, { name: "Mine now" }), 404, "resource_missing");
    expect((await h.prisma.customer.findUniqueOrThrow({ where: { id: fx.otherCustomerId } })).name).not.toBe("Mine now");
  });
});

describe("POST /usage", () => {
  const post = (events: unknown, opts: { idempotencyKey?: string; key?: string } = {}) =>
    call(usagePOST, "POST", "/usage", { key: opts.key ?? fx.key, body: { events }, idempotencyKey: opts.idempotencyKey });
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  it("rates each event on its own: accepted with its cost, the bad ones rejected with a reason", async () => {
    const creditsBefore = await available("ext:pixel");
    const before = await counts();
    const events = [
      { id: "u-ok-1", customer: "ext:pixel", action: "image_generation", quantity: 3, timestamp: ago(60_000) },
      { id: "u-ok-2", customer: CUSTOMERS.pixel.id, action: "voice_transcription", quantity: "2" },
      { id: "u-frac", customer: "ext:pixel", action: "image_generation", quantity: 1.5 },
      { id: "u-neg", customer: "ext:pixel", action: "image_generation", quantity: -1 },
      { id: "u-zero", customer: "ext:pixel", action: "image_generation", quantity: 0 },
      { id: "u-huge", customer: "ext:pixel", action: "image_generation", quantity: 1e13 },
      { id: "u-hugestr", customer: "ext:pixel", action: "image_generation", quantity: "10000000000000000000" },
      { id: "u-fracstr", customer: "ext:pixel", action: "image_generation", quantity: "1.5" },
      { id: "u-bool", customer: "ext:pixel", action: "image_generation", quantity: true },
      { id: "u-noq", customer: "ext:pixel", action: "image_generation" },
      { customer: "ext:pixel", action: "image_generation", quantity: 1 },
      { id: 42, customer: "ext:pixel", action: "image_generation", quantity: 1 },
      { id: "u-nocust", action: "image_generation", quantity: 1 },
      { id: "u-unknown-cust", customer: "ext:nobody", action: "image_generation", quantity: 1 },
      { id: "u-other-merchant", customer: fx.otherCustomerId, action: "image_generation", quantity: 1 },
      { id: "u-unknown-action", customer: "ext:pixel", action: "teleport", quantity: 1 },
      { id: "u-future", customer: "ext:pixel", action: "image_generation", quantity: 1, timestamp: new Date(Date.now() + 10 * 60_000).toISOString() },
      { id: "u-before", customer: "ext:pixel", action: "image_generation", quantity: 1, timestamp: ago(30 * 86_400_000) },
      { id: "u-badts", customer: "ext:pixel", action: "image_generation", quantity: 1, timestamp: "yesterday" },
      { id: "u-nooffset", customer: "ext:pixel", action: "image_generation", quantity: 1, timestamp: "2026-11-21T10:00:00" },
      { id: "u-extra", customer: "ext:pixel", action: "image_generation", quantity: 1, user: "x" },
      { id: "u-props", customer: "ext:pixel", action: "image_generation", quantity: 1, properties: [1] },
      "not an object",
      { id: "u-ok-1", customer: "ext:pixel", action: "image_generation", quantity: 3 },
    ];
    const res = await post(events);
    expect(res.status).toBe(200);
    const outcome = res.body.results.map((r: { index: number; id: string | null; status: string; reason: string | null }) => [r.index, r.id, r.status, r.reason]);
    expect(outcome).toEqual([
      [0, "u-ok-1", "accepted", null],
      [1, "u-ok-2", "accepted", null],
      [2, "u-frac", "rejected", "invalid_quantity"],
      [3, "u-neg", "rejected", "invalid_quantity"],
      [4, "u-zero", "rejected", "invalid_quantity"],
      [5, "u-huge", "rejected", "invalid_quantity"],
      [6, "u-hugestr", "rejected", "invalid_quantity"],
      [7, "u-fracstr", "rejected", "invalid_quantity"],
      [8, "u-bool", "rejected", "invalid_quantity"],
      [9, "u-noq", "rejected", "invalid_quantity"],
      [10, null, "rejected", "invalid_event"],
      [11, null, "rejected", "invalid_event"],
      [12, "u-nocust", "rejected", "invalid_event"],
      [13, "u-unknown-cust", "rejected", "unknown_customer"],
      [14, "u-other-merchant", "rejected", "unknown_customer"],
      [15, "u-unknown-action", "rejected", "unknown_action"],
      [16, "u-future", "rejected", "timestamp_in_future"],
      [17, "u-before", "rejected", "timestamp_before_open_period"],
      [18, "u-badts", "rejected", "invalid_timestamp"],
      [19, "u-nooffset", "rejected", "invalid_timestamp"],
      [20, "u-extra", "rejected", "invalid_event"],
      [21, "u-props", "rejected", "invalid_event"],
      [22, null, "rejected", "invalid_event"],
      [23, "u-ok-1", "duplicate", null],
    ]);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 21 });
    for (const r of res.body.results.filter((x: { status: string }) => x.status === "rejected")) expect(r.message.length).toBeGreaterThan(10);
    expect(res.body.results[0]).toMatchObject({ customer: CUSTOMERS.pixel.id, cost: { asset: "CREDIT", amount: "30000", scale: 3, formatted: "30 credits" }, overage: null });
    expect(res.body.results[1].cost.amount).toBe("6000");
    // exactly the two accepted events were charged and stored
    expect(await available("ext:pixel")).toBe(creditsBefore - 36_000n);
    expect((await counts()).events).toBe(before.events + 2);
    const stored = await h.prisma.usageEvent.findFirstOrThrow({ where: { eventId: "u-ok-2" } });
    expect([stored.quantity, stored.costAmount, stored.customerId]).toEqual([2n, 6_000n, CUSTOMERS.pixel.id]);
  });

  it("treats a re-sent event as a duplicate and charges nothing again", async () => {
    const before = await available("ext:pixel");
    const res = await post([{ id: "u-ok-1", customer: "ext:pixel", action: "image_generation", quantity: 3 }]);
    expect(res.body.results[0]).toMatchObject({ status: "duplicate", reason: null });
    expect(await available("ext:pixel")).toBe(before);
  });

  it("accrues metered usage beyond the included units as overage, up to the spending cap", async () => {
    const first = await post([{ id: "m-1", customer: "ext:acme", action: "api_call", quantity: 9_990 }]);
    expect(first.body.results[0]).toMatchObject({ status: "accepted", cost: { asset: "API_CALL", amount: "9990" }, overage: null });
    const over = await post([{ id: "m-2", customer: "ext:acme", action: "api_call", quantity: 60 }]);
    expect(over.body.results[0]).toMatchObject({ status: "accepted", cost: { amount: "60" }, overage: { asset: "USD", amount: "500000", formatted: "$0.50" } });
    const w = await call(walletGET, "GET", "/customers/ext:acme/wallet", { key: fx.key, params: { id: "ext:acme" } });
    expect(w.body.included).toMatchObject({ granted: { amount: "10000" }, used: { amount: "10000" }, left: { amount: "0" } });
    expect(w.body.overage).toMatchObject({ accrued: { amount: "500000" }, cap: null });
    // a cap of $1: $0.50 more fits, one call beyond it does not
    await h.prisma.subscription.update({ where: { customerId: CUSTOMERS.acme.id }, data: { spendingCapMicros: 1_000_000n } });
    const capped = await post([
      { id: "m-3", customer: "ext:acme", action: "api_call", quantity: 50 },
      { id: "m-4", customer: "ext:acme", action: "api_call", quantity: 1 },
    ]);
    expect(capped.body.results.map((r: { status: string; reason: string | null }) => r.reason ?? r.status)).toEqual(["accepted", "spending_cap_reached"]);
    const after = await call(walletGET, "GET", "/customers/ext:acme/wallet", { key: fx.key, params: { id: "ext:acme" } });
    expect(after.body.overage).toMatchObject({ accrued: { amount: "1000000" }, cap: { amount: "1000000" }, cap_left: { amount: "0" } });
    await h.prisma.subscription.update({ where: { customerId: CUSTOMERS.acme.id }, data: { spendingCapMicros: null } });
  });

  it("refuses what the wallet cannot pay, with the plan's words", async () => {
    const res = await post([
      { id: "b-1", customer: "ext:nimbus", action: "build_minute", quantity: 1_000_000 },
      { id: "c-1", customer: "ext:pixel", action: "agent_run", quantity: 1_000 },
      { id: "b-2", customer: "ext:nimbus", action: "gb_hour", quantity: 500 },
    ]);
    expect(res.body.results.map((r: { reason: string | null; status: string }) => r.reason ?? r.status)).toEqual(["insufficient_balance", "insufficient_credits", "accepted"]);
    expect(res.body.results[0].message).toMatch(/costs \$40,000\.00; \$[\d,.]+ available/);
    expect(res.body.results[2].cost).toMatchObject({ asset: "USD", amount: "1000000", formatted: "$1.00" });
  });

  it.each([
    ["not JSON", { rawBody: "{events:[" }, "invalid_json", null],
    ["events missing", { body: {} }, "parameter_missing", "events"],
    ["events not an array", { body: { events: { id: "x" } } }, "parameter_invalid", "events"],
    ["an extra envelope field", { body: { events: [], customer: "x" } }, "parameter_unknown", "customer"],
    ["1,001 events", { body: { events: Array.from({ length: 1001 }, (_, i) => ({ id: `big-${i}`, customer: "ext:pixel", action: "image_generation", quantity: 1 })) } }, "batch_too_large", "events"],
  ])("fails the whole call only for an envelope error: %s", async (_, opts, code, param) => {
    const before = await counts();
    expectError(await call(usagePOST, "POST", "/usage", { key: fx.key, ...opts }), 400, code, param);
    expect(await counts()).toEqual(before);
  });

  it("accepts an empty batch", async () => {
    const res = await post([]);
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 0, rejected: 0, results: [] });
  });

  it("keeps every event's cost equal to the transfers that charged it, and daily aggregates equal to the events", async () => {
    const mismatched = await h.prisma.$queryRawUnsafe<unknown[]>(`
      SELECT t.id FROM ledger_transfers t LEFT JOIN usage_charges c ON c.transfer_id = t.id
       WHERE t.kind = 'usage' AND t.phase IN ('single', 'post_pending') GROUP BY t.id, t.amount HAVING t.amount <> COALESCE(SUM(c.amount), 0)`);
    expect(mismatched).toEqual([]);
    // each event's charges: its cost in the plan's asset, plus (metered) the overage money for
    // the units beyond the included ones
    const costs = await h.prisma.$queryRawUnsafe<unknown[]>(`
      SELECT e.pk FROM usage_events e
        JOIN subscriptions s ON s.customer_id = e.customer_id JOIN plans p ON p.id = s.plan_id
        LEFT JOIN usage_charges c ON c.event_pk = e.pk
       GROUP BY e.pk, e.cost_amount, e.cost_asset, e.overage_micros, p.overage_price_micros
      HAVING COALESCE(SUM(c.amount) FILTER (WHERE c.asset <> e.cost_asset), 0) <> e.overage_micros
          OR COALESCE(SUM(c.amount) FILTER (WHERE c.asset = e.cost_asset), 0)
             <> e.cost_amount - CASE WHEN e.overage_micros = 0 THEN 0 ELSE e.overage_micros / p.overage_price_micros END`);
    expect(costs).toEqual([]);
    const agg = await h.prisma.$queryRawUnsafe<unknown[]>(`
      SELECT d.customer_id FROM daily_usage d
        FULL JOIN (SELECT customer_id, action, (timestamp AT TIME ZONE 'UTC')::date AS day, SUM(quantity) q, SUM(cost_amount) c, SUM(overage_micros) o, COUNT(*) n
                     FROM usage_events GROUP BY 1, 2, 3) e
          ON e.customer_id = d.customer_id AND e.action = d.action AND e.day = d.day
       WHERE d.quantity IS DISTINCT FROM e.q OR d.cost_amount IS DISTINCT FROM e.c OR d.overage_micros IS DISTINCT FROM e.o OR d.events IS DISTINCT FROM e.n`);
    expect(agg).toEqual([]);
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});

describe("POST /authorize and holds", () => {
  const authorize = (body: unknown, key = fx.key) => call(authorizePOST, "POST", "/authorize", { key, body });

  it("answers without writing anything when no hold is asked for", async () => {
    const before = await counts();
    const yes = await authorize({ customer: "ext:pixel", action: "image_generation", quantity: 2 });
    expect(yes.status).toBe(200);
    expect(yes.body).toMatchObject({ allowed: true, reason: null, cost: { amount: "20000", asset: "CREDIT" }, hold: null });
    expect(BigInt(yes.body.available.amount) - BigInt(yes.body.remaining.amount)).toBe(20_000n);
    const no = await authorize({ customer: "ext:pixel", action: "agent_run", quantity: 10_000 });
    expect(no.body).toMatchObject({ allowed: false, reason: "insufficient_credits", cost: { amount: "250000000" } });
    expect(no.body.message).toContain("available");
    expect(no.body.remaining).toEqual(no.body.available);
    const unknown = await authorize({ customer: "ext:pixel", action: "teleport", quantity: 1 });
    expect(unknown.body).toMatchObject({ allowed: false, reason: "unknown_action", cost: null });
    expect(await counts()).toEqual(before);
  });

  it("reserves with a hold, captures what was used and releases the rest", async () => {
    const start = await available("ext:pixel");
    const res = await authorize({ customer: "ext:pixel", action: "image_generation", quantity: 3, hold: true });
    expect(res.body).toMatchObject({ allowed: true, hold: { status: "pending", quantity: "3", amount: { amount: "30000" } } });
    const holdId = res.body.hold.id as string;
    const reserved = await call(walletGET, "GET", "/customers/ext:pixel/wallet", { key: fx.key, params: { id: "ext:pixel" } });
    expect(BigInt(reserved.body.usable.available.amount)).toBe(start - 30_000n);
    expect(reserved.body.usable.held.amount).toBe("30000");
    expect(reserved.body.pending_holds.map((x: { id: string }) => x.id)).toEqual([holdId]);

    const captured = await call(capturePOST, "POST", `/holds/${holdId}/capture`, { key: fx.key, params: { id: holdId }, body: { quantity: 2 } });
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ status: "captured", captured_quantity: "2", captured_amount: { amount: "20000" }, usage_event: holdId });
    expect(await available("ext:pixel")).toBe(start - 20_000n);
    const event = await h.prisma.usageEvent.findFirstOrThrow({ where: { eventId: holdId }, include: { charges: true } });
    expect([event.quantity, event.costAmount, event.holdId]).toEqual([2n, 20_000n, holdId]);
    expect(event.charges.reduce((s, c) => s + c.amount, 0n)).toBe(20_000n);
    expect((await call(holdGET, "GET", `/holds/${holdId}`, { key: fx.key, params: { id: holdId } })).body.status).toBe("captured");

    // a second capture, or a release now, is a clear 409
    const twice = await call(capturePOST, "POST", `/holds/${holdId}/capture`, { key: fx.key, params: { id: holdId }, body: {} });
    expectError(twice, 409, "hold_not_pending");
    expect(twice.body.error.message).toContain("already captured");
    expectError(await call(releasePOST, "POST", `/holds/${holdId}/release`, { key: fx.key, params: { id: holdId } }), 409, "hold_not_pending");
  });

  it("releases a hold: the wallet gets everything back and nothing is charged", async () => {
    const start = await available("ext:nimbus");
    const res = await authorize({ customer: "ext:nimbus", action: "build_minute", quantity: 10, hold: true, hold_ttl_seconds: 60 });
    expect(res.body.hold.amount).toMatchObject({ asset: "USD", amount: "400000" });
    expect(await available("ext:nimbus")).toBe(start - 400_000n);
    const released = await call(releasePOST, "POST", `/holds/${res.body.hold.id}/release`, { key: fx.key, params: { id: res.body.hold.id } });
    expect(released.body).toMatchObject({ status: "released", captured_amount: null });
    expect(await available("ext:nimbus")).toBe(start);
    expect(await h.prisma.usageEvent.count({ where: { eventId: res.body.hold.id } })).toBe(0);
  });

  it("holds included units and overage on a metered plan, and captures them in that order", async () => {
    // acme has used all 10,000 included calls: a hold is all overage at $0.01
    const res = await authorize({ customer: "ext:acme", action: "api_call", quantity: 10, hold: true });
    expect(res.body).toMatchObject({ allowed: true, overage: { amount: "100000" }, hold: { overage: { amount: "100000" } } });
    const c = await call(capturePOST, "POST", `/holds/${res.body.hold.id}/capture`, { key: fx.key, params: { id: res.body.hold.id }, body: { quantity: 4 } });
    expect(c.body.status).toBe("captured");
    const event = await h.prisma.usageEvent.findFirstOrThrow({ where: { eventId: res.body.hold.id } });
    expect([event.costAmount, event.overageMicros]).toEqual([4n, 40_000n]);
  });

  it.each([
    ["quantity 0", { customer: "ext:pixel", action: "image_generation", quantity: 0 }, 400, "parameter_invalid", "quantity"],
    ["a fractional quantity", { customer: "ext:pixel", action: "image_generation", quantity: 1.5 }, 400, "parameter_invalid", "quantity"],
    ["a negative quantity", { customer: "ext:pixel", action: "image_generation", quantity: -3 }, 400, "parameter_invalid", "quantity"],
    ["a huge quantity", { customer: "ext:pixel", action: "image_generation", quantity: "10000000000000" }, 400, "parameter_invalid", "quantity"],
    ["a missing customer", { action: "image_generation", quantity: 1 }, 400, "parameter_missing", "customer"],
    ["hold as a string", { customer: "ext:pixel", action: "image_generation", quantity: 1, hold: "yes" }, 400, "parameter_invalid", "hold"],
    ["a hold ttl below 10 s", { customer: "ext:pixel", action: "image_generation", quantity: 1, hold: true, hold_ttl_seconds: 5 }, 400, "parameter_invalid", "hold_ttl_seconds"],
    ["a hold ttl above 24 h", { customer: "ext:pixel", action: "image_generation", quantity: 1, hold: true, hold_ttl_seconds: 86_401 }, 400, "parameter_invalid", "hold_ttl_seconds"],
    ["an unknown customer", { customer: "ext:nobody", action: "image_generation", quantity: 1, hold: true }, 404, "resource_missing", "customer"],
  ])("refuses %s and holds nothing", async (_, body, status, code, param) => {
    const before = await counts();
    expectError(await authorize(body), status, code, param);
    expect(await counts()).toEqual(before);
  });

  it("refuses another merchant's customer and holds", async () => {
    expectError(await authorize({ customer: fx.otherCustomerId, action: "image_generation", quantity: 1, hold: true }), 404, "resource_missing", "customer");
    const theirs = await authorize({ customer: "ext:pixel", action: "image_generation", quantity: 1, hold: true }, fx.otherKey);
    expect(theirs.body.customer).toBe(fx.otherCustomerId);
    const id = theirs.body.hold.id;
    expectError(await call(holdGET, "GET", `/holds/${id}`, { key: fx.key, params: { id } }), 404, "resource_missing");
    expectError(await call(capturePOST, "POST", `/holds/${id}/capture`, { key: fx.key, params: { id }, body: {} }), 404, "resource_missing");
    expectError(await call(releasePOST, "POST", `/holds/${id}/release`, { key: fx.key, params: { id } }), 404, "resource_missing");
    expect((await h.prisma.hold.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("refuses to capture more than was held, or an unknown hold", async () => {
    const res = await authorize({ customer: "ext:pixel", action: "voice_transcription", quantity: 2, hold: true });
    const id = res.body.hold.id;
    expectError(await call(capturePOST, "POST", `/holds/${id}/capture`, { key: fx.key, params: { id }, body: { quantity: 3 } }), 400, "capture_exceeds_hold", "quantity");
    expectError(await call(capturePOST, "POST", `/holds/${id}/capture`, { key: fx.key, params: { id }, body: { quantity: 0 } }), 400, "parameter_invalid", "quantity");
    expectError(await call(capturePOST, "POST", "/holds/hld_nope/capture", { key: fx.key, params: { id: "hld_nope" }, body: {} }), 404, "resource_missing");
    expect((await h.prisma.hold.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });
});

describe("POST /portal_sessions", () => {
  it("mints a single-use link valid for 10 minutes, storing only the token's hash", async () => {
    const res = await call(portalPOST, "POST", "/portal_sessions", { key: fx.key, body: { customer: "ext:acme", return_url: "https://app.acme.example/billing" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ object: "portal_session", customer: CUSTOMERS.acme.id, return_url: "https://app.acme.example/billing" });
    const token = (res.body.url as string).split("/portal-session/")[1]!;
    expect(token).toMatch(/^[0-9a-z]{40,}$/);
    const ttl = new Date(res.body.expires_at).getTime() - new Date(res.body.created_at).getTime();
    expect(ttl).toBe(10 * 60_000);
    const row = await h.prisma.portalSession.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await inspectPortalLink(token)).toEqual({ state: "valid" });
    const used = await consumePortalLink(token);
    const owner = await h.prisma.membership.findFirstOrThrow({ where: { customerId: CUSTOMERS.acme.id, role: "owner" } });
    expect(used).toMatchObject({ userId: owner.userId, customerId: CUSTOMERS.acme.id, portalSessionId: res.body.id });
    expect(await consumePortalLink(token)).toBeNull();
    expect(await inspectPortalLink(token)).toMatchObject({ state: "used", merchantName: "Portico Demo", returnUrl: "https://app.acme.example/billing" });
  });

  it("an embedded link carries the merchant's signed frame origins into the session; without origins it is refused", async () => {
    const savedSecret = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "api-test-secret-0123456789";
    const refused = await call(portalPOST, "POST", "/portal_sessions", { key: fx.key, body: { customer: "ext:acme", embed: true } });
    expectError(refused, 400, "parameter_invalid", "embed");
    expect(refused.body.error.message).toContain("embedOrigins");
    await h.prisma.merchant.update({ where: { id: MER }, data: { embedOrigins: ["https://app.acme.example"] } });
    try {
      const res = await call(portalPOST, "POST", "/portal_sessions", { key: fx.key, body: { customer: "ext:acme", embed: true } });
      expect(res.status).toBe(201);
      expect(res.body.embed).toBe(true);
      const url = new URL(res.body.url);
      expect(await readFrameOrigins(url.searchParams.get("embed"), process.env.NEXTAUTH_SECRET)).toEqual(["https://app.acme.example"]);
      const used = await consumePortalLink(url.pathname.split("/portal-session/")[1]!);
      expect(used?.embedOrigins).toEqual(["https://app.acme.example"]);
      // an ordinary link opens no frame
      const plain = await call(portalPOST, "POST", "/portal_sessions", { key: fx.key, body: { customer: "ext:acme" } });
      expect(plain.body.embed).toBe(false);
      expect((await consumePortalLink(plain.body.url.split("/portal-session/")[1]!))?.embedOrigins).toBeNull();
    } finally {
      await h.prisma.merchant.update({ where: { id: MER }, data: { embedOrigins: [] } });
      if (savedSecret === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = savedSecret;
    }
  });

  it("refuses an expired or a forged token", async () => {
    const res = await call(portalPOST, "POST", "/portal_sessions", { key: fx.key, body: { customer: CUSTOMERS.pixel.id } });
    const token = (res.body.url as string).split("/portal-session/")[1]!;
    const later = new Date(Date.now() + 10 * 60_000 + 1_000);
    expect(await consumePortalLink(token, later)).toBeNull();
    expect((await inspectPortalLink(token, later)).state).toBe("expired");
    expect(await consumePortalLink(token.slice(0, -1) + (token.endsWith("a") ? "b" : "a"))).toBeNull();
    expect(await inspectPortalLink("forged0000000000000000000000000000")).toEqual({ state: "invalid" });
    expect(await consumePortalLink(token)).not.toBeNull(); // the real one, in time, still works once
  });

  it.each([
    ["a javascript: return URL", { customer: "ext:acme", return_url: "javascript:alert(1)" }, 400, "parameter_invalid", "return_url"],
    ["a relative return URL", { customer: "ext:acme", return_url: "/billing" }, 400, "parameter_invalid", "return_url"],
    ["a missing customer", { return_url: "https://x.example" }, 400, "parameter_missing", "customer"],
    ["an unknown customer", { customer: "cus_nope" }, 404, "resource_missing", "customer"],
  ])("refuses %s", async (_, body, status, code, param) => {
    const before = await counts();
    expectError(await call(portalPOST, "POST", "/portal_sessions", { key: fx.key, body }), status, code, param);
    expect(await counts()).toEqual(before);
  });

  it("refuses another merchant's customer", async () => {
    expectError(await call(portalPOST, "POST", "/portal_sessions", { key: fx.key, body: { customer: fx.otherCustomerId } }), 404, "resource_missing", "customer");
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body, and runs the work once", async () => {
    const body = { external_id: "idem-1", name: "Idem", email: "i@idem.example", plan: "creator" };
    const first = await call(customersPOST, "POST", "/customers", { key: fx.key, body, idempotencyKey: "k-create-1" });
    const again = await call(customersPOST, "POST", "/customers", { key: fx.key, body: { email: body.email, plan: body.plan, name: body.name, external_id: body.external_id }, idempotencyKey: "k-create-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await h.prisma.customer.count({ where: { externalId: "idem-1" } })).toBe(1);
  });

  it("replays usage results as they were (accepted, not duplicate)", async () => {
    const body = { events: [{ id: "idem-evt", customer: "ext:pixel", action: "voice_transcription", quantity: 1 }] };
    const first = await call(usagePOST, "POST", "/usage", { key: fx.key, body, idempotencyKey: "k-usage-1" });
    const again = await call(usagePOST, "POST", "/usage", { key: fx.key, body, idempotencyKey: "k-usage-1" });
    expect(first.body.results[0].status).toBe("accepted");
    expect(again.body).toEqual(first.body);
  });

  it("replays an error response too", async () => {
    const body = { external_id: "acme", name: "Dup", email: "d@dup.example" };
    const first = await call(customersPOST, "POST", "/customers", { key: fx.key, body, idempotencyKey: "k-err-1" });
    const again = await call(customersPOST, "POST", "/customers", { key: fx.key, body, idempotencyKey: "k-err-1" });
    expectError(first, 409, "resource_already_exists");
    expect(again.body).toEqual(first.body);
  });

  it("refuses the same key with a different body or endpoint", async () => {
    await call(customersPOST, "POST", "/customers", { key: fx.key, body: { external_id: "idem-2", name: "A", email: "a@idem.example" }, idempotencyKey: "k-create-2" });
    const other = await call(customersPOST, "POST", "/customers", { key: fx.key, body: { external_id: "idem-3", name: "B", email: "b@idem.example" }, idempotencyKey: "k-create-2" });
    expectError(other, 409, "idempotency_key_reused");
    expect(other.body.error.message).toContain("different body");
    const elsewhere = await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [] }, idempotencyKey: "k-create-2" });
    expectError(elsewhere, 409, "idempotency_key_reused");
    expect(elsewhere.body.error.message).toContain("POST /api/v1/customers");
    expect(await h.prisma.customer.count({ where: { externalId: "idem-3" } })).toBe(0);
  });

  it("keeps keys per merchant", async () => {
    const body = { events: [] };
    await call(usagePOST, "POST", "/usage", { key: fx.key, body, idempotencyKey: "k-shared" });
    const theirs = await call(usagePOST, "POST", "/usage", { key: fx.otherKey, body: { events: [{ id: "e", customer: "ext:pixel", action: "image_generation", quantity: 1 }] }, idempotencyKey: "k-shared" });
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers 409 while the first request is still running, and takes over an abandoned one", async () => {
    await h.prisma.idempotencyRecord.create({ data: { merchantId: MER, key: "k-running", method: "POST", path: "/api/v1/usage", requestHash: "x" } });
    // the hash differs from any real body: a different request is refused before anything else
    expectError(await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [] }, idempotencyKey: "k-running" }), 409, "idempotency_key_reused");
    const { requestHash } = await import("./idempotency");
    const hash = requestHash("POST", "/api/v1/usage", { events: [] });
    await h.prisma.idempotencyRecord.create({ data: { merchantId: MER, key: "k-running-2", method: "POST", path: "/api/v1/usage", requestHash: hash } });
    const busy = await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [] }, idempotencyKey: "k-running-2" });
    expectError(busy, 409, "idempotency_in_progress");
    expect(busy.headers.get("retry-after")).toBe("1");
    await h.prisma.idempotencyRecord.update({ where: { merchantId_key: { merchantId: MER, key: "k-running-2" } }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    expect((await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [] }, idempotencyKey: "k-running-2" })).status).toBe(200);
  });

  it("refuses a malformed key", async () => {
    expectError(await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [] }, idempotencyKey: "x".repeat(256) }), 400, "idempotency_key_invalid");
    expectError(await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [] }, idempotencyKey: "has space" }), 400, "idempotency_key_invalid");
  });

  it("keeps records at least 24 h and purges them after 48 h", async () => {
    await h.prisma.idempotencyRecord.createMany({
      data: [
        { merchantId: MER, key: "k-old", method: "POST", path: "/x", requestHash: "h", createdAt: new Date(Date.now() - 49 * 3_600_000) },
        { merchantId: MER, key: "k-day", method: "POST", path: "/x", requestHash: "h", createdAt: new Date(Date.now() - 25 * 3_600_000) },
      ],
    });
    await purgeIdempotencyRecords(new Date());
    const keys = (await h.prisma.idempotencyRecord.findMany({ where: { key: { in: ["k-old", "k-day"] } } })).map((r) => r.key);
    expect(keys).toEqual(["k-day"]);
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with every endpoint, generated from the schemas the routes use", async () => {
    const res = await openapiGET(new Request("http://portico.test/api/v1/openapi.json"));
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    for (const e of Object.values(ENDPOINTS) as Endpoint[]) {
      const op = doc.paths[e.path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${e.path}`).toBeTruthy();
      expect(op.operationId).toBe(e.id);
    }
    expect(doc.components.schemas.UsageEvent.required).toEqual(["id", "customer", "action", "quantity"]);
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain("idempotency_key_reused");
    expect(doc["x-error-codes"].map((c: { code: string }) => c.code)).toContain("rate_limited");
  });

  it("matches the README: every error code is in its table", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync("README.md", "utf8");
    const { ERROR_CODES } = await import("./errors");
    for (const [code, def] of Object.entries(ERROR_CODES)) expect(readme, code).toContain(`| ${def.status} | \`${code}\` |`);
  });

  it("documents examples that the API itself would accept and produce", () => {
    for (const e of Object.values(ENDPOINTS) as Endpoint[]) {
      if (!e.example) continue;
      const response = e.response.safeParse(e.example.response);
      expect(response.success, `${e.id} response example: ${JSON.stringify(response.error?.issues[0])}`).toBe(true);
      if (e.example.body !== undefined) {
        const body = (e.docBody ?? e.body).safeParse(e.example.body);
        expect(body.success, `${e.id} body example: ${JSON.stringify(body.error?.issues[0])}`).toBe(true);
      }
    }
  });
});

describe("a metered plan in another currency", () => {
  it("reports overage in the plan's currency in usage results, authorizations, holds and the wallet", async () => {
    const { upsertPlan } = await import("@/lib/services/catalog/catalog");
    const { DEMO_PLANS } = await import("@/lib/billing/plans");
    const metered = DEMO_PLANS.find((p) => p.code === "api_pro")!;
    // €0.01 a call beyond 10,000
    await h.prisma.$transaction((tx) => upsertPlan(tx as never, MER, { ...metered, code: "api_eur", name: "API Euro", currency: "EUR" }));
    const made = await call(customersPOST, "POST", "/customers", { key: fx.key, body: { external_id: "eurocalls", name: "Euro Calls", email: "ops@eurocalls.example", plan: "api_eur" } });
    expect(made.status).toBe(201);
    const used = await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [{ id: "eur-1", customer: "ext:eurocalls", action: "api_call", quantity: 10_050 }] } });
    expect(used.body.results[0]).toMatchObject({ status: "accepted", overage: { asset: "EUR", amount: "500000", formatted: "€0.50" } });
    const asked = await call(authorizePOST, "POST", "/authorize", { key: fx.key, body: { customer: "ext:eurocalls", action: "api_call", quantity: 20, hold: true } });
    expect(asked.body).toMatchObject({ allowed: true, overage: { asset: "EUR", formatted: "€0.20" }, hold: { overage: { asset: "EUR", amount: "200000" } } });
    const holdId = asked.body.hold.id as string;
    expect((await call(holdGET, "GET", `/holds/${holdId}`, { key: fx.key, params: { id: holdId } })).body.overage).toMatchObject({ asset: "EUR" });
    const w = await call(walletGET, "GET", "/customers/ext:eurocalls/wallet", { key: fx.key, params: { id: "ext:eurocalls" } });
    // accrued counts the held €0.20 too (so the cap is not exceeded by work in progress)
    expect(w.body.overage.accrued).toMatchObject({ asset: "EUR", amount: "700000", formatted: "€0.70" });
    expect(w.body.pending_holds[0].overage).toMatchObject({ asset: "EUR" });
    const released = await call(releasePOST, "POST", `/holds/${holdId}/release`, { key: fx.key, params: { id: holdId } });
    expect(released.body).toMatchObject({ status: "released", overage: { asset: "EUR" } });
  });
});
