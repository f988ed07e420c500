// The ledger side every kind of payment shares: transfer ids derived from the payment (so a second
// arrival of the same answer writes nothing), and the tax and the sub-cent rounding of the total.
import { merchantAccountId, type MerchantAccountName } from "@/lib/billing/accounts";
import { centsToMicros } from "@/lib/billing/money";
import type { Payment } from "@/lib/db/generated/client";
import type { LedgerRequest } from "@/lib/ledger";
import type { PaymentDetails } from "./payment-details";

export const txId = (what: string, paymentId: string) => `${what}:${paymentId}`;

/** The money side both kinds share: tax, and the sub-cent the rounding of the total made. */
export function moneyRequests(p: Payment, d: PaymentDetails, kind: "purchase" | "top_up", refs: Record<string, string>): LedgerRequest[] {
  const m = (n: MerchantAccountName) => merchantAccountId(p.merchantId, n, p.currency);
  const out: LedgerRequest[] = [];
  if (d.taxMicros > 0n) {
    out.push({ op: "transfer", id: txId("tax", p.id), debitAccountId: m("cash"), creditAccountId: m("tax_payable"), asset: p.currency, amount: d.taxMicros, kind, refs, reason: `Tax on ${d.description}` });
  }
  const rounding = centsToMicros(p.amountCents) - d.subtotalMicros - d.taxMicros;
  if (rounding !== 0n) {
    const [debit, credit] = rounding > 0n ? [m("cash"), m("rounding")] : [m("rounding"), m("cash")];
    out.push({ op: "transfer", id: txId("rounding", p.id), debitAccountId: debit, creditAccountId: credit, asset: p.currency, amount: rounding > 0n ? rounding : -rounding, kind, refs, reason: "Rounding of the total to whole cents" });
  }
  return out;
}
