import "server-only";
// The life of a payment after it is created: the provider's answer (from the portal's own call,
// a webhook, a sandbox event or the reconciler) is applied here, and only here, inside one
// transaction that holds the payment row locked. Whichever path arrives first credits the wallet
// — payment marked credited, invoice issued, ledger transfers with ids derived from the payment
// posted as one linked group — and every later arrival is a no-op. Refunds, disputes and
// failures after success take back what is left through reversal transfers and a credit note.
import { merchantAccountId, type MerchantAccountName } from "@/lib/billing/accounts";
import { refundShare, takeBack, type ChargedAmounts } from "@/lib/billing/invoice-math";
import { formatMoney } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { assetIn } from "@/lib/billing/terms";
import { lockRow } from "@/lib/db/lock-row";
import type { Payment } from "@/lib/db/generated/client";
import { lockAccounts } from "@/lib/db/ledger-store";
import { transaction, type Tx } from "@/lib/db/tx";
import { balanceOf, type LedgerRequest } from "@/lib/ledger";
import { gatewayFor } from "@/lib/payments";
import type { ProviderPayment } from "@/lib/payments/types";
import { parseDetails, type PaymentDetails } from "./payment-details";
import { txId } from "./payment-ledger";
import { purposeOf } from "./purposes";
import { createInvoice, issueCreditNote } from "../invoices/invoices";
import { applyLedgerBatch, transferOrThrow } from "../ledger/ledger";
import { notify } from "../webhooks/notifications";
import { storedLocale } from "@/lib/i18n/locale-scope";

// ───────────────────────────── crediting, exactly once ─────────────────────────────

async function lockPayment(tx: Tx, paymentId: string): Promise<Payment> {
  await lockRow(tx, "payment", paymentId);
  return tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
}

function chargedOf(p: Payment, d: PaymentDetails): ChargedAmounts {
  return { subtotalMicros: d.subtotalMicros, taxMicros: d.taxMicros, totalCents: p.amountCents, units: purposeOf(d).units(d) };
}

/** Credit a succeeded payment (the payment row is locked by the caller; no-op if already done). */
async function creditInTx(tx: Tx, p: Payment, state: ProviderPayment, now: Date) {
  if (p.creditedAt) return;
  if (state.amountCents !== p.amountCents) throw new Error(`Provider charged ${state.amountCents}¢ for payment ${p.id} of ${p.amountCents}¢`);
  const d = parseDetails(p.details);
  const purpose = purposeOf(d);
  if (purpose.settleAlone) return purpose.settleAlone(tx, p, d, state.providerPaymentId, now);
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: p.customerId } });
  // The invoice's id goes into the transfers' refs; its number comes last, so the merchant's
  // sequence row is held for as short a time as possible.
  const invoiceId = `inv_${p.id.replace(/^pay_/, "")}`;
  const refs = { payment_id: p.id, invoice_id: invoiceId };
  const { lines, group, invoiceKind } = await purpose.credit(tx, { p, d, refs, locale: storedLocale(customer.locale), now });
  const outcome = await applyLedgerBatch(tx, [{ linked: group }], now);
  outcome.results.forEach(transferOrThrow);

  const invoice = await createInvoice(tx, {
    id: invoiceId,
    merchantId: p.merchantId,
    customerId: p.customerId,
    kind: invoiceKind,
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
  await purpose.announce(tx, { p, d, invoice, now });
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
  const terms = purposeOf(d).reversal;
  if (!terms) return;
  const credited = await tx.invoice.aggregate({ where: { originalId: p.invoiceId, kind: "credit_note" }, _sum: { totalCents: true } });
  const before = credited._sum.totalCents ?? 0n;
  const after = cumulativeCents > p.amountCents ? p.amountCents : cumulativeCents;
  if (after <= before) return;
  const share = refundShare(chargedOf(p, d), before, after);
  const key = `${reason}:${p.id}:${after}`;
  const kind = reason === "refund" ? ("refund" as const) : ("reversal" as const);
  const why = reason === "refund" ? "Payment refunded" : reason === "dispute" ? "Payment disputed with the card issuer" : "Payment failed after it was credited";
  const refs = { payment_id: p.id, invoice_id: p.invoiceId };
  const m = (n: MerchantAccountName) => merchantAccountId(p.merchantId, n, p.currency);

  const walletId = terms.wallet(p);
  // A plan upgrade credited no wallet: only its revenue, tax and rounding are reversed.
  const wallet = walletId ? (await lockAccounts(tx, [walletId])).get(walletId) : undefined;
  const { removed, usedBefore } = walletId ? takeBack(share.units, wallet ? balanceOf(wallet).available : 0n) : { removed: 0n, usedBefore: 0n };
  const ops: LedgerRequest[] = [];
  if (removed > 0n) ops.push({ op: "reverse", id: `${key}:credit`, reversesId: txId("credit", p.id), amount: removed, reason: why, kind, customerId: p.customerId, refs });
  if (terms.reversesRevenue) {
    if (share.subtotalMicros > 0n) ops.push({ op: "reverse", id: `${key}:revenue`, reversesId: txId("revenue", p.id), amount: share.subtotalMicros, reason: why, kind, refs });
  } else if (usedBefore > 0n) {
    // Balance already spent cannot be taken back: the merchant returns that money from its refunds account.
    ops.push({ op: "transfer", id: `${key}:used`, debitAccountId: m("refunds"), creditAccountId: m("cash"), asset: p.currency, amount: usedBefore, kind, refs, reason: `${why}: part already used` });
  }
  if (share.taxMicros > 0n) ops.push({ op: "reverse", id: `${key}:tax`, reversesId: txId("tax", p.id), amount: share.taxMicros, reason: why, kind, refs });
  if (share.roundingMicros !== 0n) {
    const r = share.roundingMicros;
    const [debit, credit] = r > 0n ? [m("rounding"), m("cash")] : [m("cash"), m("rounding")];
    ops.push({ op: "transfer", id: `${key}:rounding`, debitAccountId: debit, creditAccountId: credit, asset: p.currency, amount: r > 0n ? r : -r, kind, refs, reason: `${why}: rounding` });
  }
  if (ops.length > 0) (await applyLedgerBatch(tx, [{ linked: ops }], now)).results.forEach(transferOrThrow);

  const original = await tx.invoice.findUniqueOrThrow({ where: { id: p.invoiceId } });
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: p.customerId } });
  const f = (amount: bigint) => formatMoney({ amount, asset: assetIn(terms.asset, p.currency) }, { locale: storedLocale(customer.locale) });
  const memo = terms.memo(why, f(removed)) + (usedBefore > 0n ? `; ${f(usedBefore)} had been used before the ${reason === "refund" ? "refund" : reason === "dispute" ? "dispute" : "failure"}.` : ".");
  const note = await issueCreditNote(tx, {
    id: `inv_${reason}_${p.id.replace(/^pay_/, "")}_${after}`,
    originalId: original.id,
    lines: [{
      description: `${reason === "refund" ? "Refund" : reason === "dispute" ? "Dispute" : "Reversal"} of ${original.number}: ${d.description}`,
      ...terms.line(share.units),
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
          await purposeOf(d).failed(tx, p, d, state, now);
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
