import "server-only";
// `npm run catalog:apply`: the catalogue in the database next to the one in the config, the
// difference in words (lib/catalog/diff.ts), and — when nothing is refused — the config applied
// in one transaction: the merchant's settings, its plans (new ones created; changed ones updated
// in place, or — when subscribers pay the terms that change — a new version, theirs kept; ones
// left out retired: no longer offered, still working for their subscribers), actions and packs (a
// pack left out is no longer sold; packs are sold to every version's subscribers alike).
import type { Catalog, MerchantSettings } from "@/lib/catalog/config";
import { diffCatalog, type Change, type CurrentCatalog } from "@/lib/catalog/diff";
import { readAddress } from "@/lib/billing/countries";
import { clearPlanCache, toPlanDef } from "@/lib/db/plans";
import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/tx";
import { ensureAssets, ensureMerchantAccounts, upsertPlan, writePacks } from "./catalog";

async function currentCatalog(tx: Tx, merchantId: string): Promise<CurrentCatalog> {
  const m = await tx.merchant.findUnique({ where: { id: merchantId } });
  const rows = await tx.plan.findMany({ where: { merchantId, current: true }, include: { actions: true, packs: true }, orderBy: [{ sortOrder: "asc" }, { code: "asc" }] });
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
      const { id: _id, merchantId: _m, active, current: _c, ...def } = toPlanDef(r);
      return { ...def, terms: { dunningRetryDays: r.dunningRetryDays, dunningRule: r.dunningRule, graceHours: r.graceHours, active }, subscribers: subscribers.get(r.id) ?? 0 };
    }),
  };
}

type ApplyResult = { changes: Change[]; applied: boolean };

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
  const versioned = new Set(changes.flatMap((c) => (c.newVersionOf ? [c.newVersionOf] : [])));
  for (const [i, p] of next.plans.entries()) {
    const { terms, ...def } = p;
    const planId = await upsertPlan(tx, m.id, def, i, terms, { newVersion: versioned.has(p.code) });
    await tx.planAction.deleteMany({ where: { planId, code: { notIn: def.actions.map((a) => a.code) } } });
    // older versions keep their terms; their name, packs, dunning and grace follow the config
    const older = await tx.plan.findMany({ where: { merchantId: m.id, code: p.code, current: false }, select: { id: true } });
    for (const o of older) {
      await tx.plan.update({ where: { id: o.id }, data: { name: def.name, sortOrder: i, dunningRetryDays: terms.dunningRetryDays, dunningRule: terms.dunningRule, graceHours: terms.graceHours, active: terms.active } });
      await writePacks(tx, o.id, def.packs);
    }
  }
  await tx.plan.updateMany({ where: { merchantId: m.id, code: { notIn: next.plans.map((p) => p.code) } }, data: { active: false } });
  clearPlanCache();
  return { changes, applied: true };
}
