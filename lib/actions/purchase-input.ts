// What the purchase actions accept: a pack code or an amount of funds the customer typed (parsed
// here once, with the words the form shows), never a price.
import { z } from "zod";
import { parseDecimal } from "@/lib/billing/money";
import { actionWords } from "@/lib/i18n/action-words";
import { decimalsExample, readTypedDecimal } from "@/lib/i18n/amount-words";
import { displayLocale } from "@/lib/i18n/locale-scope";
import { FORM_KEY_PATTERN, type PurchaseChoice } from "@/lib/services/payments";

/**
 * The amount a customer typed for funds as a plain decimal (read in the plan's currency by the
 * pricing), read the way the customer's language writes numbers, or the sentence that says what
 * is wrong.
 */
function parseFundsAmount(typed: string): { ok: true; amount: string } | { ok: false; message: string } {
  const t = actionWords(); // parsed inside the action's locale scope
  const example = t("amount.example", { example: decimalsExample(2, displayLocale(null), "25.50") });
  // 1e9 and the like: a number, only written short — rejected by the range check, not as gibberish.
  const expo = /^\s*(\d+(?:\.\d+)?)e\+?(\d{1,3})\s*$/i.exec(typed);
  // the widest scale of any currency: the pricing refuses what its own currency cannot keep
  const read = expo ? { ok: true as const, decimal: scientificToDecimal(expo[1]!, Number(expo[2])) } : readTypedDecimal(typed, { format: example }, 7);
  if (!read.ok) return read;
  try {
    if (parseDecimal(read.decimal, "KWD") <= 0n) return { ok: false, message: t("amount.positive") };
    return { ok: true, amount: read.decimal };
  } catch {
    return { ok: false, message: example };
  }
}

function scientificToDecimal(mantissa: string, exponent: number): string {
  const [whole, fraction = ""] = mantissa.split(".");
  const digits = whole! + fraction;
  const point = whole!.length + exponent;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

export const choiceSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("pack"), packCode: z.string().min(1).max(64) }),
    z.object({ kind: z.literal("funds"), amount: z.string().max(32) }),
  ])
  .transform((c, zctx): PurchaseChoice => {
    if (c.kind === "pack") return { kind: "pack", packCode: c.packCode };
    const amount = parseFundsAmount(c.amount);
    if (!amount.ok) {
      zctx.addIssue({ code: "custom", message: amount.message, path: ["amount"] });
      return z.NEVER;
    }
    return { kind: "funds", amount: amount.amount };
  });

export const formKey = z.string().regex(FORM_KEY_PATTERN);
/** The total the customer saw and confirmed, in cents: a changed price is shown again, not charged. */
export const expectedTotalCents = z
  .string()
  .regex(/^\d{1,12}$/)
  .optional()
  .transform((v) => (v === undefined ? undefined : BigInt(v)));
