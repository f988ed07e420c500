// What a payment buys, as stored in Payment.details: the priced choice fixed when the payment was
// created (a pack, funds, a subscription invoice, a plan change), and its parsing back — so every
// later attempt, webhook or reconcile settles exactly what was quoted.
import { z } from "zod";
import { parsePlanChange, planChangeToJson, type PlanChangeDetails } from "../cycle/plan-upgrade";

/** Stored in Payment.details: the priced choice, fixed when the payment was created. */
export type PaymentDetails = {
  kind: "pack" | "funds" | "invoice" | "plan_change";
  description: string;
  subtotalMicros: bigint;
  taxMicros: bigint;
  taxRateBps: number;
  packCode: string | null;
  packName: string | null;
  creditsMilli: bigint | null;
  expiryMonths: number | null;
  automatic: boolean;
  /** kind "invoice": a subscription invoice being paid (renewal, dunning retry or "Pay now"). */
  invoice?: InvoicePaymentDetails | null;
  /** kind "plan_change": the upgrade this payment pays for. */
  planChange?: PlanChangeDetails | null;
};

/** What paying a subscription invoice settles, fixed when the payment is placed (lib/services/cycle/renewals.ts). */
export type InvoicePaymentDetails = {
  invoiceId: string;
  subscriptionId: string;
  /** The recurring fee's subtotal: revenue, or (Balance plans) the balance granted on success. */
  feeMicros: bigint;
  /** Balance plans: the period whose balance grant this payment funds (ISO), else null. */
  grantPeriodStart: string | null;
  grantPlanId: string | null;
  /** The closed period's overage: settles that period's overage receivable. */
  overageMicros: bigint;
  overageAccountId: string | null;
  /** 0 = the renewal charge, 1.. = dunning retries, null = paid by the customer ("Pay now"). */
  attempt: number | null;
};

export function detailsToJson(d: PaymentDetails) {
  return {
    kind: d.kind,
    description: d.description,
    subtotal_micros: d.subtotalMicros.toString(),
    tax_micros: d.taxMicros.toString(),
    tax_rate_bps: d.taxRateBps,
    pack_code: d.packCode,
    pack_name: d.packName,
    credits_milli: d.creditsMilli?.toString() ?? null,
    expiry_months: d.expiryMonths,
    automatic: d.automatic,
    ...(d.planChange ? { plan_change: planChangeToJson(d.planChange) } : {}),
    ...(d.invoice
      ? {
          invoice: {
            invoice_id: d.invoice.invoiceId,
            subscription_id: d.invoice.subscriptionId,
            fee_micros: d.invoice.feeMicros.toString(),
            grant_period_start: d.invoice.grantPeriodStart,
            grant_plan_id: d.invoice.grantPlanId,
            overage_micros: d.invoice.overageMicros.toString(),
            overage_account_id: d.invoice.overageAccountId,
            attempt: d.invoice.attempt,
          },
        }
      : {}),
  };
}

// The stored JSON, validated: a payment whose details do not parse is refused loudly rather than
// settled as something it was not. Fields older rows may lack default as they always did.
const bigintText = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform((v) => BigInt(v));
const invoiceJson = z.object({
  invoice_id: z.string().min(1),
  subscription_id: z.string().min(1),
  fee_micros: bigintText.default(0n),
  grant_period_start: z.string().nullish(),
  grant_plan_id: z.string().nullish(),
  overage_micros: bigintText.default(0n),
  overage_account_id: z.string().nullish(),
  attempt: z.number().int().nullish(),
});
const planChangeJson = z.object({
  from_plan_id: z.string().min(1),
  to_plan_id: z.string().min(1),
  from_plan_name: z.string(),
  to_plan_name: z.string(),
  period_start: z.iso.datetime(),
  period_end: z.iso.datetime(),
  extra_asset: z.string().nullish(),
  extra_amount: z.string().regex(/^\d+$/).nullish(),
});
const base = {
  description: z.string().default(""),
  subtotal_micros: bigintText.default(0n),
  tax_micros: bigintText.default(0n),
  tax_rate_bps: z.number().int().min(0).default(0),
  pack_code: z.string().nullish(),
  pack_name: z.string().nullish(),
  credits_milli: bigintText.nullish(),
  expiry_months: z.number().int().positive().nullish(),
  automatic: z.boolean().default(false),
};
const storedDetails = z.preprocess(
  (v) => (v && typeof v === "object" && !("kind" in v) ? { ...v, kind: "funds" } : v),
  z.discriminatedUnion("kind", [
    z.object({ ...base, kind: z.literal("pack"), pack_code: z.string().min(1), credits_milli: bigintText }),
    z.object({ ...base, kind: z.literal("funds") }),
    z.object({ ...base, kind: z.literal("invoice"), invoice: invoiceJson }),
    z.object({ ...base, kind: z.literal("plan_change"), plan_change: planChangeJson }),
  ]),
);

export function parseDetails(json: unknown): PaymentDetails {
  const r = storedDetails.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`A payment's stored details are not valid (${i?.path.join(".") || "details"}: ${i?.message ?? "invalid"})`);
  }
  const j = r.data;
  return {
    kind: j.kind,
    description: j.description,
    subtotalMicros: j.subtotal_micros,
    taxMicros: j.tax_micros,
    taxRateBps: j.tax_rate_bps,
    packCode: j.pack_code ?? null,
    packName: j.pack_name ?? null,
    creditsMilli: j.credits_milli ?? null,
    expiryMonths: j.expiry_months ?? null,
    automatic: j.automatic,
    invoice:
      j.kind === "invoice"
        ? {
            invoiceId: j.invoice.invoice_id,
            subscriptionId: j.invoice.subscription_id,
            feeMicros: j.invoice.fee_micros,
            grantPeriodStart: j.invoice.grant_period_start ?? null,
            grantPlanId: j.invoice.grant_plan_id ?? null,
            overageMicros: j.invoice.overage_micros,
            overageAccountId: j.invoice.overage_account_id ?? null,
            attempt: j.invoice.attempt ?? null,
          }
        : null,
    planChange: j.kind === "plan_change" ? parsePlanChange(j.plan_change) : null,
  };
}
