"use server";
// The sandbox provider's dashboard actions: refund or dispute a payment, as a merchant (or a card
// holder's bank) would at the real provider. Their effects reach Portico as provider events.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isProduction } from "@/lib/email/mailer";
import { activeProvider, sandboxGateway } from "@/lib/payments";

export async function sandboxDashboardEnabled() {
  return !isProduction() && activeProvider() === "sandbox";
}

const schema = z.object({ providerPaymentId: z.string().regex(/^sbx_pi_[a-f0-9]+$/), action: z.enum(["refund", "refund_half", "dispute"]) });

export async function sandboxPaymentAction(input: unknown): Promise<{ ok: boolean; message: string }> {
  if (!(await sandboxDashboardEnabled())) return { ok: false, message: "The sandbox dashboard is off." };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Not understood." };
  const { providerPaymentId, action } = parsed.data;
  const sandbox = sandboxGateway();
  try {
    if (action === "dispute") await sandbox.dispute(providerPaymentId);
    else {
      const p = await sandbox.retrievePayment(providerPaymentId);
      const left = p.amountCents - p.amountRefundedCents;
      const amount = action === "refund_half" ? left / 2n : left;
      await sandbox.refund({ providerPaymentId, amountCents: amount, idempotencyKey: `dashboard:${providerPaymentId}:${p.amountRefundedCents}:${amount}` });
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  revalidatePath("/dev/sandbox");
  return { ok: true, message: "Done: the provider event is on its way to Portico." };
}
