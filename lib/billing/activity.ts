// The ledger in plain words, for the customer's activity page and its CSV export: what each
// transfer did to *their* wallet (never the merchant's side of it).
import { isCurrency } from "@/lib/ledger/assets";
import type { TransferKind, TransferPhase } from "@/lib/ledger";
import { formatMoney, toDecimalString } from "./money";
import { billingWords } from "./words";

const KINDS: TransferKind[] = ["grant", "purchase", "top_up", "usage", "expiry", "rollover", "adjustment", "reversal", "refund"];

/** What each kind of transfer is called ("Bought", "Used"), in the reader's language. */
export function kindWords(locale = "en-US"): Record<TransferKind, string> {
  const t = billingWords(locale);
  return Object.fromEntries(KINDS.map((k) => [k, t(`activity.kind.${k}`)])) as Record<TransferKind, string>;
}

/** The kinds' words in English (kindWords names the language). */
export const KIND_WORDS: Record<TransferKind, string> = kindWords();

export const ACTIVITY_KINDS = [...KINDS];

export type WalletBucket = "plan_credits" | "purchased_credits" | "balance" | "included_usage" | "overage" | "merchant";

/** What each of the customer's buckets is called ("Plan credits"), in the reader's language; the merchant's is "". */
export function bucketWords(locale = "en-US"): Record<WalletBucket, string> {
  const t = billingWords(locale);
  const named: Exclude<WalletBucket, "merchant">[] = ["included_usage", "plan_credits", "purchased_credits", "balance", "overage"];
  return { ...(Object.fromEntries(named.map((b) => [b, t(`activity.bucket.${b}`)])) as Record<Exclude<WalletBucket, "merchant">, string>), merchant: "" };
}

/** The buckets' words in English (bucketWords names the language). */
export const BUCKET_WORDS: Record<WalletBucket, string> = bucketWords();

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

// The reasons Portico itself records on a transfer, in English (they are the ledger's and the
// merchant's words): worded again for a reader of another language. A reason a person typed (a
// goodwill grant's) is not one of them and stays as it was recorded.
const RECORDED: readonly [RegExp, string][] = [
  [/^(?<plan>.+) — allowance for the period starting .+$/, "activity.allowanceFor"],
  [/^Upgrade to (?<plan>.+): extra allowance for the rest of the period$/, "activity.upgradeAllowance"],
  [/^Unused plan credits expired at the end of the period$/, "activity.planCreditsExpired"],
  [/^Unused included usage expired at the end of the period$/, "activity.includedExpired"],
  [/^Purchased credits expired$/, "activity.purchasedExpired"],
  [/^Unused plan credits rolled over to the next period$/, "activity.rolledOver"],
];

function recordedReason(t: ActivityTransfer, say: ReturnType<typeof billingWords>, locale: string): string | null {
  if (!t.reason || new Intl.Locale(locale).language === "en") return t.reason;
  for (const [re, key] of RECORDED) {
    const m = re.exec(t.reason);
    if (!m) continue;
    const start = str(t.refs.period_start);
    if (key === "activity.allowanceFor" && (!start || Number.isNaN(Date.parse(start)))) return t.reason;
    const month = start ? new Date(start).toLocaleString(locale, { month: "long", year: "numeric", timeZone: "UTC" }) : "";
    return say(key, { plan: m.groups?.plan ?? "", month });
  }
  return t.reason;
}

/**
 * One transfer as the customer sees it, in the reader's language. `actionNames` maps action codes
 * to their plan names (the merchant's words). A reason a person recorded ("Goodwill credit") is
 * shown as it was recorded; Portico's own recorded reasons speak the reader's language.
 */
export function describeActivity(t: ActivityTransfer, customerId: string, actionNames: ReadonlyMap<string, string> = new Map(), locale = "en-US"): ActivityLine {
  const say = billingWords(locale);
  const mineDebit = t.debit.customerId === customerId && t.debit.bucket !== "merchant";
  const mineCredit = t.credit.customerId === customerId && t.credit.bucket !== "merchant";
  let direction: ActivityLine["direction"] = mineDebit && mineCredit ? "move" : mineDebit ? "out" : "in";
  let label: "kind" | "reserved" | "released" | "paidInvoice" = "kind";
  if (t.phase === "pending") label = "reserved";
  if (t.phase === "void_pending" || t.phase === "expire_pending") {
    label = "released";
    // A release gives the reservation back: it is stored against the hold's own direction.
    if (direction !== "move") direction = direction === "out" ? "in" : "out";
  }
  const side = mineCredit && (!mineDebit || t.kind === "rollover") ? t.credit : t.debit;
  const bucket = side.bucket === "merchant" ? "" : say(`activity.bucket.${side.bucket}`);
  const used = t.kind === "usage" && label === "kind";

  let description = recordedReason(t, say, locale) ?? "";
  if (t.kind === "usage") {
    const action = str(t.refs.action);
    const name = action ? (actionNames.get(action) ?? action) : say("activity.usage");
    const n = new Intl.NumberFormat(locale);
    const rawQuantity = /^\d{1,30}$/.test(str(t.refs.quantity) ?? "") ? str(t.refs.quantity) : null;
    const quantity = rawQuantity ? n.format(BigInt(rawQuantity)) : null;
    const events = Number(str(t.refs.events) ?? "0");
    const eventsText = events > 1 ? n.format(events) : null;
    description =
      quantity && eventsText ? say("activity.usedCountEvents", { name, quantity, events: eventsText })
      : quantity ? say("activity.usedCount", { name, quantity })
      : eventsText ? say("activity.usedEvents", { name, events: eventsText })
      : say("activity.used", { name });
    if (t.phase === "pending") description = quantity ? say("activity.reservedForCount", { name, quantity }) : say("activity.reservedFor", { name });
    if (label === "released") description = say("activity.reservationReleased", { name });
    // An overage transfer carries the whole events' quantity; its amount is the overage part.
    if (side.bucket === "overage" && used) {
      const amount = formatMoney({ amount: t.amount, asset: t.asset }, { locale });
      description = quantity ? say("activity.overageCount", { name, quantity, amount }) : say("activity.overage", { name, amount });
    }
    // The included part of events that went partly to overage says how they split.
    if (side.bucket === "included_usage" && used && t.asset === "API_CALL" && rawQuantity && BigInt(rawQuantity) > t.amount) {
      description = say("activity.includedSplit", {
        total: formatMoney({ amount: BigInt(rawQuantity), asset: t.asset }, { locale }),
        included: n.format(t.amount),
        overage: n.format(BigInt(rawQuantity) - t.amount),
      });
    }
  } else if (t.kind === "purchase" && str(t.refs.invoice_number) && !str(t.refs.pack)) {
    // Paying an invoice (a renewal's overage, a failed renewal paid later) is not buying something.
    label = "paidInvoice";
    const number = str(t.refs.invoice_number)!;
    // The reason is recorded in English ("Overage paid with invoice …").
    description = /overage/i.test(t.reason ?? "") ? say("activity.paidInvoiceOverage", { number }) : say("activity.paidInvoice", { number });
  } else if (!description) {
    const pack = str(t.refs.pack);
    description =
      t.kind === "grant" ? say("activity.planAllowance")
      : t.kind === "purchase" ? (pack ? say("activity.creditPackNamed", { pack }) : say("activity.creditPack"))
      : t.kind === "top_up" ? say("activity.fundsAdded")
      : t.kind === "expiry" ? say("activity.expired")
      : t.kind === "rollover" ? say("activity.carriedOver")
      : say(`activity.kind.${t.kind}`);
  }
  const signedAmount = direction === "out" ? -t.amount : t.amount;
  return { label: label === "kind" ? say(`activity.kind.${t.kind}`) : say(`activity.label.${label}`), description, bucket, direction, signedAmount };
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
