// A test file's Stripe world: the local Stripe API double started, the environment that switches
// Portico to the Stripe provider (the real SDK pointed at the double), and a fresh PGlite database
// with the payments demo — all undone after the file. Call it at the top level of a test file.
import { afterAll, beforeAll } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { startStripeDouble, type StripeDouble } from "@/test/stripe-double/server";
import { seedPaymentsDemo } from "./payments";
import { createTestPglite } from "./pglite";

export function stripeWorld(opts: { webhookSecret: string; ready: (w: { h: DbHandle; double: StripeDouble }) => void; setup?: () => Promise<void> }) {
  const saved: Record<string, string | undefined> = {};
  let h: DbHandle | undefined;
  let double: StripeDouble | undefined;
  beforeAll(async () => {
    double = await startStripeDouble();
    const env = {
      STRIPE_SECRET_KEY: "sk_test_portico",
      STRIPE_WEBHOOK_SECRET: opts.webhookSecret,
      STRIPE_API_HOST: double.host,
      STRIPE_API_PORT: String(double.port),
      STRIPE_API_PROTOCOL: "http",
    };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    h = await createTestPglite();
    await seedPaymentsDemo(h);
    opts.ready({ h, double });
    await opts.setup?.();
  }, 120_000);
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    setDbHandle(undefined);
    await h?.close();
    await double?.close();
  });
}
