// Plans as stored ↔ the billing core's PlanDef. Plans change rarely; reads are cached per process
// for a few seconds (the usage hot path reads one per batch).
import { readActionTranslations } from "@/lib/billing/action-words";
import { planFromColumns, type PlanDef } from "@/lib/billing/plans";
import type { AssetCode } from "@/lib/ledger/assets";
import type { Prisma } from "./generated/client";
import type { Tx } from "./tx";

/**
 * A stored plan is one version of a plan code: `current` is the version offered to new
 * subscribers; an older one keeps working, unchanged, for the subscribers on it.
 */
export type StoredPlan = PlanDef & { id: string; merchantId: string; active: boolean; version: number; current: boolean };

type PlanRow = Prisma.PlanGetPayload<{ include: { actions: true; packs: true } }>;

export function toPlanDef(p: PlanRow): StoredPlan {
  const base = {
    code: p.code,
    name: p.name,
    currency: p.currency,
    priceMicros: p.priceMicros,
    intervalMonths: p.intervalMonths,
    zeroBalancePolicy: p.zeroBalancePolicy,
    actions: [...p.actions]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((a) => {
        const translations = readActionTranslations(a.translations);
        return { code: a.code, name: a.name, unitCost: a.unitCost, unitLabel: a.unitLabel, ...(translations ? { translations } : {}) };
      }),
    packs: [...p.packs]
      .filter((k) => k.active)
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((k) => ({ code: k.code, name: k.name, creditsMilli: k.creditsMilli, priceMicros: k.priceMicros, expiryMonths: k.expiryMonths })),
  };
  const columns = {
    meterAsset: (p.meterAsset as AssetCode | null) ?? null,
    includedUnits: p.includedUnits,
    overagePriceMicros: p.overagePriceMicros,
    allowanceMilli: p.allowanceMilli,
    rolloverCapMilli: p.rolloverCapMilli,
    purchasedExpiryMonths: p.purchasedExpiryMonths,
    grantMicros: p.grantMicros,
    topUpMinMicros: p.topUpMinMicros,
    topUpMaxMicros: p.topUpMaxMicros,
  };
  const stored = { id: p.id, merchantId: p.merchantId, active: p.active, version: p.version, current: p.current };
  return { ...stored, ...planFromColumns(p.model, base, columns) };
}

const include = { actions: true, packs: true } as const;

export async function getPlanOrThrow(tx: Tx, planId: string): Promise<StoredPlan> {
  return toPlanDef(await tx.plan.findUniqueOrThrow({ where: { id: planId }, include }));
}

/** The current version of a plan code: what a new subscriber, or a change to this plan, gets. */
export async function findPlanByCode(tx: Tx, merchantId: string, code: string): Promise<StoredPlan | null> {
  const p = await tx.plan.findFirst({ where: { merchantId, code, current: true }, include });
  return p ? toPlanDef(p) : null;
}

/** The merchant's plans: the current version of each code, or with `allVersions` every version. */
export async function listPlans(tx: Tx, merchantId: string, opts: { allVersions?: boolean } = {}): Promise<StoredPlan[]> {
  const rows = await tx.plan.findMany({
    where: { merchantId, ...(opts.allVersions ? {} : { current: true }) },
    include,
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }, { version: "asc" }],
  });
  return rows.map(toPlanDef);
}

const cache = new Map<string, { at: number; plans: Map<string, StoredPlan> }>();
const TTL_MS = 5_000;

/** All plans of a merchant by id — every version, since subscribers may be on any — cached for a few seconds. */
export async function plansById(tx: Tx, merchantId: string): Promise<Map<string, StoredPlan>> {
  const hit = cache.get(merchantId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.plans;
  const plans = new Map((await listPlans(tx, merchantId, { allVersions: true })).map((p) => [p.id, p]));
  cache.set(merchantId, { at: Date.now(), plans });
  return plans;
}

export function clearPlanCache() {
  cache.clear();
}
