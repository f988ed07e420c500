import "server-only";
// Adjustments by the merchant (DESIGN §4: manual transfers carry an actor and a reason), through
// `POST /api/v1/customers/{id}/adjustments`:
//   grant    — goodwill: credits (a lot that never expires), balance, or included units of the
//              current period, from the merchant's issued/grants accounts;
//   reversal — correct a charge: a reversing transfer that names the original (in full or in
//              part; the ledger refuses more than is left). When the reversed money was paid on an
//              invoice (a subscription fee, or overage already invoiced and paid), a credit note is
//              issued against that invoice, so the invoice trail shows what was given back.
// Both appear in the customer's activity as "Adjusted" / "Reversed" with the merchant's reason.
import { customerAccountId, lotAccountId, merchantAccountId, periodAccountId } from "@/lib/billing/accounts";
import { taxOn } from "@/lib/billing/invoice-math";
import { microsToCentsHalfEven } from "@/lib/billing/money";
import { getPlanOrThrow } from "@/lib/db/plans";
import { transaction, type Tx } from "@/lib/db/tx";
import { newId } from "@/lib/ids";
import { LedgerError, type LedgerRequest, type Transfer } from "@/lib/ledger";
import { ServiceError } from "../shared/errors";
import { issueCreditNote } from "./invoices";
import { applyLedgerBatch, transferOrThrow } from "../ledger/ledger";
import { assetIn } from "@/lib/billing/terms";
import { isCurrency } from "@/lib/ledger/assets";

type AdjustmentInput = {
  merchantId: string;
  customerId: string;
  type: "grant" | "reversal";
  amount?: { asset: string; amount: bigint } | null;
  transferId?: string | null;
  reason: string;
  actor: string;
  now: Date;
};

type AdjustmentResult = {
  transfer: Transfer;
  type: "grant" | "reversal";
  creditNote: { id: string; number: string | null; totalCents: bigint } | null;
};

/** What a grant on a plan of each model is in ("MONEY": the plan's currency). */
const MODEL_ASSET = { credits: "CREDIT", balance: "MONEY", metered: "API_CALL" } as const;

export async function createAdjustment(input: AdjustmentInput): Promise<AdjustmentResult> {
  const reason = input.reason.trim();
  const actor = input.actor.trim();
  if (!reason) throw new ServiceError("invalid_input", "reason is required: say why, in words the customer will read.", "reason");
  if (!actor) throw new ServiceError("invalid_input", "actor is required: who made this adjustment.", "actor");
  if (input.amount && input.amount.amount <= 0n) throw new ServiceError("invalid_input", "amount.amount must be a positive integer in minor units.", "amount.amount");
  return transaction(async (tx) => {
    const customer = await tx.customer.findFirst({ where: { id: input.customerId, merchantId: input.merchantId }, include: { subscription: true } });
    if (!customer) throw new ServiceError("customer_not_found", `No customer "${input.customerId}".`, "id");
    const id = `adjustment:${newId("adj")}`;
    try {
      if (input.type === "grant") return { type: "grant" as const, transfer: await grant(tx, { ...input, reason, actor }, customer, id), creditNote: null };
      return await reverse(tx, { ...input, reason, actor }, id);
    } catch (e) {
      if (e instanceof LedgerError) throw new ServiceError("invalid_input", e.message, input.type === "grant" ? "amount" : "transfer");
      throw e;
    }
  });
}

type CustomerRow = { id: string; merchantId: string; subscription: { planId: string; currentPeriodStart: Date } | null };

async function grant(tx: Tx, input: AdjustmentInput, customer: CustomerRow, id: string): Promise<Transfer> {
  if (!input.amount) throw new ServiceError("invalid_input", "A grant needs an amount: { asset, amount } in minor units.", "amount");
  if (!customer.subscription) throw new ServiceError("invalid_input", "This customer has no plan to grant anything on.", "amount");
  const plan = await getPlanOrThrow(tx, customer.subscription.planId);
  const asset = assetIn(MODEL_ASSET[plan.model], plan.currency);
  if (input.amount.asset !== asset) {
    throw new ServiceError("invalid_input", `${plan.name} is a ${plan.model} plan: grant ${asset === "CREDIT" ? "credits (CREDIT)" : asset === "API_CALL" ? "included units (API_CALL)" : `balance (${asset})`}.`, "amount.asset");
  }
  const m = (n: Parameters<typeof merchantAccountId>[1]) => merchantAccountId(customer.merchantId, n, plan.currency);
  let from: string;
  let to: string;
  if (asset === "CREDIT") {
    // Goodwill credits persist like purchased ones (spent after plan credits), without expiry.
    to = lotAccountId(customer.id, id.replace(/^adjustment:/, ""));
    await tx.ledgerAccount.createMany({
      data: [{ id: to, code: to, asset: "CREDIT", merchantId: customer.merchantId, customerId: customer.id, bucket: "purchased_credits", noOverdraft: true }],
      skipDuplicates: true,
    });
    from = m("credits_issued");
  } else if (asset === plan.currency) {
    to = customerAccountId(customer.id, "balance");
    await tx.ledgerAccount.createMany({
      data: [{ id: to, code: to, asset: plan.currency, merchantId: customer.merchantId, customerId: customer.id, bucket: "balance", noOverdraft: true }],
      skipDuplicates: true,
    });
    from = m("grants");
  } else {
    to = periodAccountId(customer.id, "included_usage", customer.subscription.currentPeriodStart);
    from = m("units_issued");
  }
  const request: LedgerRequest = {
    op: "transfer", id, kind: "adjustment", asset, amount: input.amount.amount, debitAccountId: from, creditAccountId: to,
    customerId: customer.id, reason: input.reason, actor: input.actor, refs: { adjustment: "grant" }, effectiveAt: input.now,
  };
  const out = await applyLedgerBatch(tx, [request], input.now);
  return transferOrThrow(out.results[0]);
}

async function reverse(tx: Tx, input: AdjustmentInput, id: string): Promise<AdjustmentResult> {
  if (!input.transferId) throw new ServiceError("invalid_input", "A reversal names the transfer to reverse (transfer).", "transfer");
  const original = await tx.ledgerTransfer.findUnique({ where: { id: input.transferId } });
  const refs = (original?.refs ?? {}) as Record<string, string>;
  const invoice = refs.invoice_id ? await tx.invoice.findUnique({ where: { id: refs.invoice_id } }) : null;
  const mine = original && (original.customerId === input.customerId || (invoice !== null && invoice.customerId === input.customerId));
  if (!original || !mine) throw new ServiceError("not_found", `No transfer "${input.transferId}" of this customer.`, "transfer");
  if (input.amount && input.amount.asset !== original.asset) {
    throw new ServiceError("invalid_input", `Transfer ${original.id} moved ${original.asset}; give the amount in ${original.asset}.`, "amount.asset");
  }
  const out = await applyLedgerBatch(
    tx,
    [{ op: "reverse", id, reversesId: original.id, amount: input.amount?.amount, reason: input.reason, actor: input.actor, kind: "reversal", customerId: input.customerId, refs: { adjustment: "reversal" }, effectiveAt: input.now }],
    input.now,
  );
  const transfer = transferOrThrow(out.results[0]);

  // Money paid on an invoice given back → a credit note on that invoice.
  let paidInvoice = invoice && invoice.status === "paid" && invoice.kind !== "credit_note" ? invoice : null;
  if (!paidInvoice && isCurrency(original.asset) && original.kind === "usage" && original.debitAccountId.includes(":overage:")) {
    // overage already invoiced: the renewal invoice of that period
    const start = new Date(original.debitAccountId.split(":overage:")[1]!);
    const period = await tx.billingPeriod.findFirst({ where: { periodStart: start, subscription: { customerId: input.customerId } } });
    const inv = period?.invoiceId ? await tx.invoice.findUnique({ where: { id: period.invoiceId } }) : null;
    if (inv?.status === "paid") paidInvoice = inv;
  }
  // the reversed transfer had moved the customer's money to the merchant's revenue
  const moneyBack = isCurrency(original.asset) && (/:(overage_)?revenue(:[A-Z]{3})?$/.test(original.creditAccountId));
  let creditNote: AdjustmentResult["creditNote"] = null;
  if (paidInvoice && moneyBack) {
    const tax = taxOn(transfer.amount, paidInvoice.taxRateBps);
    const note = await issueCreditNote(tx, {
      id: `inv_adj_${id.replace(/^adjustment:adj_/, "")}`,
      originalId: paidInvoice.id,
      lines: [{ description: `Correction: ${input.reason}`, quantity: 1n, unitLabel: "adjustment", unitPriceMicros: transfer.amount, amountMicros: transfer.amount, refs: { transfer_id: transfer.id, reverses: original.id, actor: input.actor } }],
      subtotalMicros: transfer.amount,
      taxMicros: tax,
      totalCents: microsToCentsHalfEven(transfer.amount + tax),
      memo: `${input.reason} (by ${input.actor})`,
      now: input.now,
    });
    creditNote = { id: note.id, number: note.number, totalCents: note.totalCents };
  }
  return { type: "reversal", transfer, creditNote };
}
