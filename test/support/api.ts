// The merchant API in tests: the demo merchant's plans and customers (one per consumption model)
// plus a second merchant, keys for both, and a caller that invokes the real route handlers with a
// real Request — no HTTP server, no mocks.
import { afterAll, beforeAll } from "vitest";
import { DEMO_PLANS } from "@/lib/billing/plans";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { transaction } from "@/lib/db/tx";
import { addDays } from "@/lib/billing/periods";
import { createApiKey } from "@/lib/services/customers/api-keys";
import { ensureAssets, ensureMerchantAccounts, upsertPlan } from "@/lib/services/catalog/catalog";
import { createCustomer } from "@/lib/services/customers/customers";
import { createTestPglite } from "./pglite";

export const MER = "mer_demo";
export const OTHER = "mer_other";

export const CUSTOMERS = {
  acme: { id: "cus_test_acme", externalId: "acme", plan: "api_pro" },
  pixel: { id: "cus_test_pixel", externalId: "pixel", plan: "creator" },
  nimbus: { id: "cus_test_nimbus", externalId: "nimbus", plan: "platform" },
} as const;

export type ApiFixture = { key: string; otherKey: string; otherCustomerId: string; anchorAt: Date };

/** Both merchants, their plans, customers (anchored a few days ago) and keys. */
export async function createApiFixture(client: PrismaClient, opts: { now?: Date } = {}): Promise<ApiFixture> {
  const now = opts.now ?? new Date();
  const anchorAt = addDays(now, -3);
  return transaction(
    async (tx) => {
      await ensureAssets(tx);
      await tx.merchant.create({ data: { id: MER, name: "Portico Demo" } });
      await ensureMerchantAccounts(tx, MER);
      for (const [i, p] of DEMO_PLANS.entries()) await upsertPlan(tx, MER, p, i);
      for (const c of Object.values(CUSTOMERS)) {
        await createCustomer(tx, { id: c.id, merchantId: MER, externalId: c.externalId, name: c.externalId, email: `owner@${c.externalId}.example`, planCode: c.plan, anchorAt, now: anchorAt });
      }
      const key = (await createApiKey(tx, { merchantId: MER, name: "test" })).secret;

      // Another merchant, with a customer whose external id is the same as one of ours.
      await tx.merchant.create({ data: { id: OTHER, name: "Other Co" } });
      await ensureMerchantAccounts(tx, OTHER);
      await upsertPlan(tx, OTHER, DEMO_PLANS.find((p) => p.code === "creator")!, 0);
      const other = await createCustomer(tx, { id: "cus_other_pixel", merchantId: OTHER, externalId: "pixel", name: "Other's pixel", email: "owner@other.example", planCode: "creator", anchorAt, now: anchorAt });
      const otherKey = (await createApiKey(tx, { merchantId: OTHER, name: "other" })).secret;
      return { key, otherKey, otherCustomerId: other.customer.id, anchorAt };
    },
    { client },
  );
}

export type Route = (req: Request, ctx?: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

export type CallOptions = {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
  query?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
};

// Tests read responses as plain JSON and assert on them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export type ApiResponse<T = Json> = { status: number; body: T; headers: Headers };

/** Call a route handler the way Next.js does. */
export async function call<T = Json>(route: Route, method: "GET" | "POST" | "PATCH" | "DELETE", path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key !== null && opts.key !== undefined) headers.authorization = `Bearer ${opts.key}`;
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  const req = new Request(`http://portico.test/api/v1${path}${opts.query ? `?${opts.query}` : ""}`, { method, headers, body });
  // Like Next.js: a route without dynamic segments gets no params at all.
  const res = await route(req, { params: Promise.resolve(opts.params) as Promise<Record<string, string>> });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** The API's error shape, exactly. */
export function expectError(res: ApiResponse, status: number, code: string, param?: string | null) {
  const e = res.body?.error;
  const ok = res.status === status && e && e.code === code && typeof e.type === "string" && typeof e.message === "string" && e.message.length > 0 && "param" in e && (param === undefined || e.param === param);
  if (!ok) throw new Error(`Expected ${status} ${code}${param !== undefined ? ` (param ${param})` : ""}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * The test file's embedded database with the API fixture: opened before its tests (installed as the
 * process's handle, since route handlers use db()) and handed to `use`; closed after them.
 */
export function withApiFixture(use: (h: DbHandle, fx: ApiFixture) => void) {
  let h: DbHandle | undefined;
  beforeAll(async () => {
    h = await createTestPglite();
    setDbHandle(h);
    use(h, await createApiFixture(h.prisma));
  }, 120_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });
}
