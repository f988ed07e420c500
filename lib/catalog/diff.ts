// What applying a catalogue would change, in words a merchant reviews before saying yes: new,
// changed and retired plans, actions, packs and settings. A change to what existing subscribers
// pay (price, period, allowance, included units, overage or action prices) of a plan that has
// subscribers never rewrites their terms: it makes a new version of the plan, offered from then on,
// and its subscribers keep theirs (grandfathered) until they change plan. A plan never changes its
// consumption model (refused: use a new plan code). Pure.
import { formatMoney } from "@/lib/billing/money";
import { planColumns, usageAsset, type PlanDef } from "@/lib/billing/plans";
import type { Catalog, CatalogPlan, MerchantSettings } from "./config";

/** A plan code's current version as stored, and how many live subscriptions are on it. */
type CurrentPlan = CatalogPlan & { version: number; subscribers: number };

// Translations compared whatever the order of their keys (the database keeps JSON keys its own way).
const canonical = (v: unknown): string =>
  v && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${k}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}` : JSON.stringify(v ?? null);
type Translations = PlanDef["actions"][number]["translations"];
const someTranslations = (t: Translations) => (t && Object.keys(t).length > 0 ? t : undefined);
const languagesOf = (t: Translations) => (t ? Object.keys(t).sort().join(", ") : "none");

export type CurrentCatalog = { merchant: MerchantSettings | null; plans: CurrentPlan[] };

export type Change = {
  sign: "+" | "~" | "-";
  text: string;
  /** Why this change cannot be applied (nothing is applied while any change is refused). */
  refused?: string;
  /** This plan code gets a new version (its subscribers keep the one they are on). */
  newVersionOf?: string;
};

const usd = (m: bigint | null) => (m === null ? "none" : formatMoney({ amount: m, asset: "USD" }, { exact: true }));

function planSummary(p: PlanDef): string {
  const every = p.intervalMonths === 1 ? "month" : `${p.intervalMonths} months`;
  return `${p.model}, ${usd(p.priceMicros)} / ${every}, ${p.actions.length} action${p.actions.length === 1 ? "" : "s"}${p.packs.length ? `, ${p.packs.length} pack${p.packs.length === 1 ? "" : "s"}` : ""}`;
}

/** The terms that decide what a subscriber pays, each with how to write it. */
function terms(p: PlanDef): [string, string][] {
  const units = (n: bigint | null) => (n === null ? "none" : formatMoney({ amount: n, asset: usageAsset(p) }, { exact: true }));
  const c = planColumns(p);
  return [
    ["model", p.model],
    ["price", usd(p.priceMicros)],
    ["period", `${p.intervalMonths} month(s)`],
    ["when the wallet is empty", p.zeroBalancePolicy],
    ["included usage", units(c.includedUnits)],
    ["overage price", usd(c.overagePriceMicros)],
    ["allowance", c.allowanceMilli === null ? "none" : formatMoney({ amount: c.allowanceMilli, asset: "CREDIT" }, { exact: true })],
    ["rollover cap", c.rolloverCapMilli === null ? "none" : formatMoney({ amount: c.rolloverCapMilli, asset: "CREDIT" }, { exact: true })],
    ["grant", usd(c.grantMicros)],
  ];
}

function settingsChanges(a: MerchantSettings, b: MerchantSettings): string[] {
  const show = (v: unknown) => (v === null || v === undefined ? "none" : typeof v === "object" ? JSON.stringify(v) : String(v));
  const keys: (keyof MerchantSettings)[] = ["name", "currency", "taxRateBps", "address", "taxId", "supportEmail", "supportUrl", "logoUrl", "brandColor", "returnUrl", "embedOrigins"];
  return keys.filter((k) => show(a[k]) !== show(b[k])).map((k) => `${k}: ${show(a[k])} → ${show(b[k])}`);
}

export function diffCatalog(current: CurrentCatalog, next: Catalog): Change[] {
  const out: Change[] = [];
  if (!current.merchant) out.push({ sign: "+", text: `merchant ${next.merchant.id} "${next.merchant.name}" (${next.merchant.currency}, tax ${next.merchant.taxRateBps / 100} %)` });
  else for (const c of settingsChanges(current.merchant, next.merchant)) out.push({ sign: "~", text: `merchant ${c}` });

  const now = new Map(current.plans.map((p) => [p.code, p]));
  for (const p of next.plans) {
    const was = now.get(p.code);
    if (!was) {
      out.push({ sign: "+", text: `plan ${p.code} "${p.name}" (${planSummary(p)})${p.terms.active ? "" : " — retired"}` });
      continue;
    }
    const held = was.subscribers > 0;
    // a term change of a plan with subscribers goes into a new version instead of onto them
    let termsChanged = false;
    const term = (text: string): Change => {
      termsChanged = true;
      return { sign: "~", text };
    };
    if (was.model !== p.model) out.push({ sign: "~", text: `plan ${p.code}: model ${was.model} → ${p.model}`, refused: "a plan keeps its consumption model; use a new plan code (and retire this one)" });
    else {
      const before = new Map(terms(was));
      for (const [k, v] of terms(p)) if (k !== "model" && before.get(k) !== v) out.push(term(`plan ${p.code}: ${k} ${before.get(k)} → ${v}`));
    }
    if (was.name !== p.name) out.push({ sign: "~", text: `plan ${p.code}: name "${was.name}" → "${p.name}"` });
    const [wc, pc] = [planColumns(was), planColumns(p)];
    if (wc.topUpMinMicros !== pc.topUpMinMicros || wc.topUpMaxMicros !== pc.topUpMaxMicros) {
      out.push({ sign: "~", text: `plan ${p.code}: add-funds limits ${usd(wc.topUpMinMicros)}–${usd(wc.topUpMaxMicros)} → ${usd(pc.topUpMinMicros)}–${usd(pc.topUpMaxMicros)}` });
    }
    if (wc.purchasedExpiryMonths !== pc.purchasedExpiryMonths) out.push({ sign: "~", text: `plan ${p.code}: purchased credits expire after ${wc.purchasedExpiryMonths ?? "never"} → ${pc.purchasedExpiryMonths ?? "never"} months` });
    if (JSON.stringify(was.terms) !== JSON.stringify({ ...p.terms, active: was.terms.active })) {
      out.push({ sign: "~", text: `plan ${p.code}: dunning ${was.terms.dunningRetryDays.join(",")} days then ${was.terms.dunningRule}, grace ${was.terms.graceHours} h → ${p.terms.dunningRetryDays.join(",")} days then ${p.terms.dunningRule}, grace ${p.terms.graceHours} h` });
    }
    if (was.terms.active !== p.terms.active) {
      out.push(p.terms.active ? { sign: "~", text: `plan ${p.code}: offered again` } : { sign: "-", text: `plan ${p.code}: retired — no longer offered; its ${was.subscribers} subscriber(s) keep it` });
    }
    const actions = new Map(was.actions.map((a) => [a.code, a]));
    for (const a of p.actions) {
      const old = actions.get(a.code);
      if (!old) out.push({ sign: "+", text: `plan ${p.code}: action ${a.code} "${a.name}"` });
      else {
        if (old.unitCost !== a.unitCost) out.push(term(`plan ${p.code}: action ${a.code} costs ${old.unitCost} → ${a.unitCost} (minor units)`));
        if (old.name !== a.name || old.unitLabel !== a.unitLabel) out.push({ sign: "~", text: `plan ${p.code}: action ${a.code} "${old.name}" per ${old.unitLabel} → "${a.name}" per ${a.unitLabel}` });
        const [wasT, nowT] = [someTranslations(old.translations), someTranslations(a.translations)];
        if (canonical(wasT) !== canonical(nowT)) out.push({ sign: "~", text: `plan ${p.code}: action ${a.code} translations ${languagesOf(wasT)} → ${languagesOf(nowT)}` });
      }
      actions.delete(a.code);
    }
    for (const gone of actions.values()) out.push({ ...term(`plan ${p.code}: action ${gone.code} removed`), sign: "-" });
    if (termsChanged && held) {
      out.push({
        sign: "+",
        text: `plan ${p.code}: version ${was.version + 1} with these terms for new subscribers; its ${was.subscribers} subscriber${was.subscribers === 1 ? " keeps" : "s keep"} version ${was.version} until they change plan`,
        newVersionOf: p.code,
      });
    }
    const packs = new Map(was.packs.map((k) => [k.code, k]));
    for (const k of p.packs) {
      const old = packs.get(k.code);
      if (!old) out.push({ sign: "+", text: `plan ${p.code}: pack ${k.code} "${k.name}" at ${usd(k.priceMicros)}` });
      else if (old.priceMicros !== k.priceMicros || old.creditsMilli !== k.creditsMilli || old.name !== k.name || old.expiryMonths !== k.expiryMonths) {
        out.push({ sign: "~", text: `plan ${p.code}: pack ${k.code} "${old.name}" ${usd(old.priceMicros)} → "${k.name}" ${usd(k.priceMicros)} (for purchases from now on)` });
      }
      packs.delete(k.code);
    }
    for (const gone of packs.values()) out.push({ sign: "-", text: `plan ${p.code}: pack ${gone.code} no longer sold (credits already bought stay)` });
    now.delete(p.code);
  }
  for (const gone of now.values()) {
    if (gone.terms.active) out.push({ sign: "-", text: `plan ${gone.code}: not in the config — retired, no longer offered; its ${gone.subscribers} subscriber(s) keep it` });
  }
  return out;
}
