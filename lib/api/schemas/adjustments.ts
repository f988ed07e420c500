// The merchant API's wallet adjustments (grants and reversals).
import { z } from "zod";
import { isCurrency } from "@/lib/ledger/assets";
import { amountSchema, isoDateTime } from "./common";

const minorUnits = z.string().regex(/^\d{1,30}$/, "a positive integer in minor units, as a string");

export const createAdjustmentSchema = z
  .strictObject({
    type: z.enum(["grant", "reversal"]).meta({ description: "`grant`: give goodwill credits, balance or included units. `reversal`: correct a charge by reversing a transfer (in full or in part)." }),
    amount: z
      .strictObject({
        asset: z.string().refine((a) => a === "CREDIT" || a === "API_CALL" || isCurrency(a), { message: "must be CREDIT, API_CALL or the plan's ISO 4217 currency (USD, EUR, JPY…)" }),
        amount: minorUnits,
      })
      .optional()
      .meta({ description: "For `grant` (required): what to give, in minor units. For `reversal` (optional): how much of the transfer to reverse, in its asset; omitted = all that is left of it." }),
    transfer: z.string().min(1).max(300).optional().meta({ description: "For `reversal` (required): the id of the customer's ledger transfer to reverse." }),
    reason: z.string().trim().min(1).max(500).meta({ description: "Why — shown to the customer in their activity.", examples: ["Goodwill for the outage of Nov 3"] }),
    actor: z.string().trim().min(1).max(200).meta({ description: "Who made the adjustment (your support agent's id or email).", examples: ["support@example.com"] }),
  })
  .meta({ id: "CreateAdjustmentRequest" });

export const adjustmentSchema = z
  .object({
    id: z.string().meta({ description: "The ledger transfer the adjustment posted." }),
    object: z.literal("adjustment"),
    customer: z.string(),
    type: z.enum(["grant", "reversal"]),
    amount: amountSchema,
    reverses: z.string().nullable().meta({ description: "For a reversal: the transfer it reverses." }),
    reason: z.string(),
    actor: z.string(),
    credit_note: z
      .object({ id: z.string(), number: z.string().nullable(), total: amountSchema })
      .nullable()
      .meta({ description: "When money paid on an invoice is given back: the credit note issued against that invoice." }),
    created_at: isoDateTime(),
  })
  .meta({ id: "Adjustment" });
