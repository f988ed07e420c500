import "server-only";
// The life of a payment after it is created: the provider's answer (from the portal's own call,
// a webhook, a sandbox event or the reconciler) is applied here, and only here, inside one
// transaction that holds the payment row locked. Whichever path arrives first credits the wallet
// — payment marked credited, invoice issued, ledger transfers with ids derived from the payment
// posted as one linked group — and every later arrival is a no-op. Refunds, disputes and
// failures after success take back what is left through reversal transfers and a credit note.
import { customerAccountId, lotAccountId, merchantAccountId, type MerchantAccountName } from "@/lib/billing/accounts";
import { refundShare, takeBack, type ChargedAmounts } from "@/lib/billing/invoice-math";
import { centsToMicros, formatCents, formatMoney } from "@/lib/billing/money";
import { addMonthsClamped } from "@/lib/billing/periods";
import { db } from "@/lib/db/client";
import { lockRow } from "@/lib/db/lock-row";
import type { Payment } from "@/lib/db/generated/client";
import { lockAccounts } from "@/lib/db/ledger-store";
import { transaction, type Tx } from "@/lib/db/tx";
import { balanceOf, type LedgerRequest } from "@/lib/ledger";
import { gatewayFor } from "@/lib/payments";
import { declineMessage } from "@/lib/payments/messages";
import type { ProviderPayment } from "@/lib/payments/types";
import { rearmIfAbove } from "./auto-top-up-state";
import { parseDetails, type PaymentDetails } from "./payment-details";
import { createInvoice, issueCreditNote, type InvoiceLineInput } from "../invoices/invoices";
import { applyLedgerBatch, transferOrThrow } from "../ledger/ledger";
import { notify } from "../webhooks/notifications";
import { invoicePaymentFailed, settleInvoicePayment } from "./subscription-payments";
import { applyUpgradeInTx, notifyUpgraded, planChangeInvoiceLines } from "../cycle/plan-upgrade";
import { formatDate } from "@/lib/format/dates";

// ───────────────────────────── crediting, exactly once ─────────────────────────────

async function lockPayment(tx: Tx, paymentId: string): Promise<Payment> {
  await lockRow(tx, "payment", paymentId);
  return tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
}

const txId = (what: string, paymentId: string) => `${what}:${paymentId}`;

function chargedOf(p: Payment, d: PaymentDetails): ChargedAmounts {
  return { subtotalMicros: d.subtotalMicros, taxMicros: d.taxMicros, totalCents: p.amountCents, units: d.kind === "pack" ? (d.creditsMilli ?? 0n) : d.kind === "plan_change" ? 0n : d.subtotalMicros };
}

/** The money side both kinds share: tax, and the sub-cent the rounding of the total made. */
function moneyRequests(p: Payment, d: PaymentDetails, kind: "purchase" | "top_up", refs: Record<string, string>): LedgerRequest[] {
  const m = (n: MerchantAccountName) => merchantAccountId(p.merchantId, n);
  const out: LedgerRequest[] = [];
  if (d.taxMicros > 0n) {
    out.push({ op: "transfer", id: txId("tax", p.id), debitAccountId: m("cash"), creditAccountId: m("tax_payable"), asset: "USD", amount: d.taxMicros, kind, refs, reason: `Tax on ${d.description}` });
  }
  const rounding = centsToMicros(p.amountCents) - d.subtotalMicros - d.taxMicros;
  if (rounding !== 0n) {
    const [debit, credit] = rounding > 0n ? [m("cash"), m("rounding")] : [m("rounding"), m("cash")];
    out.push({ op: "transfer", id: txId("rounding", p.id), debitAccountId: debit, creditAccountId: credit, asset: "USD", amount: rounding > 0n ? rounding : -rounding, kind, refs, reason: "Rounding of the total to whole cents" });
  }
  return out;
}

function invoiceLines(d: PaymentDetails, expiresAt: Date | null, locale: string): InvoiceLineInput[] {
  if (d.kind === "pack") {
    const credits = formatMoney({ amount: d.creditsMilli ?? 0n, asset: "CREDIT" }, { locale });
    const expiry = expiresAt ? `, expire on ${formatDate(expiresAt, locale)}` : ", never expire";
    return [{
      description: `Credit pack "${d.packName}": ${credits}${expiry}`,
      quantity: 1n, unitLabel: "pack", unitPriceMicros: d.subtotalMicros, amountMicros: d.subtotalMicros,
      refs: { pack: d.packCode ?? "", credits_milli: (d.creditsMilli ?? 0n).toString() },
    }];
  }
  return [{ description: "Funds added to your balance", quantity: 1n, unitLabel: "top-up", unitPriceMicros: d.subtotalMicros, amountMicros: d.subtotalMicros }];
}

/** Credit a succeeded payment (the payment row is locked by the caller; no-op if already done). */
async function creditInTx(tx: Tx, p: Payment, state: ProviderPayment, now: Date) {
  if (p.creditedAt) return;
  if (state.amountCents !== p.amountCents) throw new Error(`Provider charged ${state.amountCents}¢ for payment ${p.id} of ${p.amountCents}¢`);
  const d = parseDetails(p.details);
  if (d.kind === "invoice" && d.invoice) return settleInvoicePayment(tx, p, d, d.invoice, state.providerPaymentId, now);
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: p.customerId } });
  const refs = { payment_id: p.id, invoice_id: "" };
  const expiresAt = d.kind === "pack" && d.expiryMonths ? addMonthsClamped(p.createdAt, d.expiryMonths) : null;

  // The invoice first (its id goes into the transfers' refs); its number comes last, so the
  // merchant's sequence row is held for as short a time as possible.
  const lines = d.kind === "plan_change" ? planChangeInvoiceLines(d.planChange!, d.subtotalMicros, customer.locale) : invoiceLines(d, expiresAt, customer.locale);
  const invoiceId = `inv_${p.id.replace(/^pay_/, "")}`;
  refs.invoice_id = invoiceId;

  const m = (n: MerchantAccountName) => merchantAccountId(p.merchantId, n);
  const group: LedgerRequest[] = [];
  if (d.kind === "pack") {
    const lot = lotAccountId(p.customerId, p.id);
    await tx.ledgerAccount.createMany({
      data: [{ id: lot, code: lot, asset: "CREDIT", merchantId: p.merchantId, customerId: p.customerId, bucket: "purchased_credits", noOverdraft: true, expiresAt }],
      skipDuplicates: true,
    });
    group.push(
      { op: "transfer", id: txId("credit", p.id), debitAccountId: m("credits_issued"), creditAccountId: lot, asset: "CREDIT", amount: d.creditsMilli ?? 0n, kind: "purchase", customerId: p.customerId, refs: { ...refs, pack: d.packCode ?? "" }, reason: `Bought ${d.description}` },
      { op: "transfer", id: txId("revenue", p.id), debitAccountId: m("cash"), creditAccountId: m("revenue"), asset: "USD", amount: d.subtotalMicros, kind: "purchase", refs, reason: `Sale of ${d.description}` },
      ...moneyRequests(p, d, "purchase", refs),
    );
  } else if (d.kind === "plan_change") {
    group.push(
      { op: "transfer", id: txId("revenue", p.id), debitAccountId: m("cash"), creditAccountId: m("revenue"), asset: "USD", amount: d.subtotalMicros, kind: "purchase", refs, reason: `Sale of ${d.description}` },
      ...moneyRequests(p, d, "purchase", refs),
      ...(await applyUpgradeInTx(tx, { customerId: p.customerId, merchantId: p.merchantId, key: p.id, change: d.planChange!, refs, now })),
    );
  } else {
    const balance = customerAccountId(p.customerId, "balance");
    await tx.ledgerAccount.createMany({
      data: [{ id: balance, code: balance, asset: "USD", merchantId: p.merchantId, customerId: p.customerId, bucket: "balance", noOverdraft: true }],
      skipDuplicates: true,
    });
    group.push(
      { op: "transfer", id: txId("credit", p.id), debitAccountId: m("cash"), creditAccountId: balance, asset: "USD", amount: d.subtotalMicros, kind: "top_up", customerId: p.customerId, refs, reason: d.automatic ? "Automatic top-up" : "Added funds" },
      ...moneyRequests(p, d, "top_up", refs),
    );
  }
  const outcome = await applyLedgerBatch(tx, [{ linked: group }], now);
  outcome.results.forEach(transferOrThrow);

  const invoice = await createInvoice(tx, {
    id: invoiceId,
    merchantId: p.merchantId,
    customerId: p.customerId,
    kind: d.kind === "pack" ? "credit_pack" : d.kind === "plan_change" ? "subscription" : "top_up",
    currency: p.currency,
    taxRateBps: d.taxRateBps,
    lines,
    memo: d.automatic ? "Automatic top-up" : null,
    now,
    paid: true,
  });
  if (invoice.totalCents !== p.amountCents) throw new Error(`Invoice total ${invoice.totalCents}¢ differs from the ${p.amountCents}¢ charged for ${p.id}`);
  await tx.payment.update({
    where: { id: p.id },
    data: { status: "succeeded", creditedAt: now, invoiceId, providerPaymentId: state.providerPaymentId ?? p.providerPaymentId, failureCode: null, failureMessage: null, clientSecret: null },
  });
  if (d.kind === "plan_change") {
    await notifyUpgraded(tx, { customerId: p.customerId, key: p.id, change: d.planChange!, paidText: formatCents(p.amountCents, { currency: p.currency }), invoiceNumber: invoice.number, now });
    return;
  }
  await notify(tx, {
    customerId: p.customerId,
    type: "top_up.succeeded",
    dedupeKey: `top_up.succeeded:${p.id}`,
    title: d.kind === "pack" ? "Credits added" : "Funds added",
    body: `${d.description} — paid ${formatCents(p.amountCents, { currency: p.currency })} (invoice ${invoice.number}).`,
    data: { payment_id: p.id, invoice_id: invoice.id, amount_cents: p.amountCents.toString(), kind: d.kind, automatic: d.automatic },
  });
  await rearmIfAbove(tx, p.customerId, now);
}

type ReverseReason = "refund" | "dispute" | "failed";

/**
 * Take back the share of a payment that `cumulativeCents` (as the provider reports it) gives
 * back: only what is left in the wallet (never below zero) — the part already used is recorded
 * on the credit note — plus the tax and rounding of that share.
 */
async function reverseInTx(tx: Tx, p: Payment, cumulativeCents: bigint, reason: ReverseReason, now: Date) {
  if (!p.creditedAt || !p.invoiceId) return;
  const d = parseDetails(p.details);
  // Refunds of subscription invoices go through the adjustments API (a reversal + credit note).
  if (d.kind === "invoice") return;
  const credited = await tx.invoice.aggregate({ where: { originalId: p.invoiceId, kind: "credit_note" }, _sum: { totalCents: true } });
  const before = credited._sum.totalCents ?? 0n;
  const after = cumulativeCents > p.amountCents ? p.amountCents : cumulativeCents;
  if (after <= before) return;
  const share = refundShare(chargedOf(p, d), before, after);
  const key = `${reason}:${p.id}:${after}`;
  const kind = reason === "refund" ? ("refund" as const) : ("reversal" as const);
  const why = reason === "refund" ? "Payment refunded" : reason === "dispute" ? "Payment disputed with the card issuer" : "Payment failed after it was credited";
  const refs = { payment_id: p.id, invoice_id: p.invoiceId };
  const m = (n: MerchantAccountName) => merchantAccountId(p.merchantId, n);

  const walletId = d.kind === "pack" ? lotAccountId(p.customerId, p.id) : customerAccountId(p.customerId, "balance");
  // A plan upgrade credited no wallet: only its revenue, tax and rounding are reversed.
  const wallet = d.kind === "plan_change" ? undefined : (await lockAccounts(tx, [walletId])).get(walletId);
  const { removed, usedBefore } = d.kind === "plan_change" ? { removed: 0n, usedBefore: 0n } : takeBack(share.units, wallet ? balanceOf(wallet).available : 0n);
  const ops: LedgerRequest[] = [];
  if (removed > 0n) ops.push({ op: "reverse", id: `${key}:credit`, reversesId: txId("credit", p.id), amount: removed, reason: why, kind, customerId: p.customerId, refs });
  if (d.kind === "pack" || d.kind === "plan_change") {
    if (share.subtotalMicros > 0n) ops.push({ op: "reverse", id: `${key}:revenue`, reversesId: txId("revenue", p.id), amount: share.subtotalMicros, reason: why, kind, refs });
  } else if (usedBefore > 0n) {
    // Balance already spent cannot be taken back: the merchant returns that money from its refunds account.
    ops.push({ op: "transfer", id: `${key}:used`, debitAccountId: m("refunds"), creditAccountId: m("cash"), asset: "USD", amount: usedBefore, kind, refs, reason: `${why}: part already used` });
  }
  if (share.taxMicros > 0n) ops.push({ op: "reverse", id: `${key}:tax`, reversesId: txId("tax", p.id), amount: share.taxMicros, reason: why, kind, refs });
  if (share.roundingMicros !== 0n) {
    const r = share.roundingMicros;
    const [debit, credit] = r > 0n ? [m("rounding"), m("cash")] : [m("cash"), m("rounding")];
    ops.push({ op: "transfer", id: `${key}:rounding`, debitAccountId: debit, creditAccountId: credit, asset: "USD", amount: r > 0n ? r : -r, kind, refs, reason: `${why}: rounding` });
  }
  if (ops.length > 0) (await applyLedgerBatch(tx, [{ linked: ops }], now)).results.forEach(transferOrThrow);

  const original = await tx.invoice.findUniqueOrThrow({ where: { id: p.invoiceId } });
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: p.customerId } });
  const f = (amount: bigint) => formatMoney({ amount, asset: d.kind === "pack" ? "CREDIT" : "USD" }, { locale: customer.locale });
  const memo =
    d.kind === "plan_change"
      ? `${why}. Your plan is unchanged.`
      : `${why}. ${f(removed)} ${d.kind === "pack" ? "removed from your purchased credits" : "removed from your balance"}` +
    (usedBefore > 0n ? `; ${f(usedBefore)} had been used before the ${reason === "refund" ? "refund" : reason === "dispute" ? "dispute" : "failure"}.` : ".");
  const note = await issueCreditNote(tx, {
    id: `inv_${reason}_${p.id.replace(/^pay_/, "")}_${after}`,
    originalId: original.id,
    lines: [{
      description: `${reason === "refund" ? "Refund" : reason === "dispute" ? "Dispute" : "Reversal"} of ${original.number}: ${d.description}`,
      quantity: d.kind === "pack" ? share.units / 1_000n : 1n,
      unitLabel: d.kind === "pack" ? "credits" : d.kind === "plan_change" ? "upgrade" : "top-up",
      unitPriceMicros: null,
      amountMicros: share.subtotalMicros,
      refs: { removed: removed.toString(), used_before: usedBefore.toString() },
    }],
    subtotalMicros: share.subtotalMicros,
    taxMicros: share.taxMicros,
    totalCents: share.cents,
    memo,
    now,
  });
  const full = after >= p.amountCents;
  await tx.payment.update({
    where: { id: p.id },
    data: {
      status: reason === "dispute" ? "disputed" : reason === "failed" ? "failed" : full ? "refunded" : p.status,
      reversedAt: full ? now : p.reversedAt,
    },
  });
  // The credit note's own "invoice.issued" notification tells the customer; a failure is also a failed payment.
  if (reason === "failed") {
    await notify(tx, {
      customerId: p.customerId,
      type: "payment.failed",
      dedupeKey: `payment.failed:${p.id}`,
      title: "Payment failed",
      body: `${memo} Credit note ${note.number}.`,
      data: { payment_id: p.id, credit_note_id: note.id, removed: removed.toString(), used_before: usedBefore.toString() },
    });
  }
}

/**
 * Apply what the provider says about a payment. Monotonic and idempotent: crediting happens once,
 * refunds are applied up to the provider's cumulative amount, a failure never undoes a success
 * unless the provider really reports the money gone.
 */
export async function applyProviderState(paymentId: string, state: ProviderPayment, now = new Date()): Promise<Payment> {
  return transaction(async (tx) => {
    const p = await lockPayment(tx, paymentId);
    if (state.providerPaymentId && p.providerPaymentId && state.providerPaymentId !== p.providerPaymentId) {
      throw new Error(`Payment ${p.id} is ${p.providerPaymentId} at the provider, not ${state.providerPaymentId}`);
    }
    const providerPaymentId = p.providerPaymentId ?? state.providerPaymentId;
    switch (state.status) {
      case "succeeded": {
        await creditInTx(tx, p, state, now);
        const fresh = await tx.payment.findUniqueOrThrow({ where: { id: p.id } });
        if (state.disputed && fresh.status !== "disputed") await reverseInTx(tx, fresh, fresh.amountCents, "dispute", now);
        else if (state.amountRefundedCents > 0n) await reverseInTx(tx, fresh, state.amountRefundedCents, "refund", now);
        break;
      }
      case "requires_action":
        if (p.status === "processing" || p.status === "requires_action") {
          await tx.payment.update({ where: { id: p.id }, data: { status: "requires_action", providerPaymentId, clientSecret: state.clientSecret } });
        }
        break;
      case "processing":
        if (!p.providerPaymentId && providerPaymentId) await tx.payment.update({ where: { id: p.id }, data: { providerPaymentId } });
        break;
      case "failed":
      case "canceled":
        if (p.creditedAt && !p.reversedAt) {
          await reverseInTx(tx, p, p.amountCents, "failed", now);
        } else if (p.status === "processing" || p.status === "requires_action") {
          await tx.payment.update({
            where: { id: p.id },
            data: { status: state.status, providerPaymentId, failureCode: state.failureCode ?? state.status, failureMessage: state.failureMessage, clientSecret: null },
          });
          const d = parseDetails(p.details);
          if (d.kind === "invoice" && d.invoice) {
            await invoicePaymentFailed(tx, {
              customerId: p.customerId, invoiceId: d.invoice.invoiceId, subscriptionId: d.invoice.subscriptionId, attempt: d.invoice.attempt,
              paymentId: p.id, failureCode: state.failureCode ?? state.status, now,
            });
            break;
          }
          await notify(tx, {
            customerId: p.customerId,
            type: "payment.failed",
            dedupeKey: `payment.failed:${p.id}`,
            title: "Payment failed",
            body: declineMessage(state.failureCode),
            data: { payment_id: p.id, code: state.failureCode, purpose: p.purpose },
          });
        }
        break;
    }
    return tx.payment.findUniqueOrThrow({ where: { id: p.id } });
  });
}

/** Ask the provider where a payment stands and apply it. */
export async function syncPayment(paymentId: string, now = new Date()): Promise<Payment> {
  const p = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
  const gateway = gatewayFor(p.provider);
  let state: ProviderPayment | null = null;
  if (p.providerPaymentId) state = await gateway.retrievePayment(p.providerPaymentId);
  else {
    const pc = await db().paymentCustomer.findUnique({ where: { customerId_provider: { customerId: p.customerId, provider: p.provider } } });
    if (pc) state = await gateway.findPayment({ providerCustomerId: pc.providerCustomerId, paymentId: p.id, idempotencyKey: p.idempotencyKey, createdAfter: p.createdAt });
  }
  return state ? applyProviderState(p.id, state, now) : p;
}
