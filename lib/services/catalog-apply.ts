import "server-only";
// `npm run catalog:apply`: the catalogue in the database next to the one in the config, the
// difference in words (lib/catalog/diff.ts), and — when nothing is refused — the config applied
// in one transaction: the merchant's settings, its plans (new ones created, changed ones updated,
// ones left out retired: no longer offered, still working for their subscribers), actions and
// packs (a pack left out is no longer sold).
import type { Catalog, MerchantSettings } from "@/lib/catalog/config";
import { diffCatalog, type Change, type CurrentCatalog } from "@/lib/catalog/diff";
import { readAddress } from "@/lib/billing/countries";
import { clearPlanCache, toPlanDef } from "@/lib/db/plans";
import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/tx";
import { ensureAssets, ensureMerchantAccounts, upsertPlan } from "./catalog";

export async function currentCatalog(tx: Tx, merchantId: string): Promise<CurrentCatalog> {
  const m = await tx.merchant.findUnique({ where: { id: merchantId } });
  const rows = await tx.plan.findMany({ where: { merchantId }, include: { actions: true, packs: true }, orderBy: [{ sortOrder: "asc" }, { code: "asc" }] });
  const counts = await tx.subscription.groupBy({ by: ["planId"], where: { plan: { merchantId }, status: { not: "canceled" } }, _count: { _all: true } });
  const subscribers = new Map(counts.map((c) => [c.planId, c._count._all]));
  const merchant: MerchantSettings | null = m && {
    id: m.id,
    name: m.name,
    currency: m.currency,
    taxRateBps: m.taxRateBps,
    address: readAddress(m.address),
    taxId: m.taxId,
    supportEmail: m.supportEmail,
    supportUrl: m.supportUrl,
    logoUrl: m.logoUrl,
    brandColor: m.brandColor,
    returnUrl: m.returnUrl,
    embedOrigins: m.embedOrigins,
  };
  return {
    merchant,
    plans: rows.map((r) => {
      const { id: _id, merchantId: _m, active, ...def } = toPlanDef(r);
      return { ...def, terms: { dunningRetryDays: r.dunningRetryDays, dunningRule: r.dunningRule, graceHours: r.graceHours, active }, subscribers: subscribers.get(r.id) ?? 0 };
    }),
  };
}

export type ApplyResult = { changes: Change[]; applied: boolean };

/** The difference, and with `apply` the catalogue written — unless a change is refused (then nothing is). */
export async function applyCatalog(tx: Tx, next: Catalog, opts: { apply: boolean }): Promise<ApplyResult> {
  const changes = diffCatalog(await currentCatalog(tx, next.merchant.id), next);
  if (!opts.apply || changes.length === 0 || changes.some((c) => c.refused)) return { changes, applied: false };
  const m = next.merchant;
  const settings = {
    name: m.name,
    currency: m.currency,
    taxRateBps: m.taxRateBps,
    address: m.address ? (m.address as Prisma.InputJsonValue) : Prisma.DbNull,
    taxId: m.taxId,
    supportEmail: m.supportEmail,
    supportUrl: m.supportUrl,
    logoUrl: m.logoUrl,
    brandColor: m.brandColor,
    returnUrl: m.returnUrl,
    embedOrigins: m.embedOrigins,
  };
  await ensureAssets(tx);
  await tx.merchant.upsert({ where: { id: m.id }, create: { id: m.id, ...settings }, update: settings });
  await ensureMerchantAccounts(tx, m.id);
  for (const [i, p] of next.plans.entries()) {
    const { terms, ...def } = p;
    const planId = await upsertPlan(tx, m.id, def, i, terms);
    await tx.creditPack.updateMany({ where: { planId, code: { notIn: def.packs.map((k) => k.code) } }, data: { active: false } });
    await tx.planAction.deleteMany({ where: { planId, code: { notIn: def.actions.map((a) => a.code) } } });
  }
  await tx.plan.updateMany({ where: { merchantId: m.id, code: { notIn: next.plans.map((p) => p.code) } }, data: { active: false } });
  clearPlanCache();
  return { changes, applied: true };
}
