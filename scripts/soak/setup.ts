// The soak's customers on the fresh database: the demo catalogue, customers of all three models
// (their first period already ended an hour ago), signed-in session cookies, cards (some that
// decline), automatic top-ups for half of the Credits and Balance ones, and the merchant's API key.
import { encode } from "next-auth/jwt";
import type { DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { createApiKey, createCustomer } from "@/lib/services/customers";
import { saveAutoTopUp, addSandboxCard, seedDemoCard, setDefaultCard } from "@/lib/services/payments";
import { DEMO_MERCHANT_ID, seedDemo } from "@/lib/services/catalog";

export const SECRET = "soak-secret-not-for-production-0123456789";
const DECLINED_CARD = "4000000000000002";

type Model = "metered" | "credits" | "balance";
export type SoakCustomer = { id: string; model: Model; cookie: string; autoTopUp: boolean; declines: boolean };

const PLAN: Record<Model, string> = { metered: "api_pro", credits: "creator", balance: "platform" };
export const ACTIONS: Record<Model, string[]> = { metered: ["api_call"], credits: ["image_generation", "voice_transcription", "agent_run"], balance: ["gb_hour", "build_minute"] };

export async function setUpCustomers(db: DbHandle, customersPerModel: number): Promise<{ customers: SoakCustomer[]; key: string }> {
  const now = new Date();
  await seedDemo({ client: db.prisma, now, days: 1 });
  const anchorAt = new Date(now.getTime());
  anchorAt.setUTCMonth(anchorAt.getUTCMonth() - 1);
  anchorAt.setTime(anchorAt.getTime() - 3_600_000);
  const customers: SoakCustomer[] = [];
  const { key } = await transaction(async (tx) => {
    for (const model of ["metered", "credits", "balance"] as const) {
      for (let i = 0; i < customersPerModel; i++) {
        const ext = `soak-${model}-${i}`;
        const { customer, user } = await createCustomer(tx, { merchantId: DEMO_MERCHANT_ID, externalId: ext, name: `Soak ${model} ${i}`, email: `${ext}@soak.example`, planCode: PLAN[model], anchorAt, now: anchorAt });
        await seedDemoCard(tx, customer, anchorAt);
        const token = await encode({ token: { sub: user.id, email: user.email, customerId: customer.id }, secret: SECRET });
        customers.push({ id: customer.id, model, cookie: `next-auth.session-token=${token}`, autoTopUp: model !== "metered" && i % 2 === 0, declines: model !== "metered" && i % 10 === 9 });
      }
    }
    return { key: (await createApiKey(tx, { merchantId: DEMO_MERCHANT_ID, name: "soak" })).secret };
  });
  for (const c of customers.filter((x) => x.declines)) {
    const added = await addSandboxCard(c.id, { number: DECLINED_CARD, expMonth: 12, expYear: now.getUTCFullYear() + 2, cvc: "123" });
    if (!added.ok) throw new Error(added.message);
    const made = await setDefaultCard(c.id, added.card.id);
    if (!made.ok) throw new Error(made.message);
  }
  for (const c of customers.filter((x) => x.autoTopUp)) {
    const saved =
      c.model === "credits"
        ? await saveAutoTopUp(c.id, { enabled: true, threshold: "900", packCode: "pack_500", monthlyCap: "300" })
        : await saveAutoTopUp(c.id, { enabled: true, threshold: "45", amount: "25", monthlyCap: "300" });
    if (!saved.ok) throw new Error(`auto top-up for ${c.id}: ${saved.message}`);
  }
  return { customers, key };
}
