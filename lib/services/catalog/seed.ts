import "server-only";
// The demo: one merchant with DESIGN §2's three plans, one customer per consumption model, users
// for every role, and 30 days of usage replayed through the real usage service with a simulated
// clock — so every balance is the ledger's own sum, never a typed-in total. Deterministic.
import { DEMO_PLANS, DEMO_PLANS_ABROAD } from "@/lib/billing/plans";
import { addDays } from "@/lib/billing/periods";
import type { PrismaClient } from "@/lib/db/generated/client";
import { db, peekDbHandle } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/queue";
import { transaction } from "@/lib/db/tx";
import { createApiKey } from "../customers/api-keys";
import type { Catalog } from "@/lib/catalog/config";
import { applyCatalog } from "./catalog-apply";
import { addMember, createCustomer } from "../customers/customers";
import { seedDemoCard } from "../payments/payment-methods";
import { closePeriodLedger } from "../cycle/subscriptions";
import { CHARGE_QUEUE, invoiceEndedPeriod, RENEWAL_HANDLERS } from "../cycle/renewals";
import { recordUsageInTx, type UsageEventInput } from "../usage/usage";

export const DEMO_MERCHANT_ID = "mer_demo";

/** The demo merchant's catalogue — what the shipped portico.config.ts says (lib/catalog/config.test.ts proves it). */
export const DEMO_CATALOG: Catalog = {
  merchant: {
    id: DEMO_MERCHANT_ID,
    name: "Portico Demo",
    currency: "USD",
    taxRateBps: 800,
    address: { line1: "548 Market St", line2: "Suite 100", city: "San Francisco", postal_code: "94104", state: "CA", country: "US" },
    taxId: "12-3456789",
    supportEmail: "billing@portico.example",
    supportUrl: null,
    logoUrl: null,
    brandColor: null,
    returnUrl: null,
    embedOrigins: [],
  },
  plans: [...DEMO_PLANS, ...DEMO_PLANS_ABROAD].map((p) => ({ ...p, terms: { dunningRetryDays: [1, 3, 5], dunningRule: "suspend", graceHours: 24, active: true } })),
};

const DEMO_CUSTOMERS = [
  { id: "cus_demo_acme", externalId: "acme", name: "Acme Robotics", email: "alex@acme.example", plan: "api_pro", anchorDaysAgo: 40 },
  { id: "cus_demo_pixel", externalId: "pixel", name: "Pixel & Co Studio", email: "maya@pixel.example", plan: "creator", anchorDaysAgo: 38 },
  { id: "cus_demo_nimbus", externalId: "nimbus", name: "Nimbus Cloud Labs", email: "noah@nimbus.example", plan: "platform", anchorDaysAgo: 36 },
  // Billed in euros, in German; billed in yen, in Japanese (their own locale, whatever the browser says).
  { id: "cus_demo_fischer", externalId: "fischer", name: "Fischer Design GmbH", email: "lena@fischer.example", plan: "creator_eur", anchorDaysAgo: 34, locale: "de-DE" },
  { id: "cus_demo_sakura", externalId: "sakura", name: "さくらクラウド株式会社", email: "haruto@sakura.example", plan: "platform_jpy", anchorDaysAgo: 32, locale: "ja-JP" },
] as const;

/** Extra people: one per role, and one who belongs to every account (the account switcher). */
const DEMO_MEMBERS = [
  { customerId: "cus_demo_pixel", email: "billing@pixel.example", name: "Ben (billing)", role: "billing" },
  { customerId: "cus_demo_pixel", email: "viewer@pixel.example", name: "Vera (viewer)", role: "viewer" },
  { customerId: "cus_demo_acme", email: "sam@consultant.example", name: "Sam", role: "billing" },
  { customerId: "cus_demo_pixel", email: "sam@consultant.example", name: "Sam", role: "viewer" },
  { customerId: "cus_demo_nimbus", email: "sam@consultant.example", name: "Sam", role: "owner" },
] as const;

/** Usage per day by plan: [action, events per day, quantity per event (min, max)]. */
const DAILY: Record<string, [string, number, number, number][]> = {
  api_pro: [["api_call", 12, 30, 62]],
  creator: [
    ["image_generation", 2, 1, 1],
    ["voice_transcription", 3, 1, 1],
    ["agent_run", 1, 0, 1],
  ],
  platform: [
    ["gb_hour", 6, 30, 70],
    ["build_minute", 3, 3, 7],
  ],
  creator_eur: [
    ["image_generation", 2, 1, 1],
    ["agent_run", 1, 0, 1],
  ],
  platform_jpy: [
    ["gb_hour", 5, 30, 70],
    ["build_minute", 2, 3, 7],
  ],
};

/** A small deterministic PRNG (mulberry32), so the demo is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function isSeeded(client: PrismaClient = db(), merchantId = DEMO_MERCHANT_ID): Promise<boolean> {
  return (await client.merchant.count({ where: { id: merchantId } })) > 0;
}

/** `apiKey` is the demo merchant's secret key: its plaintext exists only here, at creation. */
export type SeedSummary = { merchantId: string; customers: number; events: number; rejected: number; apiKey: string };

/**
 * The catalogue (the demo's unless given: `npm start` passes portico.config.ts), then the demo
 * customers and their history — those whose plans the catalogue still has, for the demo merchant.
 */
export async function seedDemo(opts: { now?: Date; client?: PrismaClient; days?: number; catalog?: Catalog } = {}): Promise<SeedSummary> {
  const client = opts.client ?? db();
  const catalog = opts.catalog ?? DEMO_CATALOG;
  const merchantId = catalog.merchant.id;
  const offered = new Set(catalog.plans.filter((p) => p.terms.active).map((p) => p.code));
  const demoCustomers = merchantId === DEMO_MERCHANT_ID ? DEMO_CUSTOMERS.filter((c) => offered.has(c.plan)) : [];
  const demoIds = new Set<string>(demoCustomers.map((c) => c.id));
  const now = opts.now ?? new Date();
  const days = opts.days ?? 30;
  const tx = <T,>(fn: Parameters<typeof transaction<T>>[0]) => transaction(fn, { client });

  let apiKey = "";
  await tx(async (t) => {
    await applyCatalog(t, catalog, { apply: true });
    for (const c of demoCustomers) {
      const anchorAt = addDays(now, -c.anchorDaysAgo);
      await createCustomer(t, { id: c.id, merchantId, externalId: c.externalId, name: c.name, email: c.email, planCode: c.plan, anchorAt, now: anchorAt, locale: "locale" in c ? c.locale : undefined });
    }
    for (const m of DEMO_MEMBERS.filter((x) => demoIds.has(x.customerId))) await addMember(t, { customerId: m.customerId, email: m.email, name: m.name, role: m.role });
    apiKey = (await createApiKey(t, { merchantId, name: merchantId === DEMO_MERCHANT_ID ? "Demo key" : "First key" })).secret;
    // Every demo customer can buy at once: a saved default test card (4242) on the sandbox provider.
    for (const c of demoCustomers) await seedDemoCard(t, { id: c.id, email: c.email, name: c.name }, now);
  });

  // Replay the history a day at a time, as the merchant's product would have sent it.
  const random = prng(20261121);
  let events = 0;
  let rejected = 0;
  const start = addDays(now, -days);
  for (let d = 0; d <= days; d++) {
    const dayStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + d));
    const batch: UsageEventInput[] = [];
    for (const c of demoCustomers) {
      const weekend = dayStart.getUTCDay() === 0 || dayStart.getUTCDay() === 6;
      for (const [action, perDay, min, max] of DAILY[c.plan] ?? []) {
        const count = weekend ? Math.ceil(perDay / 2) : perDay;
        for (let k = 0; k < count; k++) {
          const at = new Date(dayStart.getTime() + Math.floor(((k + random()) / count) * 86_400_000));
          const quantity = BigInt(min + Math.floor(random() * (max - min + 1)));
          if (quantity <= 0n || at.getTime() > now.getTime()) continue;
          batch.push({ id: `seed_${c.externalId}_${dayStart.toISOString().slice(0, 10)}_${action}_${k}`, customer: c.id, action, quantity, timestamp: at });
        }
      }
    }
    if (batch.length === 0) continue;
    const simNow = new Date(Math.min(dayStart.getTime() + 86_399_000, now.getTime()));
    batch.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    // Renewals first: a Balance plan's new period is funded by its paid renewal invoice.
    await invoiceSeededPeriods(client, simNow);
    const results = await tx((t) => recordUsageInTx(t, merchantId, batch, simNow));
    events += results.filter((r) => r.status === "accepted").length;
    rejected += results.filter((r) => r.status === "rejected").length;
    // Periods that ended more than their grace window ago are closed (leftovers expire).
    const due = await client.billingPeriod.findMany({
      where: { status: "open", periodEnd: { lte: new Date(simNow.getTime() - 24 * 3_600_000) } },
      select: { id: true },
    });
    for (const p of due) await tx((t) => closePeriodLedger(t, p.id, simNow));
    await invoiceSeededPeriods(client, simNow);
  }
  return { merchantId, customers: demoCustomers.length, events, rejected, apiKey };
}

/**
 * The short invoice history of the demo: each ended period's renewal invoice, issued and charged
 * to the demo card through the real services (when the payment services use this database).
 */
async function invoiceSeededPeriods(client: PrismaClient, now: Date) {
  const ended = await client.$queryRawUnsafe<{ id: string }[]>(
    `SELECT p.id FROM billing_periods p JOIN plans pl ON pl.id = p.plan_id
      WHERE p.invoiced_at IS NULL AND p.period_end <= $1 AND (pl.model <> 'metered' OR p.status = 'closed') ORDER BY p.period_end, p.id`,
    now,
  );
  for (const p of ended) await transaction((t) => invoiceEndedPeriod(t, p.id, now), { client });
  if (ended.length > 0 && peekDbHandle()?.prisma === client) await runDueJobs({ [CHARGE_QUEUE]: RENEWAL_HANDLERS[CHARGE_QUEUE]! }, { client, now, limit: 50 });
}

export function demoSignInLines(baseUrl: string): string[] {
  const owners = DEMO_CUSTOMERS.map((c) => `  ${c.email.padEnd(24)} owner of ${c.name} (${c.plan})`);
  return [
    "Demo sign-in addresses (no password — a magic link is sent):",
    ...owners,
    "  billing@pixel.example    billing role at Pixel & Co Studio",
    "  viewer@pixel.example     viewer (read only) at Pixel & Co Studio",
    "  sam@consultant.example   member of all three accounts (account switcher)",
    `Sign-in links appear in the dev outbox: ${baseUrl}/dev/outbox (also .data/outbox.jsonl)`,
  ];
}
