// The billing-cycle merchant API, through the real route handlers: webhook endpoints (created with
// a secret shown once, listed, deleted; deliveries signed per endpoint, retried, filtered by event
// type, against a real HTTP receiver on 127.0.0.1) and adjustments (goodwill grants, reversals of
// a charge in part, a credit note when paid money is given back; reason and actor required;
// Idempotency-Key honoured; shown to the customer in activity).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as adjustPOST } from "@/app/api/v1/customers/[id]/adjustments/route";
import { POST as usagePOST } from "@/app/api/v1/usage/route";
import { DELETE as endpointDELETE } from "@/app/api/v1/webhook_endpoints/[id]/route";
import { GET as endpointsGET, POST as endpointsPOST } from "@/app/api/v1/webhook_endpoints/route";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { readOutbox } from "@/lib/email/mailer";
import { runDueJobs } from "@/lib/jobs/queue";
import { HANDLERS } from "@/lib/jobs/schedule";
import { balanceOf } from "@/lib/ledger";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verify } from "@/lib/webhooks/signature";
import { listActivity } from "@/lib/services/portal/activity";
import { checkLedger } from "@/lib/services/ledger/ledger-check";
import { notify } from "@/lib/services/webhooks/notifications";
import { seedDemoCard } from "@/lib/services/payments/payment-methods";
import { startPurchase } from "@/lib/services/payments/purchases";
import { call, CUSTOMERS, expectError, type ApiFixture, withApiFixture } from "@/test/support/api";
import { formKey } from "@/test/support/payments";
import { startReceiver, type Receiver } from "@/test/support/receiver";

let h: DbHandle;
let fx: ApiFixture;
let hooks: Receiver;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-cycle-api-"));

beforeAll(async () => {
  process.env.PORTICO_DATA_DIR = dataDir;
  hooks = await startReceiver(503);
});
afterAll(async () => {
  await hooks.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
withApiFixture((db, fixture) => ((h = db), (fx = fixture)));

const drain = async (at: Date) => {
  for (let i = 0; i < 20; i++) if ((await runDueJobs(HANDLERS, { client: h.prisma, now: at, limit: 50 })).claimed === 0) break;
};

describe("webhook endpoints", () => {
  let all: { id: string; secret: string };
  let failedOnly: { id: string; secret: string };

  it("creates endpoints with a secret shown once, lists them without it, only for their merchant", async () => {
    const a = await call(endpointsPOST, "POST", "/webhook_endpoints", { key: fx.key, body: { url: `${hooks.url}/all`, description: "everything" } });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ object: "webhook_endpoint", url: `${hooks.url}/all`, enabled_events: [], secret: expect.stringMatching(/^whsec_[0-9a-f]{48}$/) });
    all = a.body;
    const b = await call(endpointsPOST, "POST", "/webhook_endpoints", { key: fx.key, body: { url: `${hooks.url}/failed`, enabled_events: ["payment.failed"] } });
    failedOnly = b.body;
    const list = await call(endpointsGET, "GET", "/webhook_endpoints", { key: fx.key });
    expect(list.body.data.map((e: { id: string }) => e.id)).toEqual([all.id, failedOnly.id]);
    expect(JSON.stringify(list.body)).not.toContain("whsec_");
    expect((await call(endpointsGET, "GET", "/webhook_endpoints", { key: fx.otherKey })).body.data).toEqual([]);
    expectError(await call(endpointDELETE, "DELETE", `/webhook_endpoints/${all.id}`, { key: fx.otherKey, params: { id: all.id } }), 404, "resource_missing");
  });

  it("refuses a bad url or an unknown event type, creating nothing", async () => {
    expectError(await call(endpointsPOST, "POST", "/webhook_endpoints", { key: fx.key, body: { url: "ftp://example.com/x" } }), 400, "parameter_invalid", "url");
    expectError(await call(endpointsPOST, "POST", "/webhook_endpoints", { key: fx.key, body: { url: `${hooks.url}/x`, enabled_events: ["invoice.paid"] } }), 400, "parameter_invalid");
    expect(await h.prisma.webhookEndpoint.count()).toBe(2);
  });

  it("delivers each event signed with each endpoint's own secret, filtered by type, retried until it gets through", async () => {
    const at = new Date();
    await transaction((tx) =>
      notify(tx, { customerId: CUSTOMERS.pixel.id, type: "invoice.issued", dedupeKey: "t:inv", title: "Invoice INV-000042", body: "Invoice INV-000042 for $52.92 was issued.", data: { number: "INV-000042" }, now: at }),
    );
    hooks.failNext(1); // the first attempt gets a 503
    await drain(at);
    expect(hooks.received.filter((r) => r.path === "/failed")).toEqual([]); // not subscribed to invoice.issued
    expect(hooks.received.filter((r) => r.path === "/all")).toHaveLength(1);
    await drain(new Date(at.getTime() + 11_000)); // the retry, after the first backoff
    const got = hooks.received.filter((r) => r.path === "/all");
    expect(got).toHaveLength(2);
    const last = got[1]!;
    const body = JSON.parse(last.body);
    expect(body).toMatchObject({ type: "invoice.issued", data: { customer: { id: CUSTOMERS.pixel.id, external_id: "pixel" }, number: "INV-000042" } });
    expect(last.headers[EVENT_ID_HEADER]).toBe(body.id);
    expect(JSON.parse(got[0]!.body).id).toBe(body.id); // same event id on the retry: receivers dedupe
    const now = Math.floor(Date.now() / 1000);
    expect(verify(all.secret, last.body, last.headers[SIGNATURE_HEADER] as string, now)).toMatchObject({ ok: true });
    expect(verify(failedOnly.secret, last.body, last.headers[SIGNATURE_HEADER] as string, now)).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(verify(all.secret, last.body.replace("INV-000042", "INV-000043"), last.headers[SIGNATURE_HEADER] as string, now)).toMatchObject({ ok: false });
  });

  it("a payment.failed goes to both; a deleted endpoint gets nothing more", async () => {
    hooks.received.length = 0;
    const del = await call(endpointDELETE, "DELETE", `/webhook_endpoints/${all.id}`, { key: fx.key, params: { id: all.id } });
    expect(del.body).toEqual({ id: all.id, object: "webhook_endpoint", deleted: true });
    const at = new Date();
    await transaction((tx) => notify(tx, { customerId: CUSTOMERS.pixel.id, type: "payment.failed", dedupeKey: "t:pf", title: "Payment failed", body: "Declined.", now: at }));
    await drain(at);
    expect(hooks.received.map((r) => r.path)).toEqual(["/failed"]);
    // the customer's owner gets the email for the same moment (the dev outbox)
    expect(readOutbox().filter((m) => m.to === "owner@pixel.example").map((m) => m.subject)).toContain("Payment failed");
    expect(verify(failedOnly.secret, hooks.received[0]!.body, hooks.received[0]!.headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000)).ok).toBe(true);
  });
});

describe("adjustments", () => {
  const balanceOfAccount = async (id: string) => balanceOf(await h.prisma.ledgerAccount.findUniqueOrThrow({ where: { id } })).available;

  it("grants goodwill credits with a reason and an actor, once per Idempotency-Key, shown in activity", async () => {
    const req = { type: "grant", amount: { asset: "CREDIT", amount: "50000" }, reason: "Goodwill for the outage of Nov 3", actor: "support@demo.example" };
    const a = await call(adjustPOST, "POST", "/customers/ext:pixel/adjustments", { key: fx.key, params: { id: "ext:pixel" }, body: req, idempotencyKey: "adj-1" });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ object: "adjustment", customer: CUSTOMERS.pixel.id, type: "grant", amount: { asset: "CREDIT", amount: "50000", formatted: "50 credits" }, reverses: null, credit_note: null });
    const again = await call(adjustPOST, "POST", "/customers/ext:pixel/adjustments", { key: fx.key, params: { id: "ext:pixel" }, body: req, idempotencyKey: "adj-1" });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body.id).toBe(a.body.id);
    const t = await h.prisma.ledgerTransfer.findMany({ where: { customerId: CUSTOMERS.pixel.id, kind: "adjustment" } });
    expect(t.map((x) => [x.amount, x.reason, x.actor])).toEqual([[50_000n, "Goodwill for the outage of Nov 3", "support@demo.example"]]);
    expect(await balanceOfAccount(t[0]!.creditAccountId)).toBe(50_000n);
    const activity = await listActivity(CUSTOMERS.pixel.id, {} as never, { client: h.prisma });
    expect(activity.items[0]).toMatchObject({ line: { label: "Adjusted", description: "Goodwill for the outage of Nov 3", direction: "in" }, amountText: "+50 credits" });
  });

  it("refuses a grant without a reason or an actor, or in another plan's unit, changing nothing", async () => {
    const before = await h.prisma.ledgerTransfer.count();
    const ref = { key: fx.key, params: { id: "ext:nimbus" } };
    expectError(await call(adjustPOST, "POST", "/customers/ext:nimbus/adjustments", { ...ref, body: { type: "grant", amount: { asset: "USD", amount: "5000000" }, actor: "a" } }), 400, "parameter_missing", "reason");
    expectError(await call(adjustPOST, "POST", "/customers/ext:nimbus/adjustments", { ...ref, body: { type: "grant", amount: { asset: "USD", amount: "5000000" }, reason: "  ", actor: "a" } }), 400, "parameter_invalid", "reason");
    expectError(await call(adjustPOST, "POST", "/customers/ext:nimbus/adjustments", { ...ref, body: { type: "grant", amount: { asset: "USD", amount: "5000000" }, reason: "r" } }), 400, "parameter_missing", "actor");
    expectError(await call(adjustPOST, "POST", "/customers/ext:nimbus/adjustments", { ...ref, body: { type: "grant", amount: { asset: "CREDIT", amount: "5000" }, reason: "r", actor: "a" } }), 400, "parameter_invalid", "amount.asset");
    expectError(await call(adjustPOST, "POST", "/customers/ext:pixel/adjustments", { key: fx.otherKey, params: { id: "ext:nimbus" }, body: { type: "grant", amount: { asset: "USD", amount: "1" }, reason: "r", actor: "a" } }), 404, "resource_missing");
    expect(await h.prisma.ledgerTransfer.count()).toBe(before);
  });

  it("reverses part of a usage charge (balance back), refuses more than is left and another customer's transfer", async () => {
    const use = await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [{ id: "adj-u1", customer: "ext:nimbus", action: "build_minute", quantity: 50 }] } });
    expect(use.body.results[0].status).toBe("accepted");
    const charge = await h.prisma.usageCharge.findFirstOrThrow({ where: { event: { eventId: "adj-u1" } } });
    const before = await balanceOfAccount(`${CUSTOMERS.nimbus.id}:balance`);
    const r = await call(adjustPOST, "POST", "/customers/ext:nimbus/adjustments", {
      key: fx.key, params: { id: "ext:nimbus" },
      body: { type: "reversal", transfer: charge.transferId, amount: { asset: "USD", amount: "800000" }, reason: "20 build minutes were billed twice", actor: "ops@demo.example" },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: "reversal", reverses: charge.transferId, amount: { formatted: "$0.80" }, credit_note: null });
    expect(await balanceOfAccount(`${CUSTOMERS.nimbus.id}:balance`)).toBe(before + 800_000n);
    const activity = await listActivity(CUSTOMERS.nimbus.id, {} as never, { client: h.prisma });
    expect(activity.items[0]!.line).toMatchObject({ label: "Reversed", description: "20 build minutes were billed twice", direction: "in" });
    // $2.00 charged, $0.80 reversed: $1.20 left, not more
    expectError(await call(adjustPOST, "POST", "/customers/ext:nimbus/adjustments", {
      key: fx.key, params: { id: "ext:nimbus" }, body: { type: "reversal", transfer: charge.transferId, amount: { asset: "USD", amount: "1200001" }, reason: "r", actor: "a" },
    }), 400, "parameter_invalid", "transfer");
    expectError(await call(adjustPOST, "POST", "/customers/ext:pixel/adjustments", {
      key: fx.key, params: { id: "ext:pixel" }, body: { type: "reversal", transfer: charge.transferId, reason: "r", actor: "a" },
    }), 404, "resource_missing", "transfer");
  });

  it("giving back money paid on an invoice issues a credit note against it", async () => {
    await transaction((tx) => seedDemoCard(tx, { id: CUSTOMERS.pixel.id, email: "owner@pixel.example", name: "pixel" }, new Date()));
    const bought = await startPurchase({ customerId: CUSTOMERS.pixel.id, choice: { kind: "pack", packCode: "pack_500" }, formKey: formKey() });
    expect(bought).toMatchObject({ ok: true, payment: { status: "succeeded" } });
    const paymentId = bought.ok ? bought.payment.id : "";
    const revenue = await h.prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: `revenue:${paymentId}` } });
    const r = await call(adjustPOST, "POST", "/customers/ext:pixel/adjustments", {
      key: fx.key, params: { id: "ext:pixel" },
      body: { type: "reversal", transfer: revenue.id, amount: { asset: "USD", amount: "5000000" }, reason: "Price promise: $5 back", actor: "billing@demo.example" },
    });
    expect(r.status).toBe(201);
    expect(r.body.credit_note).toMatchObject({ number: expect.stringMatching(/^INV-\d{6}$/), total: { formatted: "$5.00" } });
    const note = await h.prisma.invoice.findUniqueOrThrow({ where: { id: r.body.credit_note.id }, include: { lines: true } });
    expect(note).toMatchObject({ kind: "credit_note", originalId: bought.ok ? bought.payment.invoice!.id : "", memo: "Price promise: $5 back (by billing@demo.example)" });
    expect(note.lines[0]!.description).toBe("Correction: Price promise: $5 back");
    expect((await checkLedger(h.prisma)).violations).toEqual([]);
  });
});
