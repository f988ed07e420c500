// The merchant API's authorizations, holds and wallet.
import { z } from "zod";
import { MAX_QUANTITY } from "@/lib/billing/rating";
import { amountSchema, customerRefSchema, isoDateTime } from "./common";

// ─── authorize and holds ─────────────────────────────────────────────────────

export const holdSchema = z
  .object({
    id: z.string(),
    object: z.literal("hold"),
    customer: z.string(),
    action: z.string(),
    quantity: z.string(),
    amount: amountSchema.meta({ description: "Reserved, in the plan's usage asset." }),
    overage: amountSchema.nullable().meta({ description: "Metered: overage money reserved beyond the included units." }),
    status: z.enum(["pending", "captured", "released", "expired"]),
    expires_at: isoDateTime(),
    created_at: isoDateTime(),
    captured_quantity: z.string().nullable(),
    captured_amount: amountSchema.nullable(),
    usage_event: z.string().nullable().meta({ description: "Id of the usage event recorded by the capture." }),
    resolved_at: isoDateTime().nullable(),
  })
  .meta({ id: "Hold" });

export const authorizeSchema = z
  .strictObject({
    customer: customerRefSchema,
    action: z.string().min(1).max(100).meta({ examples: ["image_generation"] }),
    quantity: z
      .union([z.int(), z.string().regex(/^\d+$/, "must be a whole number")])
      .transform((q, ctx) => {
        const n = typeof q === "number" ? BigInt(q) : BigInt(q);
        if (n < 1n || n > MAX_QUANTITY) {
          ctx.addIssue({ code: "custom", message: "must be a whole number from 1 to 10^12" });
          return z.NEVER;
        }
        return n;
      })
      .meta({ description: "1 to 10^12 (number or decimal string).", examples: [3] }),
    hold: z.boolean().default(false).meta({ description: "Reserve the cost now (a pending ledger transfer) until captured, released or expired." }),
    hold_ttl_seconds: z.int().min(10).max(86_400).default(900).meta({ description: "How long the hold lives if neither captured nor released (10 s – 24 h, default 15 min)." }),
  })
  .meta({ id: "AuthorizeRequest" });

export const authorizationSchema = z
  .object({
    object: z.literal("authorization"),
    allowed: z.boolean(),
    reason: z.string().nullable().meta({ description: "Why not (same codes as rejected usage events), when `allowed` is false." }),
    message: z.string(),
    customer: z.string(),
    action: z.string(),
    quantity: z.string(),
    cost: amountSchema.nullable().meta({ description: "What the action costs now, in the plan's usage asset." }),
    overage: amountSchema.nullable().meta({ description: "Metered: the overage money it would add." }),
    available: amountSchema.nullable().meta({ description: "Usable now, before this action (included units, credits or balance)." }),
    remaining: amountSchema.nullable().meta({ description: "Usable after this action, if it runs." }),
    overage_cap_left: amountSchema.nullable().meta({ description: "Metered with a spending cap: overage still allowed this period." }),
    hold: holdSchema.nullable(),
  })
  .meta({ id: "Authorization" });

export const captureSchema = z
  .strictObject({
    quantity: z
      .union([z.int(), z.string().regex(/^\d+$/, "must be a whole number")])
      .transform((q, ctx) => {
        const n = BigInt(q);
        if (n < 1n || n > MAX_QUANTITY) {
          ctx.addIssue({ code: "custom", message: "must be a whole number from 1 to the held quantity (release the hold to charge nothing)" });
          return z.NEVER;
        }
        return n;
      })
      .optional()
      .meta({ description: "How much was actually used (≤ the held quantity); default: all of it. The rest is released." }),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "CaptureRequest" });

export const releaseSchema = z.strictObject({}).meta({ id: "ReleaseRequest" });

// ─── wallet ──────────────────────────────────────────────────────────────────

export const walletSchema = z
  .object({
    object: z.literal("wallet"),
    customer: z.string(),
    plan: z.string().nullable(),
    model: z.enum(["metered", "credits", "balance"]).nullable(),
    period: z.object({ start: isoDateTime(), end: isoDateTime() }).nullable(),
    usable: z
      .object({ available: amountSchema, held: amountSchema })
      .nullable()
      .meta({ description: "What can be spent now in the plan's usage asset, and what holds reserve." }),
    buckets: z
      .array(
        z.object({
          bucket: z.enum(["included_usage", "plan_credits", "purchased_credits", "balance"]),
          label: z.string(),
          available: amountSchema,
          held: amountSchema,
          posted: amountSchema,
          expires_at: isoDateTime().nullable(),
        }),
      )
      .meta({ description: "Every bucket, in the order they are spent." }),
    included: z
      .object({ granted: amountSchema, used: amountSchema, left: amountSchema })
      .nullable()
      .meta({ description: "Metered: this period's included units." }),
    overage: z
      .object({ accrued: amountSchema, cap: amountSchema.nullable(), cap_left: amountSchema.nullable() })
      .nullable()
      .meta({ description: "Metered: overage so far this period (billed at period end), and the spending cap." }),
    pending_holds: z.array(holdSchema),
  })
  .meta({ id: "Wallet" });

export const holdPathSchema = z.object({ id: z.string().min(1).max(100).meta({ description: "Hold id (`hld_…`)." }) });
