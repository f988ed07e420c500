// The merchant's catalogue as code (portico.config.ts): who the merchant is and what it sells —
// plans of the three consumption models with their actions and prices, credit packs, add-funds
// limits, policies and dunning. `defineConfig` types it for the editor; `parseCatalogConfig`
// checks it (zod) and turns it into the PlanDefs the rest of Portico runs on. Money is written as
// decimal strings in the currency's units ("25.00", "0.002") — never a float — and credits the
// same way ("10", "0.5"). Pure: no database, no framework.
import { z } from "zod";
import { isCountryCode } from "@/lib/billing/countries";
import { chargeStep, chargeStepRule } from "@/lib/billing/chargeable";
import { centsToMicros, parseDecimal, USD_MICROS_PER_CENT } from "@/lib/billing/money";
import { assetOrThrow, isCurrency } from "@/lib/ledger/assets";
import { validatePlan, type PlanDef } from "@/lib/billing/plans";
import { translations } from "./translations";

const CODE = /^[a-z0-9][a-z0-9_]{0,63}$/;
const code = (what: string) => z.string().regex(CODE, `a ${what} code is 1–64 lower-case letters, digits or _ (e.g. "api_pro")`);

/** A decimal amount as a string; a whole number is accepted as a number too, a fraction never. */
const decimal = (what: string, asset: "CREDIT", opts: { positive?: boolean } = {}) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    if (typeof v === "number" && !Number.isInteger(v)) {
      ctx.addIssue({ code: "custom", message: `write ${what} as a string, e.g. "${v}": money is never a float` });
      return z.NEVER;
    }
    const text = String(v).trim();
    if (text.startsWith("-")) {
      ctx.addIssue({ code: "custom", message: `${what} cannot be negative` });
      return z.NEVER;
    }
    let minor: bigint;
    try {
      minor = parseDecimal(text, asset);
    } catch {
      ctx.addIssue({ code: "custom", message: `${what} must be a plain decimal like "25.00" (at most 3 decimals)` });
      return z.NEVER;
    }
    if (opts.positive && minor <= 0n) {
      ctx.addIssue({ code: "custom", message: `${what} must be more than zero` });
      return z.NEVER;
    }
    return minor;
  });

/**
 * A money amount as the merchant writes it ("25.00", "0.002", 1200): checked for form here, turned
 * into ledger units of the plan's currency once the currency is known (parseCatalogConfig), so
 * "0.5" is refused for a JPY price of a whole charge and "0.00005" for any currency.
 */
type PriceText = { price: string; what: string; positive: boolean };
const price = (what = "price", positive = false) =>
  z.union([z.string(), z.number()]).transform((v, ctx): PriceText => {
    if (typeof v === "number" && !Number.isInteger(v)) {
      ctx.addIssue({ code: "custom", message: `write ${what} as a string, e.g. "${v}": money is never a float` });
      return z.NEVER;
    }
    const text = String(v).trim();
    if (text.startsWith("-")) {
      ctx.addIssue({ code: "custom", message: `${what} cannot be negative` });
      return z.NEVER;
    }
    if (!/^\d{1,18}(\.\d+)?$/.test(text)) {
      ctx.addIssue({ code: "custom", message: `${what} must be a plain decimal like "25.00"` });
      return z.NEVER;
    }
    return { price: text, what, positive };
  });

const credits = (what = "credits", positive = false) => decimal(what, "CREDIT", { positive });
const count = (what: string) => z.union([z.number().int(`${what} must be a whole number`).min(0, `${what} cannot be negative`), z.string().regex(/^\d{1,15}$/, `${what} must be a whole number`)]).transform((v) => BigInt(v));
const months = z.number().int().min(1).max(120);

const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code in capitals, such as "USD"')
  .refine((c) => isCurrency(c), { message: "is not an ISO 4217 currency Portico can bill in" });

const addressSchema = z.strictObject({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  postalCode: z.string().max(20).optional(),
  state: z.string().max(100).optional(),
  country: z.string().refine((c) => isCountryCode(c), { message: 'is not an ISO 3166 country code such as "US"' }),
});

const origin = z.string().refine(
  (o) => {
    try {
      const u = new URL(o);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === o.replace(/\/$/, "");
    } catch {
      return false;
    }
  },
  { message: 'must be an origin such as "https://app.example.com" (scheme and host, no path)' },
);

const merchantSchema = z.strictObject({
  id: z.string().regex(/^mer_[a-z0-9_]{1,60}$/, 'the merchant id looks like "mer_acme"'),
  name: z.string().min(1).max(200),
  legalAddress: addressSchema.optional(),
  taxId: z.string().min(2).max(40).optional(),
  supportEmail: z.email().optional(),
  supportUrl: z.url({ protocol: /^https?$/ }).optional(),
  logoUrl: z.string().max(2000).optional(),
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like "#4f46e5"').optional(),
  currency: currency.default("USD"),
  /** "8%", "8.25%", or "0%". */
  taxRate: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2})?%$/, 'a tax rate like "8%" or "8.25%"')
    .transform((t) => Number(parseDecimal(t.slice(0, -1), "USD") / 10_000n)) // percent to 2 decimals → basis points
    .default(0),
  returnUrl: z.url({ protocol: /^https?$/ }).optional(),
  embedOrigins: z.array(origin).max(20).default([]),
});

const dunningSchema = z.strictObject({
  retryDays: z.array(z.number().int().min(1).max(60)).min(1).max(10).default([1, 3, 5]),
  rule: z.enum(["suspend", "cancel"]).default("suspend"),
});

const common = {
  code: code("plan"),
  name: z.string().min(1).max(100),
  /** The plan's currency (ISO 4217); default the merchant's. Every price of the plan is in it. */
  currency: currency.optional(),
  price: price(),
  intervalMonths: months.default(1),
  dunning: dunningSchema.default({ retryDays: [1, 3, 5], rule: "suspend" }),
  graceHours: z.number().int().min(0).max(168).default(24),
  /** Retired plans stay working for their subscribers but are not offered any more. */
  retired: z.boolean().default(false),
};

const actionCommon = { code: code("action"), name: z.string().min(1).max(100), unit: z.string().min(1).max(40), translations };

const meteredPlan = z.strictObject({
  ...common,
  model: z.literal("metered"),
  onZero: z.enum(["block", "overage"]).default("overage"),
  includedUnits: count("includedUnits"),
  overagePrice: price("overagePrice").optional(),
  actions: z.array(z.strictObject({ ...actionCommon, units: count("units").default(1n) })).min(1, "a plan needs at least one action"),
});

const creditsPlan = z.strictObject({
  ...common,
  model: z.literal("credits"),
  onZero: z.enum(["block", "auto_top_up"]).default("block"),
  allowance: credits("allowance"),
  rolloverCap: credits("rolloverCap").optional(),
  purchasedExpiryMonths: months.optional(),
  actions: z.array(z.strictObject({ ...actionCommon, credits: credits("credits", true) })).min(1, "a plan needs at least one action"),
  packs: z
    .array(z.strictObject({ code: code("pack"), name: z.string().min(1).max(100), credits: credits("credits", true), price: price("price", true), expiryMonths: months.optional() }))
    .default([]),
});

const balancePlan = z.strictObject({
  ...common,
  model: z.literal("balance"),
  onZero: z.enum(["block", "auto_top_up"]).default("block"),
  grant: price("grant"),
  topUp: z.strictObject({ min: price("topUp.min", true), max: price("topUp.max", true) }),
  actions: z.array(z.strictObject({ ...actionCommon, price: price("price", true) })).min(1, "a plan needs at least one action"),
});

const planSchema = z.discriminatedUnion("model", [meteredPlan, creditsPlan, balancePlan], {
  error: 'model must be "metered", "credits" or "balance"',
});

const catalogConfigSchema = z
  .strictObject({ merchant: merchantSchema, plans: z.array(planSchema).min(1, "the catalogue needs at least one plan") })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.plans.forEach((p, i) => {
      const first = seen.get(p.code);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["plans", i, "code"], message: `plan code "${p.code}" is already used by plans[${first}]${c.plans[first]!.model !== p.model ? ` (a ${c.plans[first]!.model} plan): one code, one model` : ""}` });
      else seen.set(p.code, i);
      const actions = new Set<string>();
      p.actions.forEach((a, j) => {
        if (actions.has(a.code)) ctx.addIssue({ code: "custom", path: ["plans", i, "actions", j, "code"], message: `action code "${a.code}" appears twice in plan "${p.code}"` });
        actions.add(a.code);
      });
      if (p.model === "credits") {
        const packs = new Set<string>();
        p.packs.forEach((k, j) => {
          if (packs.has(k.code)) ctx.addIssue({ code: "custom", path: ["plans", i, "packs", j, "code"], message: `pack code "${k.code}" appears twice in plan "${p.code}"` });
          packs.add(k.code);
        });
      }
    });
  });

/** The config as the merchant writes it (what `defineConfig` checks in the editor). */
export type CatalogConfig = z.input<typeof catalogConfigSchema>;

/** Types portico.config.ts for editor completion; the values are checked when the config is loaded. */
export function defineConfig(config: CatalogConfig): CatalogConfig {
  return config;
}

export type MerchantSettings = {
  id: string;
  name: string;
  currency: string;
  taxRateBps: number;
  address: { line1: string; line2: string | null; city: string; postal_code: string | null; state: string | null; country: string } | null;
  taxId: string | null;
  supportEmail: string | null;
  supportUrl: string | null;
  logoUrl: string | null;
  brandColor: string | null;
  returnUrl: string | null;
  embedOrigins: string[];
};

type PlanTerms = { dunningRetryDays: number[]; dunningRule: "suspend" | "cancel"; graceHours: number; active: boolean };
export type CatalogPlan = PlanDef & { terms: PlanTerms };
export type Catalog = { merchant: MerchantSettings; plans: CatalogPlan[] };

export type ConfigError = { path: string; message: string };

/** "plans[2].actions[0].price" from a zod path. */
function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(the config)";
}

/** The config checked and turned into a catalogue, or every problem with its path. */
export function parseCatalogConfig(raw: unknown): { ok: true; catalog: Catalog } | { ok: false; errors: ConfigError[] } {
  const parsed = catalogConfigSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
  const c = parsed.data;
  const m = c.merchant;
  const merchant: MerchantSettings = {
    id: m.id,
    name: m.name,
    currency: m.currency,
    taxRateBps: m.taxRate,
    address: m.legalAddress
      ? { line1: m.legalAddress.line1, line2: m.legalAddress.line2 ?? null, city: m.legalAddress.city, postal_code: m.legalAddress.postalCode ?? null, state: m.legalAddress.state ?? null, country: m.legalAddress.country }
      : null,
    taxId: m.taxId ?? null,
    supportEmail: m.supportEmail ?? null,
    supportUrl: m.supportUrl ?? null,
    logoUrl: m.logoUrl ?? null,
    brandColor: m.brandColor ?? null,
    returnUrl: m.returnUrl ?? null,
    embedOrigins: m.embedOrigins.map((o) => o.replace(/\/$/, "")),
  };
  const errors: ConfigError[] = [];
  const plans = c.plans.map((p, i): CatalogPlan => {
    const planCurrency = p.currency ?? m.currency;
    const scale = assetOrThrow(planCurrency).scale;
    /** A price in ledger units of the plan's currency (at most 1/10,000 of its minor unit). */
    const money = (t: PriceText, path: string): bigint => {
      try {
        const units = parseDecimal(t.price, planCurrency);
        if (t.positive && units <= 0n) errors.push({ path: `plans[${i}].${path}`, message: `${t.what} must be more than zero` });
        return units;
      } catch {
        errors.push({ path: `plans[${i}].${path}`, message: `${t.what} has more decimals than ${planCurrency} prices can (${scale})` });
        return 0n;
      }
    };
    /** A price a card is charged as is (the plan's, a pack's, a top-up limit): whole steps of what a card takes. */
    const charged = (t: PriceText, path: string): bigint => {
      const units = money(t, path);
      const step = centsToMicros(chargeStep(planCurrency));
      if (step > USD_MICROS_PER_CENT && units % step !== 0n) {
        errors.push({ path: `plans[${i}].${path}`, message: `${t.what} ${t.price} ${planCurrency} cannot be charged by card: ${chargeStepRule(planCurrency)}` });
      }
      return units;
    };
    const base = {
      code: p.code,
      name: p.name,
      currency: planCurrency,
      priceMicros: charged(p.price, "price"),
      intervalMonths: p.intervalMonths,
      packs: [],
      terms: { dunningRetryDays: p.dunning.retryDays, dunningRule: p.dunning.rule, graceHours: p.graceHours, active: !p.retired },
    };
    switch (p.model) {
      case "metered": {
        const overage = p.overagePrice === undefined ? null : money(p.overagePrice, "overagePrice");
        if (p.onZero === "overage" && !(overage && overage > 0n)) errors.push({ path: `plans[${i}].overagePrice`, message: "a plan that bills overage needs an overagePrice above zero" });
        return {
          ...base,
          model: "metered",
          zeroBalancePolicy: p.onZero,
          meterAsset: "API_CALL",
          includedUnits: p.includedUnits,
          overagePriceMicros: overage,
          actions: p.actions.map((a) => ({ code: a.code, name: a.name, unitLabel: a.unit, unitCost: a.units, ...(a.translations ? { translations: a.translations } : {}) })),
        };
      }
      case "credits":
        return {
          ...base,
          model: "credits",
          zeroBalancePolicy: p.onZero,
          allowanceMilli: p.allowance,
          rolloverCapMilli: p.rolloverCap ?? null,
          purchasedExpiryMonths: p.purchasedExpiryMonths ?? null,
          actions: p.actions.map((a) => ({ code: a.code, name: a.name, unitLabel: a.unit, unitCost: a.credits, ...(a.translations ? { translations: a.translations } : {}) })),
          packs: p.packs.map((k, j) => ({ code: k.code, name: k.name, creditsMilli: k.credits, priceMicros: charged(k.price, `packs[${j}].price`), expiryMonths: k.expiryMonths ?? null })),
        };
      case "balance": {
        const [min, max] = [charged(p.topUp.min, "topUp.min"), charged(p.topUp.max, "topUp.max")];
        if (min > max) errors.push({ path: `plans[${i}].topUp.min`, message: "topUp.min cannot be above topUp.max" });
        return {
          ...base,
          model: "balance",
          zeroBalancePolicy: p.onZero,
          grantMicros: money(p.grant, "grant"),
          topUpMinMicros: min,
          topUpMaxMicros: max,
          actions: p.actions.map((a, j) => ({ code: a.code, name: a.name, unitLabel: a.unit, unitCost: money(a.price, `actions[${j}].price`), ...(a.translations ? { translations: a.translations } : {}) })),
        };
      }
      default:
        // a new model's schema in planSchema needs its plan here
        throw new Error(`unhandled consumption model ${(p satisfies never as { model: string }).model}`);
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  // the rules every plan obeys, whoever wrote it (lib/billing/plans validatePlan)
  const invalid = plans.flatMap((p, i) => validatePlan(p).map((message) => ({ path: `plans[${i}]`, message })));
  if (invalid.length > 0) return { ok: false, errors: invalid };
  return { ok: true, catalog: { merchant, plans } };
}
