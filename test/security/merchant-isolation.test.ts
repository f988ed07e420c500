// Merchant A's secret key used on merchant B's objects, for the endpoints that move money or
// configure delivery (adjustments, webhook endpoints): B's customer — named by its real id and by
// the external id both merchants use — is "not found" exactly like an unknown one, and nothing is
// posted; A cannot see or delete B's webhook endpoint. (The other endpoints: lib/api/api.test.ts.)
import { describe, expect, it } from "vitest";
import { POST as adjustPOST } from "@/app/api/v1/customers/[id]/adjustments/route";
import { DELETE as endpointDELETE } from "@/app/api/v1/webhook_endpoints/[id]/route";
import { GET as endpointsGET, POST as endpointsPOST } from "@/app/api/v1/webhook_endpoints/route";
import type { DbHandle } from "@/lib/db/client";
import { call, expectError, type ApiFixture, withApiFixture } from "@/test/support/api";

let h: DbHandle;
let fx: ApiFixture;
withApiFixture((db, fixture) => ((h = db), (fx = fixture)));

const grant = { type: "grant", amount: { asset: "CREDIT", amount: "100000" }, reason: "goodwill", actor: "mallory@a.example" };

describe("merchant A's key on merchant B", () => {
  it("cannot adjust B's customer, by id or by the external id they share; nothing is posted", async () => {
    const before = await h.prisma.ledgerTransfer.count({ where: { customerId: fx.otherCustomerId } });
    const unknown = await call(adjustPOST, "POST", "/customers/cus_nope/adjustments", { key: fx.key, params: { id: "cus_nope" }, body: grant });
    const theirs = await call(adjustPOST, "POST", `/customers/${fx.otherCustomerId}/adjustments`, { key: fx.key, params: { id: fx.otherCustomerId }, body: grant });
    expectError(theirs, 404, "resource_missing");
    expect(theirs.body.error.message.replace(fx.otherCustomerId, "X")).toBe(unknown.body.error.message.replace("cus_nope", "X"));
    // "ext:pixel" is A's own pixel for A's key: the grant lands on A's customer, never B's
    const own = await call(adjustPOST, "POST", "/customers/ext:pixel/adjustments", { key: fx.key, params: { id: "ext:pixel" }, body: grant, idempotencyKey: "iso-1" });
    expect(own.status).toBeLessThan(300);
    expect(await h.prisma.ledgerTransfer.count({ where: { customerId: fx.otherCustomerId } })).toBe(before);
    // the same Idempotency-Key under B's key is B's own request, not a replay of A's
    const b = await call(adjustPOST, "POST", "/customers/ext:pixel/adjustments", { key: fx.otherKey, params: { id: "ext:pixel" }, body: grant, idempotencyKey: "iso-1" });
    expect(b.status).toBeLessThan(300);
    expect(await h.prisma.ledgerTransfer.count({ where: { customerId: fx.otherCustomerId } })).toBe(before + 1);
  });

  it("cannot list or delete B's webhook endpoint", async () => {
    const made = await call(endpointsPOST, "POST", "/webhook_endpoints", { key: fx.otherKey, body: { url: "https://b.example/hooks" } });
    expect(made.status).toBeLessThan(300);
    const id = made.body.id as string;
    expect((await call(endpointsGET, "GET", "/webhook_endpoints", { key: fx.key })).body.data.map((e: { id: string }) => e.id)).not.toContain(id);
    expectError(await call(endpointDELETE, "DELETE", `/webhook_endpoints/${id}`, { key: fx.key, params: { id } }), 404, "resource_missing");
    expect(await h.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).toMatchObject({ deletedAt: null });
  });
});
