// The merchant API's customers and subscriptions.
import { z } from "zod";
import { amountSchema, customerRefSchema, isoDateTime } from "./common";

const subscriptionSchema = z
  .object({
    id: z.string(),
    object: z.literal("subscription"),
    plan: z.string().meta({ description: "Code of the current plan." }),
    plan_version: z.number().int().meta({ description: "The version of the plan's terms this subscription pays (older than the plan's `version` when grandfathered)." }),
    status: z.enum(["active", "past_due", "suspended", "canceled"]),
    current_period_start: isoDateTime(),
    current_period_end: isoDateTime(),
    cancel_at_period_end: z.boolean(),
    pending_plan: z.string().nullable().meta({ description: "Code of the plan that takes effect at `current_period_end`, if a change is scheduled." }),
    spending_cap: amountSchema.nullable().meta({ description: "Metered: the customer's cap on overage per period." }),
  })
  .meta({ id: "Subscription" });

export const addressSchema = z
  .object({
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    postal_code: z.string().nullable(),
    state: z.string().nullable(),
    country: z.string().meta({ description: "ISO 3166-1 alpha-2 country code.", examples: ["DE"] }),
  })
  .meta({ id: "Address" });

const billingDetailsSchema = z
  .object({
    name: z.string().nullable().meta({ description: "The legal name invoices are made out to; null = the customer's `name`." }),
    address: addressSchema.nullable(),
    tax_id: z.string().nullable().meta({ description: "VAT / GST number or other tax ID, checked for `address.country`.", examples: ["DE123456789"] }),
  })
  .meta({ id: "BillingDetails", description: "What every invoice issued from now on is made out to. Issued invoices keep the details they were issued with." });

const nullableLine = (max: number) => z.string().max(max).nullable().optional();

export const updateCustomerSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional().meta({ description: "The account's display name." }),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "must look like en-US")
      .nullable()
      .optional()
      .meta({ description: "Language and formats of the portal, emails and invoices (BCP 47: de-DE, ja-JP). `null`: the customer's browser language decides. Portico speaks English, German, French, Spanish and Japanese; other languages read in English with their own number and date formats." }),
    billing_details: z
      .strictObject({
        name: nullableLine(200),
        address: z
          .strictObject({
            line1: z.string().max(200),
            line2: nullableLine(200),
            city: z.string().max(100),
            postal_code: nullableLine(20),
            state: nullableLine(100),
            country: z.string().length(2, "must be an ISO 3166-1 alpha-2 code such as DE"),
          })
          .nullable()
          .optional(),
        tax_id: nullableLine(40),
      })
      .optional()
      .meta({ description: "Fields given replace the stored ones (null clears one); fields left out are kept. The tax ID is checked for the address's country." }),
  })
  .meta({ id: "UpdateCustomerRequest" });

export const customerSchema = z
  .object({
    id: z.string().meta({ examples: ["cus_demo_acme"] }),
    object: z.literal("customer"),
    external_id: z.string(),
    name: z.string(),
    email: z.string(),
    locale: z.string().nullable().meta({ description: "The customer's locale; null when their browser decides." }),
    currency: z.string(),
    created_at: isoDateTime(),
    billing_details: billingDetailsSchema,
    subscription: subscriptionSchema.nullable(),
  })
  .meta({ id: "Customer" });

export const customerListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(customerSchema),
    has_more: z.boolean(),
    next_cursor: z.string().nullable().meta({ description: "Pass as `starting_after` to get the next page." }),
  })
  .meta({ id: "CustomerList" });

export const createCustomerSchema = z
  .strictObject({
    external_id: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
      .meta({ description: "Your id for this customer; unique per merchant. Use it as `ext:<external_id>` anywhere a customer is named.", examples: ["acme-42"] }),
    name: z.string().trim().min(1).max(200).meta({ examples: ["Acme Robotics"] }),
    email: z.email().max(254).meta({ description: "The owner's email: they can sign in to the portal with it.", examples: ["alex@acme.example"] }),
    plan: z.string().min(1).max(100).optional().meta({ description: "Plan code to subscribe the customer to now.", examples: ["api_pro"] }),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "must look like en-US")
      .optional()
      .meta({ description: "Language and formats of the portal, emails and invoices (BCP 47: de-DE, ja-JP). Left out: the customer's browser language decides (emails and invoices: English)." }),
  })
  .meta({ id: "CreateCustomerRequest" });

export const listCustomersQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "1–100, default 20." }),
  starting_after: z.string().min(1).optional().meta({ description: "A customer id: the page after it." }),
  external_id: z.string().min(1).optional().meta({ description: "Only the customer with this external id." }),
});

export const changeSubscriptionSchema = z
  .strictObject({
    plan: z.string().min(1).max(100).meta({ description: "Code of the plan to move to.", examples: ["creator"] }),
  })
  .meta({ id: "ChangeSubscriptionRequest" });

export const subscriptionChangeSchema = z
  .object({
    object: z.literal("subscription_change"),
    result: z.enum(["started", "scheduled", "unchanged", "scheduled_change_canceled"]).meta({
      description:
        "`started`: the customer had no subscription, it starts now. `scheduled`: the new plan takes effect at the end of the current period. `unchanged`: already on that plan. `scheduled_change_canceled`: asking for the current plan dropped a scheduled change.",
    }),
    effective_at: isoDateTime(),
    message: z.string(),
    customer: customerSchema,
  })
  .meta({ id: "SubscriptionChange" });

export const customerPathSchema = z.object({ id: customerRefSchema });
