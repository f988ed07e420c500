// Shared by the payments tests: the demo on a test database (installed as the process's handle,
// since services and the sandbox provider use db()), cards, form keys and the job runner that
// delivers the sandbox's events and runs automatic top-ups.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/queue";
import { HANDLERS } from "@/lib/jobs/schedule";
import { transaction } from "@/lib/db/tx";
import { createCustomer } from "@/lib/services/customers/customers";
import { addSandboxCard, seedDemoCard, setDefaultCard } from "@/lib/services/payments/payment-methods";
import { seedDemo } from "@/lib/services/catalog/seed";
import { createTestPglite } from "./pglite";
import { createTestPostgres, type TestPostgres } from "./postgres";

export const PIXEL = "cus_demo_pixel";
export const NIMBUS = "cus_demo_nimbus";
export const ACME = "cus_demo_acme";

export const CARDS = {
  visa: "4242424242424242",
  declined: "4000000000000002",
  insufficient: "4000000000009995",
  threeDS: "4000002500003155",
} as const;

export async function seedPaymentsDemo(h: DbHandle, days = 1) {
  setDbHandle(h);
  await seedDemo({ client: h.prisma, now: new Date(), days });
}

/**
 * The test file's database with the payments demo, seeded before its tests (then `setUp`, e.g. extra
 * plans) and handed to `use`; closed after them. Embedded PGlite here, real PostgreSQL below.
 */
export function withPaymentsDemo(use: (h: DbHandle) => void, setUp?: () => Promise<void>) {
  let h: DbHandle | undefined;
  beforeAll(async () => {
    h = await createTestPglite();
    await seedPaymentsDemo(h);
    await setUp?.();
    use(h);
  }, 120_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.close();
  });
}

/** The same on a fresh PostgreSQL database (concurrency tests), dropped after the file's tests. */
export function withPaymentsDemoOnPostgres(use: (h: TestPostgres) => void, setUp?: () => Promise<void>) {
  let h: TestPostgres | undefined;
  beforeAll(async () => {
    h = await createTestPostgres(20);
    await seedPaymentsDemo(h);
    await setUp?.();
    use(h);
  }, 180_000);
  afterAll(async () => {
    setDbHandle(undefined);
    await h?.drop();
  });
}

export const formKey = () => randomBytes(12).toString("hex");

/** Save a test card and make it the default. */
export async function saveDefaultCard(customerId: string, number: string) {
  const added = await addSandboxCard(customerId, { number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: "123" });
  if (!added.ok) throw new Error(added.message);
  const made = await setDefaultCard(customerId, added.card.id);
  if (!made.ok) throw new Error(made.message);
  return added.card;
}

/** Run every due job (sandbox events, automatic top-ups) until none is left. */
export async function runJobs(h: DbHandle, at = new Date(Date.now() + 1_000)) {
  let total = 0;
  for (let i = 0; i < 50; i++) {
    const r = await runDueJobs(HANDLERS, { client: h.prisma, now: at, limit: 50 });
    total += r.claimed;
    if (r.claimed === 0) break;
  }
  return total;
}

/** A new customer of the demo merchant on a plan, with the demo's default 4242 card. */
export async function freshCustomer(planCode: "creator" | "platform" | "api_pro", now = new Date()) {
  const ext = `t_${randomBytes(5).toString("hex")}`;
  return transaction(async (tx) => {
    const { customer } = await createCustomer(tx, { merchantId: "mer_demo", externalId: ext, name: `Test ${ext}`, email: `${ext}@test.example`, planCode, now });
    await seedDemoCard(tx, customer, now);
    return customer.id;
  });
}
