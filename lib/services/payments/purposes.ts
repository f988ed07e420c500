import "server-only";
// What each kind of payment does, in one place per kind: a credit pack, funds for the balance, a
// subscription invoice, a plan upgrade. lib/services/payments/payments.ts runs the shared life of a
// payment (lock, credit once, invoice, reverse) and asks the purpose of the payment for what
// differs; the portal's words and links come from here too. A new kind of payment is one more
// entry in PURPOSES (the compiler lists every place that needs it).
import { customerAccountId, lotAccountId, merchantAccountId, type MerchantAccountName } from "@/lib/billing/accounts";
import { formatCents, formatMoney } from "@/lib/billing/money";
import { MONEY } from "@/lib/billing/terms";
import type { AssetCode } from "@/lib/ledger/assets";
import { addMonthsClamped } from "@/lib/billing/periods";
import type { Payment } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/tx";
import type { LedgerRequest } from "@/lib/ledger";
import { formatDate } from "@/lib/format/dates";
import { declineMessage } from "@/lib/payments/messages";
import { applyUpgradeInTx, notifyUpgraded, planChangeInvoiceLines } from "../cycle/plan-upgrade";
import type { InvoiceLineInput } from "../invoices/invoices";
import { notify } from "../webhooks/notifications";
import { rearmIfAbove } from "./auto-top-up-state";
import type { PaymentDetails } from "./payment-details";
import type { Say } from "@/lib/i18n/say";

type SuccessWords = { t: Say; locale: string; currency: string; invoiceNumber: string | null };
import { moneyRequests, txId } from "./payment-ledger";
import { invoicePaymentFailed, settleInvoicePayment } from "./subscription-payments";

type PaymentKind = PaymentDetails["kind"];

/** What crediting a payment writes besides the shared part: the invoice's lines and the linked ledger group. */
type Credit = { lines: InvoiceLineInput[]; group: LedgerRequest[]; invoiceKind: "credit_pack" | "subscription" | "top_up" };
type CreditInput = { p: Payment; d: PaymentDetails; refs: { payment_id: string; invoice_id: string }; locale: string; now: Date };
type Failure = { status: string; failureCode?: string | null };
type Paid = { p: Payment; d: PaymentDetails; invoice: { id: string; number: string | null }; now: Date };

/** How a refund, a dispute or a failure after success takes a payment back. */
type Reversal = {
  /** The wallet the payment credited (null: it credited none, only revenue is reversed). */
  wallet: (p: Payment) => string | null;
  /** The asset taken back ("MONEY": the payment's currency). */
  asset: AssetCode;
  /** Pack and upgrade: the revenue share is reversed. Funds: a part already spent is paid back from the refunds account. */
  reversesRevenue: boolean;
  /** What the credit note says was taken back. */
  memo: (why: string, removed: string) => string;
  line: (units: bigint) => { quantity: bigint; unitLabel: string };
};

type PaymentPurpose = {
  /** What a partial refund is proportional to (credits, balance, nothing). */
  units: (d: PaymentDetails) => bigint;
  /** Settles on its own path instead of the shared crediting (a subscription invoice). */
  settleAlone?: (tx: Tx, p: Payment, d: PaymentDetails, providerPaymentId: string | null, now: Date) => Promise<void>;
  credit: (tx: Tx, c: CreditInput) => Promise<Credit>;
  /** After the payment is marked succeeded: tell the customer. */
  announce: (tx: Tx, a: Paid) => Promise<void>;
  /** A charge that never succeeded. */
  failed: (tx: Tx, p: Payment, d: PaymentDetails, state: Failure, now: Date) => Promise<void>;
  /** Null: refunds go through the adjustments API instead. */
  reversal: Reversal | null;
  /** The portal's line once the payment succeeded. */
  /** The sentence after "Paid $12.00." in the reader's language (`t`: the payments words). */
  successText: (d: PaymentDetails, w: SuccessWords) => string;
  /** Where the customer returns to after 3-D Secure. */
  back: (p: Payment) => string;
};

const merchant = (p: Payment) => (n: MerchantAccountName) => merchantAccountId(p.merchantId, n, p.currency);

async function openWallet(tx: Tx, p: Payment, id: string, asset: AssetCode, bucket: "purchased_credits" | "balance", expiresAt: Date | null) {
  await tx.ledgerAccount.createMany({
    data: [{ id, code: id, asset, merchantId: p.merchantId, customerId: p.customerId, bucket, noOverdraft: true, expiresAt }],
    skipDuplicates: true,
  });
}

async function announceAdded(tx: Tx, { p, d, invoice, now }: Paid) {
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

async function failedPurchase(tx: Tx, p: Payment, _d: PaymentDetails, { failureCode }: Failure) {
  await notify(tx, {
    customerId: p.customerId,
    type: "payment.failed",
    dedupeKey: `payment.failed:${p.id}`,
    title: "Payment failed",
    body: declineMessage(failureCode, "en-US"), // recorded in English (the portal words it again)
    data: { payment_id: p.id, code: failureCode, purpose: p.purpose },
  });
}

const packExpiry = (p: Payment, d: PaymentDetails) => (d.expiryMonths ? addMonthsClamped(p.createdAt, d.expiryMonths) : null);

const pack: PaymentPurpose = {
  units: (d) => d.creditsMilli ?? 0n,
  async credit(tx, { p, d, refs, locale }) {
    const m = merchant(p);
    const expiresAt = packExpiry(p, d);
    const lot = lotAccountId(p.customerId, p.id);
    await openWallet(tx, p, lot, "CREDIT", "purchased_credits", expiresAt);
    const credits = formatMoney({ amount: d.creditsMilli ?? 0n, asset: "CREDIT" }, { locale });
    return {
      invoiceKind: "credit_pack",
      lines: [{
        description: `Credit pack "${d.packName}": ${credits}${expiresAt ? `, expire on ${formatDate(expiresAt, locale)}` : ", never expire"}`,
        quantity: 1n, unitLabel: "pack", unitPriceMicros: d.subtotalMicros, amountMicros: d.subtotalMicros,
        refs: { pack: d.packCode ?? "", credits_milli: (d.creditsMilli ?? 0n).toString() },
      }],
      group: [
        { op: "transfer", id: txId("credit", p.id), debitAccountId: m("credits_issued"), creditAccountId: lot, asset: "CREDIT", amount: d.creditsMilli ?? 0n, kind: "purchase", customerId: p.customerId, refs: { ...refs, pack: d.packCode ?? "" }, reason: `Bought ${d.description}` },
        { op: "transfer", id: txId("revenue", p.id), debitAccountId: m("cash"), creditAccountId: m("revenue"), asset: p.currency, amount: d.subtotalMicros, kind: "purchase", refs, reason: `Sale of ${d.description}` },
        ...moneyRequests(p, d, "purchase", refs),
      ],
    };
  },
  announce: announceAdded,
  failed: failedPurchase,
  reversal: {
    wallet: (p) => lotAccountId(p.customerId, p.id),
    asset: "CREDIT",
    reversesRevenue: true,
    memo: (why, removed) => `${why}. ${removed} removed from your purchased credits`,
    line: (units) => ({ quantity: units / 1_000n, unitLabel: "credits" }),
  },
  successText: (d, w) => w.t("result.creditsAdded", { amount: formatMoney({ amount: d.creditsMilli ?? 0n, asset: "CREDIT" }, { locale: w.locale }) }),
  back: (p) => `/credits?payment=${p.id}`,
};

const funds: PaymentPurpose = {
  units: (d) => d.subtotalMicros,
  async credit(tx, { p, d, refs }) {
    const m = merchant(p);
    const balance = customerAccountId(p.customerId, "balance");
    await openWallet(tx, p, balance, p.currency, "balance", null);
    return {
      invoiceKind: "top_up",
      lines: [{ description: "Funds added to your balance", quantity: 1n, unitLabel: "top-up", unitPriceMicros: d.subtotalMicros, amountMicros: d.subtotalMicros }],
      group: [
        { op: "transfer", id: txId("credit", p.id), debitAccountId: m("cash"), creditAccountId: balance, asset: p.currency, amount: d.subtotalMicros, kind: "top_up", customerId: p.customerId, refs, reason: d.automatic ? "Automatic top-up" : "Added funds" },
        ...moneyRequests(p, d, "top_up", refs),
      ],
    };
  },
  announce: announceAdded,
  failed: failedPurchase,
  reversal: {
    wallet: (p) => customerAccountId(p.customerId, "balance"),
    asset: MONEY,
    reversesRevenue: false,
    memo: (why, removed) => `${why}. ${removed} removed from your balance`,
    line: () => ({ quantity: 1n, unitLabel: "top-up" }),
  },
  successText: (d, w) => w.t("result.fundsAdded", { amount: formatMoney({ amount: d.subtotalMicros, asset: w.currency }, { locale: w.locale }) }),
  back: (p) => `/funds?payment=${p.id}`,
};

const planChange: PaymentPurpose = {
  units: () => 0n,
  async credit(tx, { p, d, refs, locale, now }) {
    const m = merchant(p);
    return {
      invoiceKind: "subscription",
      lines: planChangeInvoiceLines(d.planChange!, d.subtotalMicros, locale),
      group: [
        { op: "transfer", id: txId("revenue", p.id), debitAccountId: m("cash"), creditAccountId: m("revenue"), asset: p.currency, amount: d.subtotalMicros, kind: "purchase", refs, reason: `Sale of ${d.description}` },
        ...moneyRequests(p, d, "purchase", refs),
        ...(await applyUpgradeInTx(tx, { customerId: p.customerId, merchantId: p.merchantId, key: p.id, change: d.planChange!, refs, now })),
      ],
    };
  },
  async announce(tx, { p, d, invoice, now }) {
    await notifyUpgraded(tx, { customerId: p.customerId, key: p.id, change: d.planChange!, paidText: formatCents(p.amountCents, { currency: p.currency }), invoiceNumber: invoice.number, now });
  },
  failed: failedPurchase,
  reversal: {
    wallet: () => null,
    asset: MONEY,
    reversesRevenue: true,
    memo: (why) => `${why}. Your plan is unchanged`,
    line: () => ({ quantity: 1n, unitLabel: "upgrade" }),
  },
  successText: (d, w) => w.t("result.planChanged", { plan: d.planChange?.toPlanName ?? "" }),
  back: (p) => `/plan?payment=${p.id}`,
};

const invoice: PaymentPurpose = {
  units: (d) => d.subtotalMicros,
  settleAlone: (tx, p, d, providerPaymentId, now) => settleInvoicePayment(tx, p, d, d.invoice!, providerPaymentId, now),
  credit: () => Promise.reject(new Error("A subscription invoice's payment settles through settleInvoicePayment")),
  announce: async () => {},
  async failed(tx, p, d, { status, failureCode }, now) {
    await invoicePaymentFailed(tx, {
      customerId: p.customerId, invoiceId: d.invoice!.invoiceId, subscriptionId: d.invoice!.subscriptionId, attempt: d.invoice!.attempt,
      paymentId: p.id, failureCode: failureCode ?? status, now,
    });
  },
  reversal: null,
  successText: (d, w) => w.t("result.invoicePaid", { number: w.invoiceNumber ?? d.description.replace(/^Invoice /, "") }),
  back: (p) => (p.invoiceId ? `/invoices/${p.invoiceId}?payment=${p.id}` : `/invoices?payment=${p.id}`),
};

export const PURPOSES: Record<PaymentKind, PaymentPurpose> = { pack, funds, plan_change: planChange, invoice };

export const purposeOf = (d: PaymentDetails): PaymentPurpose => PURPOSES[d.kind];
