// The merchant API's objects as zod schemas: the runtime check of every request and response,
// and — through z.toJSONSchema — the OpenAPI 3.1 document and the /docs/api page. Field names are
// snake_case; an amount is the object of DESIGN §8 (integer in minor units as a string).
import { z } from "zod";
import { MAX_QUANTITY } from "@/lib/billing/rating";
import { ERROR_CODES, type ErrorCode } from "./errors";


const isoDateTime = () => z.iso.datetime({ offset: true });

export const amountSchema = z
  .object({
    asset: z.string().meta({ description: "Asset code: `USD`, `CREDIT` or `API_CALL`.", examples: ["CREDIT"] }),
    amount: z.string().regex(/^-?\d+$/).meta({ description: "Integer in the asset's minor units, as a string (no precision loss).", examples: ["1500"] }),
    scale: z.number().int().meta({ description: "Decimal places of the minor unit: USD 6 (micros), CREDIT 3, API_CALL 0.", examples: [3] }),
    formatted: z.string().meta({ description: "For display only.", examples: ["1.5 credits"] }),
  })
  .meta({ id: "Amount", description: "An amount of an asset. `amount` / 10^`scale` is the value: USD micros, milli-credits, whole API calls." });
// Not imported: `.meta({ id })` registers it and the OpenAPI document reads the registry.
export const errorSchema = z
  .object({
    error: z.object({
      type: z.enum(["authentication_error", "invalid_request_error", "idempotency_error", "rate_limit_error", "api_error"]),
      code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]).meta({ description: "Stable, machine-readable; see the error codes." }),
      message: z.string().meta({ description: "For humans: what went wrong and what to do." }),
      param: z.string().nullable().meta({ description: "The offending field (e.g. `events[3].quantity`), if any." }),
    }),
  })
  .meta({ id: "Error" });

const customerRefSchema = z
  .string()
  .min(1)
  .max(205)
  .meta({ description: "Portico's customer id (`cus_…`) or `ext:<external_id>`.", examples: ["ext:acme"] });

// ─── plans ───────────────────────────────────────────────────────────────────

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

// ─── customers and subscriptions ─────────────────────────────────────────────

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

const addressSchema = z
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

// ─── usage ───────────────────────────────────────────────────────────────────

const usageEventDocSchema = z
  .strictObject({
    id: z.string().min(1).max(200).meta({ description: "Your id for the event: the idempotency key (unique per merchant).", examples: ["evt_000123"] }),
    customer: customerRefSchema,
    action: z.string().min(1).max(100).meta({ description: "An action code of the customer's plan.", examples: ["image_generation"] }),
    quantity: z
      .union([z.int().min(1).max(1e12), z.string().regex(/^\d+$/)])
      .meta({ description: "A whole number from 1 to 10^12 (a JSON number or a decimal string).", examples: [3] }),
    timestamp: isoDateTime()
      .optional()
      .meta({ description: "When it happened (ISO 8601 with offset); default: when received. At most 5 minutes in the future; its period must still be open." }),
    properties: z.record(z.string(), z.unknown()).optional().meta({ description: "Anything you want kept with the event (≤ 4 KB as JSON)." }),
  })
  .meta({ id: "UsageEvent" });

export const MAX_EVENTS = 1_000;

/** What is parsed at run time: the envelope only, so one bad event never fails the others. */
export const usageBatchSchema = z.strictObject({
  events: z.array(z.unknown()).max(MAX_EVENTS, `At most ${MAX_EVENTS} events per call`),
});

export const usageBatchDocSchema = z
  .strictObject({ events: z.array(usageEventDocSchema).max(MAX_EVENTS) })
  .meta({ id: "UsageBatchRequest", description: "Up to 1,000 events. Each is judged on its own." });

export const USAGE_REJECT_REASONS = [
  "invalid_event",
  "invalid_quantity",
  "invalid_timestamp",
  "unknown_customer",
  "unknown_action",
  "no_active_subscription",
  "timestamp_in_future",
  "timestamp_before_open_period",
  "insufficient_credits",
  "insufficient_balance",
  "included_usage_exhausted",
  "spending_cap_reached",
] as const;

export const usageResultSchema = z
  .object({
    index: z.number().int().meta({ description: "Position of the event in the request." }),
    id: z.string().nullable(),
    status: z.enum(["accepted", "duplicate", "rejected"]),
    customer: z.string().nullable().meta({ description: "Portico id of the customer charged (accepted events)." }),
    cost: amountSchema.nullable().meta({ description: "What the event cost in the plan's usage asset (accepted events)." }),
    overage: amountSchema.nullable().meta({ description: "Metered: the overage money it added, billed at period end." }),
    reason: z.enum(USAGE_REJECT_REASONS).nullable(),
    message: z.string().nullable(),
  })
  .meta({ id: "UsageResult" });

export const usageBatchResultSchema = z
  .object({
    object: z.literal("usage_batch"),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    results: z.array(usageResultSchema),
  })
  .meta({ id: "UsageBatchResult" });

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

// ─── portal sessions ─────────────────────────────────────────────────────────

export const createPortalSessionSchema = z
  .strictObject({
    customer: customerRefSchema,
    return_url: z
      .url({ protocol: /^https?$/, hostname: z.regexes.hostname })
      .max(2000)
      .optional()
      .meta({ description: "http(s) URL of your app; the portal shows a \"Back to …\" link to it.", examples: ["https://app.example.com/settings/billing"] }),
    embed: z
      .boolean()
      .optional()
      .meta({ description: "Open the portal inside your app, in an iframe from one of your `embedOrigins` (portico.config.ts). The portal posts `portico.purchase_succeeded` and `portico.close` messages to the parent window." }),
  })
  .meta({ id: "CreatePortalSessionRequest" });

export const portalSessionSchema = z
  .object({
    id: z.string(),
    object: z.literal("portal_session"),
    customer: z.string(),
    url: z.string().meta({ description: "Single use; signs the customer's owner in and opens the overview." }),
    return_url: z.string().nullable(),
    embed: z.boolean().meta({ description: "Whether the link opens the portal for a frame in your app." }),
    expires_at: isoDateTime(),
    created_at: isoDateTime(),
  })
  .meta({ id: "PortalSession" });

// ─── path and query ──────────────────────────────────────────────────────────

export const noParams = z.object({});
export const noQuery = z.strictObject({});
export const noBody = z.strictObject({});
export const customerPathSchema = z.object({ id: customerRefSchema });
export const holdPathSchema = z.object({ id: z.string().min(1).max(100).meta({ description: "Hold id (`hld_…`)." }) });

// ─── webhook endpoints and adjustments ──────────────────────────────

export const WEBHOOK_EVENTS = ["balance.low", "usage.threshold", "top_up.succeeded", "payment.failed", "invoice.issued", "subscription.updated"] as const;

export const createWebhookEndpointSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .meta({ description: "Where Portico POSTs events (https; http for local testing).", examples: ["https://api.example.com/webhooks/portico"] }),
    description: z.string().max(200).optional().meta({ description: "For your own records." }),
    enabled_events: z
      .array(z.enum(WEBHOOK_EVENTS))
      .max(WEBHOOK_EVENTS.length)
      .optional()
      .meta({ description: "Event types to deliver; omitted or empty = all of them." }),
  })
  .meta({ id: "CreateWebhookEndpointRequest" });

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    object: z.literal("webhook_endpoint"),
    url: z.string(),
    description: z.string().nullable(),
    enabled_events: z.array(z.string()).meta({ description: "Empty = every event type." }),
    created_at: isoDateTime(),
    secret: z
      .string()
      .optional()
      .meta({ description: "The signing secret (`whsec_…`): only in the response that creates the endpoint. Verify `Portico-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>`." }),
  })
  .meta({ id: "WebhookEndpoint" });

export const webhookEndpointListSchema = z.object({ object: z.literal("list"), data: z.array(webhookEndpointSchema) }).meta({ id: "WebhookEndpointList" });

export const deletedWebhookEndpointSchema = z
  .object({ id: z.string(), object: z.literal("webhook_endpoint"), deleted: z.literal(true) })
  .meta({ id: "DeletedWebhookEndpoint" });

export const webhookTestSchema = z
  .object({
    object: z.literal("webhook_test"),
    webhook_endpoint: z.string(),
    event_id: z.string().meta({ description: "The id of the test event sent (type `webhook_endpoint.test`)." }),
    delivered: z.boolean().meta({ description: "The endpoint answered 2xx within 10 seconds." }),
    status: z.number().int().nullable().meta({ description: "The HTTP status it answered with; null when it could not be reached." }),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
  })
  .meta({ id: "WebhookTest" });

export const webhookEndpointPathSchema = z.object({ id: z.string().min(1).max(100).meta({ description: "Webhook endpoint id (`we_…`)." }) });

const minorUnits = z.string().regex(/^\d{1,30}$/, "a positive integer in minor units, as a string");

export const createAdjustmentSchema = z
  .strictObject({
    type: z.enum(["grant", "reversal"]).meta({ description: "`grant`: give goodwill credits, balance or included units. `reversal`: correct a charge by reversing a transfer (in full or in part)." }),
    amount: z
      .strictObject({
        asset: z.enum(["USD", "CREDIT", "API_CALL"]),
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

// ─── invoices, payments and events (read back by the merchant) ───────────────

const listQuery = (what: string) => ({
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "1–100, default 20." }),
  starting_after: z.string().min(1).max(200).optional().meta({ description: `${what} id: the page after it (pass \`next_cursor\`).` }),
  customer: customerRefSchema.optional().meta({ description: "Only this customer's (`cus_…` or `ext:<external_id>`)." }),
});

export const INVOICE_STATUSES = ["open", "paid", "void", "uncollectible"] as const;
const PAYMENT_STATUSES = ["processing", "requires_action", "succeeded", "failed", "refunded", "disputed", "canceled"] as const;

export const listInvoicesQuerySchema = z.strictObject({ ...listQuery("An invoice"), status: z.enum(INVOICE_STATUSES).optional() });
export const listPaymentsQuerySchema = z.strictObject({ ...listQuery("A payment"), status: z.enum(PAYMENT_STATUSES).optional() });
export const listEventsQuerySchema = z.strictObject({ ...listQuery("An event"), type: z.enum(WEBHOOK_EVENTS).optional() });

export const invoicePathSchema = z.object({ id: z.string().min(1).max(100).meta({ description: "Invoice id (`inv_…`)." }) });

const partySchema = z.object({ name: z.string(), email: z.string().nullable(), address: addressSchema.nullable(), tax_id: z.string().nullable() });

export const invoiceSchema = z
  .object({
    id: z.string(),
    object: z.literal("invoice"),
    number: z.string().meta({ examples: ["INV-000123"] }),
    customer: z.string(),
    customer_external_id: z.string(),
    kind: z.enum(["subscription", "top_up", "credit_pack", "credit_note"]),
    status: z.enum(INVOICE_STATUSES),
    currency: z.string(),
    lines: z.array(
      z.object({
        description: z.string(),
        quantity: z.string(),
        unit_label: z.string(),
        unit_price: amountSchema.nullable(),
        amount: amountSchema,
      }),
    ),
    subtotal: amountSchema,
    tax_rate_bps: z.number().int(),
    tax: amountSchema,
    total: amountSchema.meta({ description: "What is charged: subtotal + tax rounded once to whole cents." }),
    period_start: isoDateTime().nullable(),
    period_end: isoDateTime().nullable(),
    credits_invoice: z.string().nullable().meta({ description: "For a credit note: the invoice it credits." }),
    seller: partySchema.nullable().meta({ description: "The merchant as it was when the invoice was issued." }),
    buyer: partySchema.nullable().meta({ description: "The customer's billing details as they were when the invoice was issued." }),
    issued_at: isoDateTime(),
    due_at: isoDateTime().nullable(),
    paid_at: isoDateTime().nullable(),
    pdf_url: z.string().meta({ description: "`GET` it with your key for the PDF (the same document the customer downloads)." }),
  })
  .meta({ id: "Invoice" });

export const invoiceListSchema = z
  .object({ object: z.literal("list"), data: z.array(invoiceSchema), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: "InvoiceList" });

export const paymentSchema = z
  .object({
    id: z.string(),
    object: z.literal("payment"),
    customer: z.string(),
    invoice: z.string().nullable(),
    purpose: z.enum(["credit_pack", "top_up", "subscription", "auto_top_up"]),
    status: z.enum(PAYMENT_STATUSES),
    amount: amountSchema,
    card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    provider: z.string(),
    provider_payment_id: z.string().nullable(),
    failure_code: z.string().nullable(),
    failure_message: z.string().nullable(),
    created_at: isoDateTime(),
  })
  .meta({ id: "Payment" });

export const paymentListSchema = z
  .object({ object: z.literal("list"), data: z.array(paymentSchema), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: "PaymentList" });

export const eventSchema = z
  .object({
    id: z.string().meta({ description: "The event id webhooks carry (`Portico-Event-Id`): dedupe on it." }),
    object: z.literal("event"),
    type: z.enum(WEBHOOK_EVENTS),
    created: isoDateTime(),
    data: z.record(z.string(), z.unknown()).meta({ description: "Exactly the webhook's `data`." }),
  })
  .meta({ id: "Event" });

export const eventListSchema = z
  .object({ object: z.literal("list"), data: z.array(eventSchema), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: "EventList" });

/** A file answer (the invoice PDF): the route sends the bytes with this content type. */
export const fileSchema = z.custom<{ file: Uint8Array; filename: string }>((v) => typeof v === "object" && v !== null && (v as { file?: unknown }).file instanceof Uint8Array);
