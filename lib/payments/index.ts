import "server-only";
// Which payment provider Portico uses: Stripe when STRIPE_SECRET_KEY is set, otherwise the
// sandbox. A payment remembers its provider, so it is always settled by the one that took it.
import { SandboxGateway } from "./sandbox";
import { StripeGateway, stripeSettingsFromEnv } from "./stripe";
import type { PaymentGateway, ProviderName } from "./types";

export type { ProviderName } from "./types";

const cache = globalThis as unknown as { __porticoGateways?: { key: string; sandbox: SandboxGateway; stripe: StripeGateway | null } };

function gateways() {
  const settings = stripeSettingsFromEnv();
  const key = JSON.stringify(settings);
  if (cache.__porticoGateways?.key !== key) {
    cache.__porticoGateways = { key, sandbox: new SandboxGateway(), stripe: settings ? new StripeGateway(settings) : null };
  }
  return cache.__porticoGateways;
}

export function activeProvider(): ProviderName {
  return gateways().stripe ? "stripe" : "sandbox";
}

export function sandboxGateway(): SandboxGateway {
  return gateways().sandbox;
}

export function stripeGateway(): StripeGateway {
  const s = gateways().stripe;
  if (!s) throw new Error("Stripe is not configured: set STRIPE_SECRET_KEY.");
  return s;
}

export function stripeGatewayOrNull(): StripeGateway | null {
  return gateways().stripe;
}

/** The provider by name (default: the active one). */
export function gatewayFor(name: string = activeProvider()): PaymentGateway {
  if (name === "sandbox") return sandboxGateway();
  if (name === "stripe") return stripeGateway();
  throw new Error(`Unknown payment provider ${name}`);
}

/** Stripe.js needs the publishable key in the browser; without it the portal cannot add cards. */
export function stripePublishableKey(): string | null {
  return process.env.STRIPE_PUBLISHABLE_KEY?.trim() || null;
}
