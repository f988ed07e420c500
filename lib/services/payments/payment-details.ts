// What a payment buys, as stored in Payment.details: the priced choice fixed when the payment was
// created (a pack, funds, a subscription invoice, a plan change), and its parsing back — so every
// later attempt, webhook or reconcile settles exactly what was quoted.
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

function parseInvoiceDetails(v: unknown): InvoicePaymentDetails | null {
  if (!v || typeof v !== "object") return null;
  const j = v as Record<string, unknown>;
  return {
    invoiceId: String(j.invoice_id),
    subscriptionId: String(j.subscription_id),
    feeMicros: BigInt(String(j.fee_micros ?? "0")),
    grantPeriodStart: (j.grant_period_start as string | null) ?? null,
    grantPlanId: (j.grant_plan_id as string | null) ?? null,
    overageMicros: BigInt(String(j.overage_micros ?? "0")),
    overageAccountId: (j.overage_account_id as string | null) ?? null,
    attempt: j.attempt == null ? null : Number(j.attempt),
  };
}

export function parseDetails(json: unknown): PaymentDetails {
  const j = json as Record<string, unknown>;
  const big = (k: string) => (j[k] == null ? null : BigInt(String(j[k])));
  return {
    kind: j.kind === "pack" ? "pack" : j.kind === "invoice" ? "invoice" : j.kind === "plan_change" ? "plan_change" : "funds",
    description: String(j.description ?? ""),
    subtotalMicros: big("subtotal_micros") ?? 0n,
    taxMicros: big("tax_micros") ?? 0n,
    taxRateBps: Number(j.tax_rate_bps ?? 0),
    packCode: (j.pack_code as string | null) ?? null,
    packName: (j.pack_name as string | null) ?? null,
    creditsMilli: big("credits_milli"),
    expiryMonths: j.expiry_months == null ? null : Number(j.expiry_months),
    automatic: j.automatic === true,
    invoice: j.kind === "invoice" ? parseInvoiceDetails(j.invoice) : null,
    planChange: j.plan_change ? parsePlanChange(j.plan_change) : null,
  };
}

