// The ledger in plain words, for the customer's activity page and its CSV export: what each
// transfer did to *their* wallet (never the merchant's side of it).
import { isCurrency } from "@/lib/ledger/assets";
import type { TransferKind, TransferPhase } from "@/lib/ledger";
import { formatMoney, toDecimalString } from "./money";

export const KIND_WORDS: Record<TransferKind, string> = {
  grant: "Granted",
  purchase: "Bought",
  top_up: "Added funds",
  usage: "Used",
  expiry: "Expired",
  rollover: "Rolled over",
  adjustment: "Adjusted",
  reversal: "Reversed",
  refund: "Refunded",
};

export const ACTIVITY_KINDS = Object.keys(KIND_WORDS) as TransferKind[];

export type WalletBucket = "plan_credits" | "purchased_credits" | "balance" | "included_usage" | "overage" | "merchant";

export const BUCKET_WORDS: Record<WalletBucket, string> = {
  included_usage: "Included usage",
  plan_credits: "Plan credits",
  purchased_credits: "Purchased credits",
  balance: "Balance",
  overage: "Overage (billed at period end)",
  merchant: "",
};

export type ActivitySide = { customerId: string | null; bucket: WalletBucket };

export type ActivityTransfer = {
  kind: TransferKind;
  phase: TransferPhase;
  asset: string;
  amount: bigint;
  refs: Record<string, unknown>;
  reason: string | null;
  debit: ActivitySide;
  credit: ActivitySide;
};

export type ActivityLine = {
  label: string;
  description: string;
  /** The customer's bucket it moved (the receiving one for a move between two of theirs). */
  bucket: string;
  /** in: added to what they have; out: taken from it (or owed, for overage); move: between their own buckets. */
  direction: "in" | "out" | "move";
  /** Signed from the customer's point of view (0 sign for a move). */
  signedAmount: bigint;
};

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);

/** One transfer as the customer sees it. `actionNames` maps action codes to their plan names. */
export function describeActivity(t: ActivityTransfer, customerId: string, actionNames: ReadonlyMap<string, string> = new Map(), locale = "en-US"): ActivityLine {
  const mineDebit = t.debit.customerId === customerId && t.debit.bucket !== "merchant";
  const mineCredit = t.credit.customerId === customerId && t.credit.bucket !== "merchant";
  let direction: ActivityLine["direction"] = mineDebit && mineCredit ? "move" : mineDebit ? "out" : "in";
  let label = KIND_WORDS[t.kind];
  if (t.phase === "pending") label = "Reserved";
  if (t.phase === "void_pending" || t.phase === "expire_pending") {
    label = "Released";
    // A release gives the reservation back: it is stored against the hold's own direction.
    if (direction !== "move") direction = direction === "out" ? "in" : "out";
  }
  const side = mineCredit && (!mineDebit || t.kind === "rollover") ? t.credit : t.debit;
  const bucket = BUCKET_WORDS[side.bucket];

  let description = t.reason ?? "";
  if (t.kind === "usage") {
    const action = str(t.refs.action);
    const name = action ? (actionNames.get(action) ?? action) : "Usage";
    const quantity = /^\d{1,30}$/.test(str(t.refs.quantity) ?? "") ? str(t.refs.quantity) : null;
    const events = Number(str(t.refs.events) ?? "0");
    const count = quantity ? ` × ${new Intl.NumberFormat(locale).format(BigInt(quantity))}` : "";
    const evs = events > 1 ? ` (${new Intl.NumberFormat(locale).format(events)} events)` : "";
    description = `${name}${count}${evs}`;
    if (t.phase === "pending") description = `Reserved for ${name}${count} while it runs`;
    if (label === "Released") description = `Reservation for ${name} released`;
    // An overage transfer carries the whole events' quantity; its amount is the overage part.
    if (side.bucket === "overage" && label === "Used") description = `${name}${count} — ${formatMoney({ amount: t.amount, asset: t.asset }, { locale })} of overage`;
    // The included part of events that went partly to overage says how they split.
    if (side.bucket === "included_usage" && label === "Used" && t.asset === "API_CALL" && quantity && BigInt(quantity) > t.amount) {
      const n = new Intl.NumberFormat(locale);
      description = `${formatMoney({ amount: BigInt(quantity), asset: t.asset }, { locale })}: ${n.format(t.amount)} included, ${n.format(BigInt(quantity) - t.amount)} overage`;
    }
  } else if (t.kind === "purchase" && str(t.refs.invoice_number) && !str(t.refs.pack)) {
    // Paying an invoice (a renewal's overage, a failed renewal paid later) is not buying something.
    label = "Paid invoice";
    description = `Paid invoice ${str(t.refs.invoice_number)}${/overage/i.test(t.reason ?? "") ? " — the period's overage" : ""}`;
  } else if (!description) {
    description =
      t.kind === "grant" ? "Plan allowance"
      : t.kind === "purchase" ? (str(t.refs.pack) ? `Credit pack ${str(t.refs.pack)}` : "Credit pack")
      : t.kind === "top_up" ? "Funds added"
      : t.kind === "expiry" ? "Unused amount expired"
      : t.kind === "rollover" ? "Carried over to the next period"
      : KIND_WORDS[t.kind];
  }
  const signedAmount = direction === "out" ? -t.amount : t.amount;
  return { label, description, bucket, direction, signedAmount };
}

/**
 * "+12.5 credits", "−$3.20", "40 API calls" (a move between the customer's own buckets). Money in
 * whole cents, as a person reads it (under half a cent: "<$0.01"); the CSV keeps the exact amount.
 */
export function formatSigned(line: Pick<ActivityLine, "direction" | "signedAmount">, asset: string, locale = "en-US"): string {
  const abs = line.signedAmount < 0n ? -line.signedAmount : line.signedAmount;
  const text = formatReadable(abs, asset, locale);
  return line.direction === "move" ? text : `${line.direction === "out" ? "−" : "+"}${text}`;
}

export const CSV_HEADER = ["date", "activity", "description", "bucket", "amount", "asset", "transfer_id"];

/** A CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(value: string, text = true): string {
  let v = value;
  if (text && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function csvRow(fields: { date: Date; line: ActivityLine; asset: string; transferId: string }): string {
  const { date, line, asset, transferId } = fields;
  return [
    csvField(date.toISOString(), false),
    csvField(line.label),
    csvField(line.description),
    csvField(line.bucket),
    csvField(toDecimalString(line.signedAmount, asset), false),
    csvField(asset),
    csvField(transferId),
  ].join(",");
}

/** An amount as a person reads it: money in whole cents ("<$0.01" for a non-zero amount under half a cent), other units exact. */
export function formatReadable(amount: bigint, asset: string, locale = "en-US"): string {
  const text = formatMoney({ amount, asset }, { locale });
  if (isCurrency(asset) && amount > 0n && amount < 5_000n) return `<${formatMoney({ amount: 10_000n, asset }, { locale })}`;
  return text;
}
