// The merchant reads back what Portico recorded: invoices (+ PDF), payments and events, through the
// real route handlers — paginated newest first, filtered, scoped to the key's merchant (the other
// merchant's are "not found" exactly like unknown ones); and the webhook endpoint's secret rotation
// and test delivery, against a real HTTP receiver on 127.0.0.1 that checks the signature.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as eventsGET } from "@/app/api/v1/events/route";
import { GET as invoiceGET } from "@/app/api/v1/invoices/[id]/route";
import { GET as pdfGET } from "@/app/api/v1/invoices/[id]/pdf/route";
import { GET as invoicesGET } from "@/app/api/v1/invoices/route";
import { GET as paymentsGET } from "@/app/api/v1/payments/route";
import { POST as rotatePOST } from "@/app/api/v1/webhook_endpoints/[id]/rotate_secret/route";
import { POST as testPOST } from "@/app/api/v1/webhook_endpoints/[id]/test/route";
import { POST as endpointsPOST } from "@/app/api/v1/webhook_endpoints/route";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { createInvoice } from "@/lib/services/invoices/invoices";
import { verify } from "@/lib/webhooks/signature";
import { pdfText } from "@/test/support/pdf-text";
import { call, CUSTOMERS, expectError, MER, OTHER, type ApiFixture, withApiFixture } from "@/test/support/api";

let h: DbHandle;
let fx: ApiFixture;
withApiFixture((db, fixture) => ((h = db), (fx = fixture)));

const ids: { mine: string[]; theirs: string } = { mine: [], theirs: "" };

beforeAll(async () => {
  const line = (n: number) => [{ description: `Funds added to your balance (${n})`, quantity: 1n, unitLabel: "top-up", unitPriceMicros: BigInt(n) * 1_000_000n, amountMicros: BigInt(n) * 1_000_000n }];
  // three invoices of A's (two customers), one of B's; each issue also records an invoice.issued event
  for (const [i, customerId] of [CUSTOMERS.acme.id, CUSTOMERS.pixel.id, CUSTOMERS.acme.id].entries()) {
    const inv = await transaction((tx) => createInvoice(tx, { merchantId: MER, customerId, kind: "top_up", currency: "USD", taxRateBps: 800, lines: line(10 + i), paid: true, now: new Date(Date.now() - (3 - i) * 60_000) }));
    ids.mine.push(inv.id);
    await h.prisma.payment.create({
      data: { id: `pay_rec_${i}`, merchantId: MER, customerId, invoiceId: inv.id, idempotencyKey: `rec-${i}`, provider: "sandbox", purpose: "top_up", amountCents: inv.totalCents, currency: "USD", status: i === 1 ? "failed" : "succeeded", failureCode: i === 1 ? "card_declined" : null, createdAt: new Date(Date.now() - (3 - i) * 60_000) },
    });
  }
  const theirs = await transaction((tx) => createInvoice(tx, { merchantId: OTHER, customerId: fx.otherCustomerId, kind: "top_up", currency: "USD", taxRateBps: 0, lines: line(99), paid: true, now: new Date() }));
  ids.theirs = theirs.id;
  await h.prisma.payment.create({ data: { id: "pay_rec_b", merchantId: OTHER, customerId: fx.otherCustomerId, invoiceId: theirs.id, idempotencyKey: "rec-b", provider: "sandbox", purpose: "top_up", amountCents: theirs.totalCents, currency: "USD", status: "succeeded" } });
});

describe("GET /invoices, /invoices/{id}, /invoices/{id}/pdf", () => {
  it("lists the merchant's invoices newest first, pages with starting_after, and filters", async () => {
    const first = await call(invoicesGET, "GET", "/invoices", { key: fx.key, query: "limit=2" });
    expect(first.status).toBe(200);
    expect(first.body.data.map((i: { id: string }) => i.id)).toEqual([ids.mine[2], ids.mine[1]]);
    expect(first.body).toMatchObject({ has_more: true, next_cursor: ids.mine[1] });
    const second = await call(invoicesGET, "GET", "/invoices", { key: fx.key, query: `limit=2&starting_after=${first.body.next_cursor}` });
    expect(second.body.data.map((i: { id: string }) => i.id)).toContain(ids.mine[0]);
    expect(second.body.data.map((i: { id: string }) => i.id)).not.toContain(ids.theirs);
    const pixel = await call(invoicesGET, "GET", "/invoices", { key: fx.key, query: "customer=ext:pixel" });
    expect(pixel.body.data.map((i: { id: string }) => i.id)).toEqual([ids.mine[1]]);
    expect((await call(invoicesGET, "GET", "/invoices", { key: fx.key, query: "status=open" })).body.data).toEqual([]);
  });

  it("gives one invoice exactly, with its total as charged and the parties it was issued to", async () => {
    const r = await call(invoiceGET, "GET", `/invoices/${ids.mine[0]}`, { key: fx.key, params: { id: ids.mine[0]! } });
    expect(r.body).toMatchObject({
      object: "invoice",
      customer: CUSTOMERS.acme.id,
      kind: "top_up",
      status: "paid",
      subtotal: { asset: "USD", amount: "10000000", scale: 6, formatted: "$10.00" },
      tax: { amount: "800000" },
      total: { amount: "10800000", formatted: "$10.80" },
      seller: { name: "Portico Demo" },
      buyer: { name: "acme" },
      pdf_url: `/api/v1/invoices/${ids.mine[0]}/pdf`,
    });
    expect(r.body.lines).toEqual([{ description: "Funds added to your balance (10)", quantity: "1", unit_label: "top-up", unit_price: expect.objectContaining({ amount: "10000000" }), amount: expect.objectContaining({ amount: "10000000" }) }]);
  });

  it("serves the invoice's PDF to its merchant only", async () => {
    const res = await pdfGET(new Request(`http://portico.test/api/v1/invoices/${ids.mine[0]}/pdf`, { headers: { authorization: `Bearer ${fx.key}` } }), { params: Promise.resolve({ id: ids.mine[0]! }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("$10.80");
    expectError(await call(pdfGET, "GET", `/invoices/${ids.theirs}/pdf`, { key: fx.key, params: { id: ids.theirs } }), 404, "resource_missing");
    expectError(await call(invoiceGET, "GET", `/invoices/${ids.theirs}`, { key: fx.key, params: { id: ids.theirs } }), 404, "resource_missing");
    expectError(await call(pdfGET, "GET", `/invoices/${ids.mine[0]}/pdf`, { key: null, params: { id: ids.mine[0]! } }), 401, "missing_api_key");
  });

  it("refuses a cursor that is not one of its invoices, and unknown filters", async () => {
    expectError(await call(invoicesGET, "GET", "/invoices", { key: fx.key, query: `starting_after=${ids.theirs}` }), 404, "resource_missing", "starting_after");
    expectError(await call(invoicesGET, "GET", "/invoices", { key: fx.key, query: "status=paidd" }), 400, "parameter_invalid", "status");
    expectError(await call(invoicesGET, "GET", "/invoices", { key: fx.key, query: "sort=asc" }), 400, "parameter_unknown", "sort");
  });
});

describe("GET /payments", () => {
  it("lists the merchant's payments with status and failure, filtered by status", async () => {
    const all = await call(paymentsGET, "GET", "/payments", { key: fx.key });
    expect(all.body.data.map((p: { id: string }) => p.id)).toEqual(["pay_rec_2", "pay_rec_1", "pay_rec_0"]);
    expect(all.body.data[1]).toMatchObject({ object: "payment", status: "failed", failure_code: "card_declined", invoice: ids.mine[1], amount: { amount: "11880000", formatted: "$11.88" } });
    const failed = await call(paymentsGET, "GET", "/payments", { key: fx.key, query: "status=failed" });
    expect(failed.body.data.map((p: { id: string }) => p.id)).toEqual(["pay_rec_1"]);
    expect((await call(paymentsGET, "GET", "/payments", { key: fx.otherKey })).body.data.map((p: { id: string }) => p.id)).toEqual(["pay_rec_b"]);
  });
});

describe("GET /events", () => {
  it("lists the events its webhooks carry, with the same ids and data, never another merchant's", async () => {
    const r = await call(eventsGET, "GET", "/events", { key: fx.key, query: "type=invoice.issued" });
    expect(r.status).toBe(200);
    const invoiceIds = r.body.data.map((e: { data: { invoice_id: string } }) => e.data.invoice_id);
    expect(invoiceIds.slice(0, 3)).toEqual([ids.mine[2], ids.mine[1], ids.mine[0]]);
    expect(invoiceIds).not.toContain(ids.theirs);
    const e = r.body.data[0];
    expect(e).toMatchObject({ object: "event", type: "invoice.issued", data: { customer: { id: CUSTOMERS.acme.id, external_id: "acme" }, status: "paid" } });
    expect(e.id).toMatch(/^evt_/);
    const next = await call(eventsGET, "GET", "/events", { key: fx.key, query: `type=invoice.issued&limit=1&starting_after=${e.id}` });
    expect(next.body.data[0].data.invoice_id).toBe(ids.mine[1]);
    expectError(await call(eventsGET, "GET", "/events", { key: fx.key, query: "type=user.created" }), 400, "parameter_invalid", "type");
  });
});

describe("POST /webhook_endpoints/{id}/rotate_secret and /test", () => {
  const received: { body: string; signature: string | undefined }[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: req.headers["portico-signature"] as string | undefined });
      res.writeHead(status).end();
    });
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("sends a signed test event and says how the endpoint answered; a rotated secret signs from then on", async () => {
    const made = await call(endpointsPOST, "POST", "/webhook_endpoints", { key: fx.key, body: { url } });
    const id = made.body.id as string;
    const ok = await call(testPOST, "POST", `/webhook_endpoints/${id}/test`, { key: fx.key, params: { id } });
    expect(ok.body).toMatchObject({ object: "webhook_test", webhook_endpoint: id, delivered: true, status: 200, error: null });
    const sent = received.at(-1)!;
    expect(JSON.parse(sent.body)).toMatchObject({ type: "webhook_endpoint.test", id: ok.body.event_id });
    expect(verify(made.body.secret, sent.body, sent.signature, Math.floor(Date.now() / 1000)).ok).toBe(true);

    const rotated = await call(rotatePOST, "POST", `/webhook_endpoints/${id}/rotate_secret`, { key: fx.key, params: { id } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(made.body.secret);
    status = 500;
    const failing = await call(testPOST, "POST", `/webhook_endpoints/${id}/test`, { key: fx.key, params: { id } });
    expect(failing.body).toMatchObject({ delivered: false, status: 500, error: "HTTP 500" });
    const last = received.at(-1)!;
    expect(verify(rotated.body.secret, last.body, last.signature, Math.floor(Date.now() / 1000)).ok).toBe(true);
    expect(verify(made.body.secret, last.body, last.signature, Math.floor(Date.now() / 1000)).ok).toBe(false);

    // another merchant's key: not found, and the secret stays
    expectError(await call(rotatePOST, "POST", `/webhook_endpoints/${id}/rotate_secret`, { key: fx.otherKey, params: { id } }), 404, "resource_missing");
    expectError(await call(testPOST, "POST", `/webhook_endpoints/${id}/test`, { key: fx.otherKey, params: { id } }), 404, "resource_missing");
    expect((await h.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).secret).toBe(rotated.body.secret);
  });
});
