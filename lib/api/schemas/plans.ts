// The merchant API's plans (catalogue).
import { z } from "zod";
import { amountSchema } from "./common";

const planActionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    unit_label: z.string().meta({ description: "What one unit of `quantity` is (\"image\", \"GB-hour\")." }),
    unit_cost: amountSchema.meta({ description: "Cost of one unit of quantity: API calls (Metered), credits (Credits) or money (Balance)." }),
    description: z.string(),
  })
  .meta({ id: "PlanAction" });

const creditPackSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    credits: amountSchema,
    price: amountSchema,
    expires_after_months: z.number().int().nullable(),
  })
  .meta({ id: "CreditPack" });

export const planSchema = z
  .object({
    id: z.string(),
    object: z.literal("plan"),
    code: z.string().meta({ examples: ["creator"] }),
    version: z.number().int().meta({ description: "The version of the plan's terms offered now. A change to what subscribers pay makes a new version; subscribers keep theirs until they change plan." }),
    name: z.string(),
    model: z.enum(["metered", "credits", "balance"]),
    currency: z.string(),
    active: z.boolean(),
    price: amountSchema.meta({ description: "Recurring price per interval." }),
    interval_months: z.number().int(),
    zero_balance_policy: z.enum(["block", "overage", "auto_top_up"]),
    included: amountSchema.nullable().meta({ description: "Metered: units included each period." }),
    overage_price: amountSchema.nullable().meta({ description: "Metered: price of one unit beyond the included ones." }),
    allowance: amountSchema.nullable().meta({ description: "Credits: plan credits granted each period." }),
    rollover_cap: amountSchema.nullable(),
    purchased_credits_expire_after_months: z.number().int().nullable(),
    grant: amountSchema.nullable().meta({ description: "Balance: money added to the balance each period." }),
    top_up_min: amountSchema.nullable(),
    top_up_max: amountSchema.nullable(),
    actions: z.array(planActionSchema).meta({ description: "The burn table (Credits), price table (Balance) or meter (Metered)." }),
    packs: z.array(creditPackSchema),
    policies: z.array(z.string()).meta({ description: "The plan's rules in plain words, as the portal shows them." }),
  })
  .meta({ id: "Plan" });

export const planListSchema = z.object({ object: z.literal("list"), data: z.array(planSchema) }).meta({ id: "PlanList" });
