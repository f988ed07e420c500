// Two merchants in one install: each sees only its own. Every merchant-API route that names an
// object — found from the files under app/api/v1, so a new route is swept the day it is added — is
// called with merchant A's key on each of merchant B's objects and answers exactly as for an
// unknown id, while nothing of B's changes; A's lists hold none of B's; invoice numbers run per
// merchant; and the ledger refuses any transfer between two merchants' books.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as authorizePOST } from "@/app/api/v1/authorize/route";
import { POST as portalPOST } from "@/app/api/v1/portal_sessions/route";
import { POST as usagePOST } from "@/app/api/v1/usage/route";
import { POST as endpointsPOST } from "@/app/api/v1/webhook_endpoints/route";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { merchantAccountId } from "@/lib/billing/accounts";
import { createInvoice } from "@/lib/services/invoices/invoices";
import { postTransfers } from "@/lib/services/ledger/ledger";
import { call, CUSTOMERS, MER, OTHER, type ApiFixture, type Route, withApiFixture } from "@/test/support/api";

let h: DbHandle;
let fx: ApiFixture;
withApiFixture((db, fixture) => ((h = db), (fx = fixture)));

const root = path.resolve(import.meta.dirname, "..", "..");
const B: { customer: string; hold: string; invoice: string; endpoint: string } = { customer: "", hold: "", invoice: "", endpoint: "" };
const line = (dollars: number) => [{ description: "Funds added to your balance", quantity: 1n, unitLabel: "top-up", unitPriceMicros: BigInt(dollars) * 1_000_000n, amountMicros: BigInt(dollars) * 1_000_000n }];

beforeAll(async () => {
  B.customer = fx.otherCustomerId;
  // B's own activity, through B's own key
  const used = await call(usagePOST, "POST", "/usage", { key: fx.otherKey, body: { events: [{ id: "b-evt-1", customer: "ext:pixel", action: "image_generation", quantity: 2 }] } });
  expect(used.status).toBe(200);
  const held = await call(authorizePOST, "POST", "/authorize", { key: fx.otherKey, body: { customer: "ext:pixel", action: "image_generation", quantity: 1, hold: true } });
  B.hold = held.body.hold.id;
  B.endpoint = (await call(endpointsPOST, "POST", "/webhook_endpoints", { key: fx.otherKey, body: { url: "https://b.example/hooks" } })).body.id;
  B.invoice = (await transaction((tx) => createInvoice(tx, { merchantId: OTHER, customerId: B.customer, kind: "top_up", currency: "USD", taxRateBps: 0, lines: line(7), paid: true, now: new Date() }))).id;
  await h.prisma.payment.create({ data: { id: "pay_b_1", merchantId: OTHER, customerId: B.customer, invoiceId: B.invoice, idempotencyKey: "b-1", provider: "sandbox", purpose: "top_up", amountCents: 700n, currency: "USD", status: "succeeded" } });
});

/** Everything of B's an API call could change. */
async function bState() {
  const p = h.prisma;
  return JSON.stringify(
    {
      merchant: await p.merchant.findUnique({ where: { id: OTHER } }),
      customers: await p.customer.findMany({ where: { merchantId: OTHER }, orderBy: { id: "asc" } }),
      accounts: await p.ledgerAccount.findMany({ where: { merchantId: OTHER }, orderBy: { id: "asc" } }),
      transfers: await p.ledgerTransfer.count({ where: { customerId: B.customer } }),
      events: await p.usageEvent.count({ where: { customerId: B.customer } }),
      holds: await p.hold.findMany({ where: { customerId: B.customer }, orderBy: { id: "asc" } }),
      invoices: await p.invoice.findMany({ where: { merchantId: OTHER }, orderBy: { id: "asc" } }),
      endpoints: await p.webhookEndpoint.findMany({ where: { merchantId: OTHER }, orderBy: { id: "asc" } }),
      subscriptions: await p.subscription.findMany({ where: { customerId: B.customer }, orderBy: { id: "asc" } }),
      portalSessions: await p.portalSession.count({ where: { customerId: B.customer } }),
    },
    (_k, v) => (typeof v === "bigint" ? v.toString() : v),
  );
}

/** Every merchant-API route file whose path names an object, with the methods it exports. */
function objectRoutes(): { file: string; kind: keyof typeof B; urlPath: string }[] {
  const dir = path.join(root, "app/api/v1");
  const out: { file: string; kind: keyof typeof B; urlPath: string }[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (!rel.endsWith("route.ts") || !rel.includes("[id]")) continue;
    const kind = ({ customers: "customer", holds: "hold", invoices: "invoice", webhook_endpoints: "endpoint" } as const)[rel.split(path.sep)[0]!];
    if (!kind) throw new Error(`app/api/v1/${rel} names an object this sweep does not know: add its kind here`);
    out.push({ file: path.join(dir, rel), kind, urlPath: "/" + path.dirname(rel).split(path.sep).join("/") });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** A body each route would accept for its own merchant's object, so only ownership can refuse it. */
const BODIES: Record<string, unknown> = {
  "POST /customers/[id]/adjustments": { type: "grant", amount: { asset: "CREDIT", amount: "100" }, reason: "goodwill", actor: "mallory@a.example" },
  "POST /customers/[id]/subscription": { plan: "creator" },
  "PATCH /customers/[id]": { name: "Renamed by A" },
  "POST /holds/[id]/capture": { quantity: 1 },
};

describe("merchant A's key on merchant B's objects", () => {
  const routes = objectRoutes();

  it("finds every object route (customers, holds, invoices, webhook endpoints)", () => {
    expect(routes.map((r) => r.kind)).toEqual(expect.arrayContaining(["customer", "hold", "invoice", "endpoint"]));
    expect(routes.length).toBeGreaterThanOrEqual(12);
  });

  it("every route and method answers B's object exactly as an unknown one, and nothing of B's changes", async () => {
    const before = await bState();
    let calls = 0;
    for (const r of routes) {
      const mod = (await import(r.file)) as Record<string, Route>;
      for (const method of ["GET", "POST", "PATCH", "DELETE"] as const) {
        const route = mod[method];
        if (!route) continue;
        const body = BODIES[`${method} ${r.urlPath}`] ?? (method === "GET" || method === "DELETE" ? undefined : {});
        const ask = (id: string) => call(route, method, r.urlPath.replace("[id]", id), { key: fx.key, params: { id }, body, idempotencyKey: method === "GET" ? undefined : `sweep-${calls}-${id}` });
        const theirs = await ask(B[r.kind]);
        const unknown = await ask(`${B[r.kind].split("_")[0]}_doesnotexist`);
        const label = `${method} ${r.urlPath}`;
        expect(theirs.status, label).toBe(404);
        expect(theirs.body.error.code, label).toBe("resource_missing");
        expect(unknown.status, label).toBe(404);
        expect(theirs.body.error.message.replace(B[r.kind], "X"), label).toBe(unknown.body.error.message.replace(/\w+_doesnotexist/, "X"));
        calls++;
      }
    }
    expect(calls).toBeGreaterThanOrEqual(13);
    expect(await bState()).toBe(before);
  });

  it("A's lists hold nothing of B's", async () => {
    const lists = ["customers", "invoices", "payments", "events", "webhook_endpoints", "plans"];
    for (const name of lists) {
      const mod = (await import(path.join(root, `app/api/v1/${name}/route.ts`))) as Record<string, Route>;
      const res = await call(mod.GET!, "GET", `/${name}`, { key: fx.key, query: ["plans", "webhook_endpoints"].includes(name) ? undefined : "limit=100" });
      expect(res.status, name).toBe(200);
      const text = JSON.stringify(res.body);
      for (const id of [B.customer, B.hold, B.invoice, B.endpoint, "pay_b_1", "Other Co", "Other's pixel"]) expect(text, `${name} shows ${id}`).not.toContain(id);
    }
  });

  it("A cannot send usage for, hold for or open the portal of B's customer; nothing of B's changes", async () => {
    const before = await bState();
    const used = await call(usagePOST, "POST", "/usage", { key: fx.key, body: { events: [{ id: "a-on-b", customer: B.customer, action: "image_generation", quantity: 1 }] } });
    expect(used.body.results[0]).toMatchObject({ id: "a-on-b", status: "rejected", reason: "unknown_customer" });
    expect((await call(authorizePOST, "POST", "/authorize", { key: fx.key, body: { customer: B.customer, action: "image_generation", quantity: 1, hold: true } })).status).toBe(404);
    expect((await call(portalPOST, "POST", "/portal_sessions", { key: fx.key, body: { customer: B.customer } })).status).toBe(404);
    expect(await bState()).toBe(before);
  });
});

describe("two merchants' books", () => {
  it("number their invoices each from their own sequence", async () => {
    const seq = async (merchantId: string, customerId: string) =>
      (await transaction((tx) => createInvoice(tx, { merchantId, customerId, kind: "top_up", currency: "USD", taxRateBps: 0, lines: line(1), paid: true, now: new Date() }))).number;
    const [a0, b0] = await Promise.all([h.prisma.merchant.findUniqueOrThrow({ where: { id: MER } }), h.prisma.merchant.findUniqueOrThrow({ where: { id: OTHER } })]);
    const a1 = await seq(MER, CUSTOMERS.acme.id);
    const b1 = await seq(OTHER, B.customer);
    const a2 = await seq(MER, CUSTOMERS.pixel.id);
    const n = (s: string | null) => Number(s!.replace(/\D/g, ""));
    expect([n(a1), n(a2)]).toEqual([a0.invoiceSeq + 1, a0.invoiceSeq + 2]);
    expect(n(b1)).toBe(b0.invoiceSeq + 1);
  });

  it("keep their own ledger accounts, and the ledger refuses a transfer between them", async () => {
    const a = await h.prisma.ledgerAccount.findMany({ where: { merchantId: MER, customerId: null } });
    const b = await h.prisma.ledgerAccount.findMany({ where: { merchantId: OTHER, customerId: null } });
    expect(b.length).toBe(a.length);
    expect(b.every((x) => x.id.startsWith(OTHER))).toBe(true);
    const from = merchantAccountId(MER, "credits_issued");
    const to = merchantAccountId(OTHER, "credits_used");
    const before = await h.prisma.ledgerTransfer.count();
    const [r] = await postTransfers([{ op: "transfer", id: "xfer_cross_books", debitAccountId: from, creditAccountId: to, asset: "CREDIT", amount: 1n, kind: "grant" } as never]);
    expect(r).toMatchObject({ ok: false, code: "book_mismatch" });
    expect(await h.prisma.ledgerTransfer.count()).toBe(before);
  });
});
