// The merchant API's customers: the customer, its subscription, wallet and adjustments.
import type { ErrorCode } from "../errors";
import * as s from "../schemas";
import { amount, endpoint } from "./endpoint";
import { exampleHold } from "./holds";

const exampleSubscription = {
  id: "sub_7p2kq9x4mz1c",
  object: "subscription",
  plan: "creator",
  plan_version: 1,
  status: "active",
  current_period_start: "2026-11-14T09:00:00.000Z",
  current_period_end: "2026-12-14T09:00:00.000Z",
  cancel_at_period_end: false,
  pending_plan: null,
  spending_cap: null,
} as const;

const exampleCustomer = {
  id: "cus_4k2jv8n3q0ta",
  object: "customer",
  external_id: "acme-42",
  name: "Acme Robotics",
  email: "alex@acme.example",
  locale: "en-US",
  currency: "USD",
  created_at: "2026-11-14T09:00:00.000Z",
  billing_details: { name: null, address: null, tax_id: null },
  subscription: exampleSubscription,
} as const;

const customerErrors: ErrorCode[] = ["resource_missing"];

export const createCustomer = endpoint({
  id: "createCustomer",
  method: "POST",
  path: "/customers",
  tag: "Customers",
  summary: "Create a customer",
  description:
    "Creates the customer, its owner user (who can sign in to the portal with `email`) and — when `plan` is given — the subscription, its wallet and the first period's allowance, in one transaction.",
  params: s.noParams,
  query: s.noQuery,
  body: s.createCustomerSchema,
  response: s.customerSchema,
  status: 201,
  errors: ["parameter_missing", "parameter_invalid", "parameter_unknown", "resource_missing", "resource_already_exists"],
  example: { body: { external_id: "acme-42", name: "Acme Robotics", email: "alex@acme.example", plan: "creator" }, response: exampleCustomer },
});

export const listCustomers = endpoint({
  id: "listCustomers",
  method: "GET",
  path: "/customers",
  tag: "Customers",
  summary: "List customers",
  description: "Newest first, `limit` per page; pass `next_cursor` as `starting_after` for the next page. Filter with `external_id`.",
  params: s.noParams,
  query: s.listCustomersQuerySchema,
  body: s.noBody,
  response: s.customerListSchema,
  status: 200,
  errors: ["parameter_invalid", "parameter_unknown", "resource_missing"],
  example: { query: "limit=2", response: { object: "list", data: [exampleCustomer], has_more: false, next_cursor: null } },
});

export const getCustomer = endpoint({
  id: "getCustomer",
  method: "GET",
  path: "/customers/{id}",
  tag: "Customers",
  summary: "Get a customer",
  description: "`{id}` is Portico's id (`cus_…`) or `ext:<external_id>`.",
  params: s.customerPathSchema,
  query: s.noQuery,
  body: s.noBody,
  response: s.customerSchema,
  status: 200,
  errors: customerErrors,
  example: { response: exampleCustomer },
});

export const updateCustomer = endpoint({
  id: "updateCustomer",
  method: "PATCH",
  path: "/customers/{id}",
  tag: "Customers",
  summary: "Update a customer's billing details",
  description:
    "Sets the name, locale and billing details (legal name, postal address, tax ID) that invoices issued from now on are made out to; invoices already issued keep theirs. The customer can edit the same details in the portal (Settings → Billing details). Fields left out are kept; `null` clears one. An address needs `line1`, `city` and `country`; a tax ID is checked for the address's country (EU VAT numbers, GB, CH, AU, IN, CA and others by their national format; US EIN; JP registration number).",
  params: s.customerPathSchema,
  query: s.noQuery,
  body: s.updateCustomerSchema,
  response: s.customerSchema,
  status: 200,
  errors: ["parameter_invalid", "parameter_unknown", "resource_missing"],
  example: {
    body: { billing_details: { name: "Acme Robotics GmbH", address: { line1: "Unter den Linden 1", postal_code: "10117", city: "Berlin", country: "DE" }, tax_id: "DE123456789" } },
    response: {
      ...exampleCustomer,
      billing_details: {
        name: "Acme Robotics GmbH",
        address: { line1: "Unter den Linden 1", line2: null, city: "Berlin", postal_code: "10117", state: null, country: "DE" },
        tax_id: "DE123456789",
      },
    },
  },
});

export const changeSubscription = endpoint({
  id: "changeSubscription",
  method: "POST",
  path: "/customers/{id}/subscription",
  tag: "Customers",
  summary: "Start or change the subscription",
  description:
    "Without a subscription, starts one on `plan` now (first period, wallet and allowance). With one, schedules the change: the new plan takes effect at the start of the next period (the current period keeps its plan, allowance and prices; nothing is prorated). Asking for the current plan cancels a scheduled change.",
  params: s.customerPathSchema,
  query: s.noQuery,
  body: s.changeSubscriptionSchema,
  response: s.subscriptionChangeSchema,
  status: 200,
  errors: ["parameter_missing", "parameter_invalid", "resource_missing", "subscription_canceled"],
  example: {
    body: { plan: "api_pro" },
    response: {
      object: "subscription_change",
      result: "scheduled",
      effective_at: "2026-12-14T09:00:00.000Z",
      message: "Acme Robotics moves from Creator to API Pro on 2026-12-14T09:00:00.000Z, at the start of the next period.",
      customer: { ...exampleCustomer, subscription: { ...exampleSubscription, pending_plan: "api_pro" } },
    },
  },
});

export const getWallet = endpoint({
  id: "getWallet",
  method: "GET",
  path: "/customers/{id}/wallet",
  tag: "Customers",
  summary: "Get the wallet",
  description: "Every bucket's balance (in the order they are spent), what holds reserve, included usage left and overage so far — read from the ledger's running totals.",
  params: s.customerPathSchema,
  query: s.noQuery,
  body: s.noBody,
  response: s.walletSchema,
  status: 200,
  errors: customerErrors,
  example: {
    response: {
      object: "wallet",
      customer: "cus_demo_pixel",
      plan: "creator",
      model: "credits",
      period: { start: "2026-11-14T09:00:00.000Z", end: "2026-12-14T09:00:00.000Z" },
      usable: { available: amount("CREDIT", "1212500", 3, "1,212.5 credits"), held: amount("CREDIT", "30000", 3, "30 credits") },
      buckets: [
        {
          bucket: "plan_credits",
          label: "Plan credits",
          available: amount("CREDIT", "712500", 3, "712.5 credits"),
          held: amount("CREDIT", "30000", 3, "30 credits"),
          posted: amount("CREDIT", "742500", 3, "742.5 credits"),
          expires_at: "2026-12-14T09:00:00.000Z",
        },
        {
          bucket: "purchased_credits",
          label: "Purchased credits",
          available: amount("CREDIT", "500000", 3, "500 credits"),
          held: amount("CREDIT", "0", 3, "0 credits"),
          posted: amount("CREDIT", "500000", 3, "500 credits"),
          expires_at: "2027-10-02T12:00:00.000Z",
        },
      ],
      included: null,
      overage: null,
      pending_holds: [exampleHold],
    },
  },
});

export const createAdjustment = endpoint({
  id: "createAdjustment",
  method: "POST",
  path: "/customers/{id}/adjustments",
  tag: "Customers",
  summary: "Adjust a customer's wallet",
  description:
    "`grant`: goodwill — credits (Credits plans; they never expire and are spent after the plan's credits), balance (Balance plans) or included units of the current period (Metered plans), in minor units. `reversal`: correct a charge by reversing one of the customer's ledger transfers (its id is in the portal's activity and in usage/hold responses), in full or in part; the ledger refuses more than is left of it. `reason` (shown to the customer in their activity) and `actor` are required. When the reversed money was paid on an invoice, a credit note is issued against it. Send an `Idempotency-Key`: a retry then adjusts once.",
  params: s.customerPathSchema,
  query: s.noQuery,
  body: s.createAdjustmentSchema,
  response: s.adjustmentSchema,
  status: 201,
  errors: ["parameter_missing", "parameter_invalid", "parameter_unknown", "resource_missing"],
  example: {
    body: { type: "grant", amount: { asset: "CREDIT", amount: "50000" }, reason: "Goodwill for the outage of Nov 3", actor: "support@example.com" },
    response: {
      id: "adjustment:adj_5t1c8m2x9q0p",
      object: "adjustment",
      customer: "cus_demo_pixel",
      type: "grant",
      amount: amount("CREDIT", "50000", 3, "50 credits"),
      reverses: null,
      reason: "Goodwill for the outage of Nov 3",
      actor: "support@example.com",
      credit_note: null,
      created_at: "2026-11-21T10:00:00.000Z",
    },
  },
});
