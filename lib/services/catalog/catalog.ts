import "server-only";
// The merchant's catalogue: assets, the merchant's own ledger accounts, plans with their action
// tables and packs.
import { MERCHANT_ACCOUNTS, merchantAccountAsset, merchantAccountId, type MerchantAccountName } from "@/lib/billing/accounts";
import { planColumns, validatePlan, type PlanDef } from "@/lib/billing/plans";
import { clearPlanCache } from "@/lib/db/plans";
import type { Tx } from "@/lib/db/tx";
import { assetOrThrow, BASE_ASSETS, isCurrency } from "@/lib/ledger/assets";

/** The ledger's assets: credits, API calls, USD, and each further currency asked for. */
export async function ensureAssets(tx: Tx, currencies: string[] = []) {
  const extra = currencies.filter((c) => c !== "USD").map((c) => assetOrThrow(c));
  await tx.asset.createMany({
    data: [...BASE_ASSETS, ...extra].map((a) => ({ code: a.code, scale: a.scale, name: a.name })),
    skipDuplicates: true,
  });
}

/** The merchant's accounts: the unit accounts once, the money accounts once per currency. */
export async function ensureMerchantAccounts(tx: Tx, merchantId: string, currencies: string[] = ["USD"]) {
  for (const c of currencies) if (!isCurrency(c)) throw new Error(`${c} is not an ISO 4217 currency Portico can bill in`);
  await ensureAssets(tx, currencies);
  const names = Object.keys(MERCHANT_ACCOUNTS) as MerchantAccountName[];
  const data = currencies.flatMap((currency, i) =>
    names
      .filter((name) => MERCHANT_ACCOUNTS[name] === "MONEY" || i === 0)
      .map((name) => ({ id: merchantAccountId(merchantId, name, currency), code: merchantAccountId(merchantId, name, currency), asset: merchantAccountAsset(name, currency), merchantId, bucket: "merchant" as const })),
  );
  await tx.ledgerAccount.createMany({ data, skipDuplicates: true });
}

/**
 * Create or update a plan (by code) with its actions and packs (and, from a catalogue, its dunning
 * and grace terms). Updates the current version in place — or, with `newVersion`, leaves it to its
 * subscribers and makes version n+1 the current one. Returns the id of the version written.
 */
export async function upsertPlan(
  tx: Tx,
  merchantId: string,
  def: PlanDef,
  sortOrder = 0,
  terms?: { dunningRetryDays: number[]; dunningRule: "suspend" | "cancel"; graceHours: number; active: boolean },
  opts: { newVersion?: boolean } = {},
): Promise<string> {
  const problems = validatePlan(def);
  if (problems.length > 0) throw new Error(`Plan ${def.code} is inconsistent: ${problems.join("; ")}`);
  // A plan in a new currency brings its asset and the merchant's money accounts in it.
  await ensureMerchantAccounts(tx, merchantId, [def.currency]);
  const fields = {
    name: def.name,
    model: def.model,
    currency: def.currency,
    priceMicros: def.priceMicros,
    intervalMonths: def.intervalMonths,
    zeroBalancePolicy: def.zeroBalancePolicy,
    ...planColumns(def),
    sortOrder,
    ...(terms ? { dunningRetryDays: terms.dunningRetryDays, dunningRule: terms.dunningRule, graceHours: terms.graceHours, active: terms.active } : {}),
  };
  const current = await tx.plan.findFirst({ where: { merchantId, code: def.code, current: true }, select: { id: true, version: true } });
  let planId: string;
  if (!current) {
    planId = `${merchantId}_${def.code}`;
    await tx.plan.create({ data: { id: planId, merchantId, code: def.code, ...fields } });
  } else if (opts.newVersion) {
    const version = current.version + 1;
    planId = `${merchantId}_${def.code}_v${version}`;
    await tx.plan.update({ where: { id: current.id }, data: { current: false } });
    await tx.plan.create({ data: { id: planId, merchantId, code: def.code, version, ...fields } });
  } else {
    planId = current.id;
    await tx.plan.update({ where: { id: planId }, data: fields });
  }
  for (const [i, a] of def.actions.entries()) {
    await tx.planAction.upsert({
      where: { planId_code: { planId, code: a.code } },
      create: { id: `${planId}_${a.code}`, planId, code: a.code, name: a.name, unitCost: a.unitCost, unitLabel: a.unitLabel, sortOrder: i, translations: a.translations ?? {} },
      update: { name: a.name, unitCost: a.unitCost, unitLabel: a.unitLabel, sortOrder: i, translations: a.translations ?? {} },
    });
  }
  await writePacks(tx, planId, def.packs);
  clearPlanCache();
  return planId;
}

/** A version's packs as the catalogue lists them (a pack left out is no longer sold). */
export async function writePacks(tx: Tx, planId: string, packs: PlanDef["packs"]) {
  for (const [i, k] of packs.entries()) {
    await tx.creditPack.upsert({
      where: { planId_code: { planId, code: k.code } },
      create: { id: `${planId}_${k.code}`, planId, code: k.code, name: k.name, creditsMilli: k.creditsMilli, priceMicros: k.priceMicros, expiryMonths: k.expiryMonths, sortOrder: i },
      update: { name: k.name, creditsMilli: k.creditsMilli, priceMicros: k.priceMicros, expiryMonths: k.expiryMonths, sortOrder: i, active: true },
    });
  }
  await tx.creditPack.updateMany({ where: { planId, code: { notIn: packs.map((k) => k.code) } }, data: { active: false } });
}
