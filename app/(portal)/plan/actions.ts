"use server";
// Server actions of the Plan page: preview a change, choose a plan (upgrade now, charged; or
// scheduled for the period end), keep the current plan, cancel at period end, resume. The
// customer account and role come from the session; owners and billing members only (a preview is
// a read). The browser sends a plan code and its form key, never a price.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize, isDenied } from "@/lib/auth/session";
import { applyChange, cancelAtPeriodEnd, keepCurrentPlan, previewChange, resumeSubscription, type CancelResult, type ChangeResult, type PreviewView } from "@/lib/services/plan-portal";
import { FORM_KEY_PATTERN } from "@/lib/services/purchases";
import { cardChargeLimit } from "@/lib/services/rate-limits";

export type Failure = { ok: false; code: string; message: string; paymentId?: string };

const planCode = z.string().regex(/^[a-z0-9_]{1,64}$/);
const formKey = z.string().regex(FORM_KEY_PATTERN);
const previewSchema = z.object({ planCode });
const changeSchema = z.object({ planCode, formKey, expectedTotalCents: z.string().regex(/^\d{1,12}$/).optional() });
const keySchema = z.object({ formKey });

const invalid = (): Failure => ({ ok: false, code: "invalid_request", message: "That request was not understood. Reload the page and try again." });

function refresh() {
  for (const path of ["/plan", "/", "/invoices", "/billing"]) revalidatePath(path);
}

export async function previewPlanChangeAction(input: unknown): Promise<{ ok: true; preview: PreviewView } | Failure> {
  const ctx = await authorize("view");
  if (isDenied(ctx)) return ctx;
  const parsed = previewSchema.safeParse(input);
  if (!parsed.success) return invalid();
  return previewChange(ctx.customerId, parsed.data.planCode);
}

export async function changePlanAction(input: unknown): Promise<ChangeResult | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) return invalid();
  // an upgrade charges the card now: counted with purchases, add funds and Pay now
  const limited = await cardChargeLimit(ctx.customerId);
  if (limited) return limited;
  const r = await applyChange({
    customerId: ctx.customerId,
    planCode: parsed.data.planCode,
    formKey: parsed.data.formKey,
    expectedTotalCents: parsed.data.expectedTotalCents === undefined ? undefined : BigInt(parsed.data.expectedTotalCents),
  });
  refresh();
  return r;
}

export async function keepPlanAction(input: unknown): Promise<ChangeResult | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  const parsed = keySchema.safeParse(input);
  if (!parsed.success) return invalid();
  const r = await keepCurrentPlan(ctx.customerId, parsed.data.formKey);
  refresh();
  return r;
}

export async function cancelPlanAction(input: unknown): Promise<CancelResult | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  const parsed = keySchema.safeParse(input);
  if (!parsed.success) return invalid();
  const r = await cancelAtPeriodEnd(ctx.customerId, parsed.data.formKey);
  refresh();
  return r;
}

export async function resumePlanAction(input: unknown): Promise<CancelResult | Failure> {
  const ctx = await authorize("manage_billing");
  if (isDenied(ctx)) return ctx;
  const parsed = keySchema.safeParse(input);
  if (!parsed.success) return invalid();
  const r = await resumeSubscription(ctx.customerId, parsed.data.formKey);
  refresh();
  return r;
}
