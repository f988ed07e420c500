// The payment gateway port: what Portico needs from a card processor, in Portico's own terms.
// Two adapters implement it — the sandbox (embedded default, behaves like Stripe's test mode) and
// Stripe (when STRIPE_SECRET_KEY is set). Amounts are whole cents as bigint; the Stripe adapter
// converts at its edge.

export type ProviderName = "sandbox" | "stripe";

export type SavedCard = {
  providerPmId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
};

export type ChargeInput = {
  /** The same key never charges twice (Stripe's Idempotency-Key; the sandbox's object id). */
  idempotencyKey: string;
  providerCustomerId: string;
  providerPmId: string;
  amountCents: bigint;
  currency: string;
  description: string;
  /** True when the customer is not present (automatic top-up): no authentication is possible. */
  offSession: boolean;
  paymentId: string;
  customerId: string;
};

type ProviderPaymentStatus = "succeeded" | "requires_action" | "processing" | "failed" | "canceled";

/** A payment as the provider sees it now: the state every path converges on. */
export type ProviderPayment = {
  /** Null when the provider refused before creating anything (e.g. a malformed request). */
  providerPaymentId: string | null;
  status: ProviderPaymentStatus;
  amountCents: bigint;
  failureCode: string | null;
  failureMessage: string | null;
  /** For `requires_action`: what the browser needs to authenticate (Stripe.js). */
  clientSecret: string | null;
  /** Cumulative, as the provider reports it. */
  amountRefundedCents: bigint;
  disputed: boolean;
  /** Portico's payment id, from the provider object's metadata. */
  paymentId: string | null;
};

/** A provider webhook event, verified and mapped to what Portico acts on. */
export type ProviderEventInput = {
  provider: ProviderName;
  id: string;
  type: string;
  created: Date;
  payload: unknown;
  target:
    | { kind: "payment"; providerPaymentId: string | null; paymentId: string | null; chargeId: string | null }
    | { kind: "setup"; setupId: string; providerPmId: string | null; providerCustomerId: string | null }
    | { kind: "payment_method_detached"; providerPmId: string }
    | { kind: "ignored" };
};

export type SetupStatus = { status: "succeeded" | "pending" | "failed"; card: SavedCard | null; providerCustomerId: string | null };

export interface PaymentGateway {
  readonly name: ProviderName;
  /** The provider's customer for one Portico customer (safe to call again: idempotent). */
  createCustomer(input: { customerId: string; email: string; name: string }): Promise<string>;
  /** Start saving a card in the browser (Stripe: a SetupIntent for the Payment Element). */
  createSetup(providerCustomerId: string): Promise<{ setupId: string; clientSecret: string }>;
  retrieveSetup(setupId: string): Promise<SetupStatus>;
  retrieveCard(providerPmId: string): Promise<SavedCard & { providerCustomerId: string | null }>;
  setDefaultCard(providerCustomerId: string, providerPmId: string): Promise<void>;
  detachCard(providerPmId: string): Promise<void>;
  /** Charge a saved card now. Declines are results, not exceptions; network trouble throws. */
  charge(input: ChargeInput): Promise<ProviderPayment>;
  retrievePayment(providerPaymentId: string): Promise<ProviderPayment>;
  /** Find the provider's payment of a Portico payment whose id was never recorded (a crash). */
  findPayment(input: { providerCustomerId: string; paymentId: string; idempotencyKey: string; createdAfter: Date }): Promise<ProviderPayment | null>;
  /** The payment of a charge (disputes name the charge). */
  paymentOfCharge(chargeId: string): Promise<string | null>;
  refund(input: { providerPaymentId: string; amountCents?: bigint; idempotencyKey: string }): Promise<void>;
}
