import type Stripe from "stripe";
import { AppError } from "~/utils/errors";
import { getEnv, type Env } from "~/utils/env.server";
import { localBillingProvider } from "./local.server";
import { createStripeClient, stripeBillingProvider } from "./stripe.server";

/**
 * The billing port: what the app asks of a payment provider. The Stripe adapter calls Stripe's
 * API (STRIPE_SECRET_KEY set); the local checkout emulator (the default) serves look-alike pages
 * on this site and reports what happens there as signed Stripe events to the same webhook route.
 * Tiers only ever change through that webhook route, whichever adapter is in use.
 */
export interface BillingProvider {
  /** "stripe", "local" (the test checkout) or "none" (nothing is sold): pages say honestly which. */
  readonly kind: "stripe" | "local" | "none";
  /** Creates the customer for a user; called once per user (the billing service makes it race-safe). */
  createCustomer(input: { userId: string; email: string; name: string | null }): Promise<{ customerId: string }>;
  /** A checkout for one subscription to `priceId`; the student is sent to `url`. */
  createCheckoutSession(input: { userId: string; customerId: string; priceId: string; successUrl: string; cancelUrl: string }): Promise<{ id: string; url: string }>;
  /** Where the student manages the subscription (change plan, cancel, cards). */
  createPortalSession(input: { customerId: string; returnUrl: string }): Promise<{ url: string }>;
  /**
   * The subscription as the provider has it now: the webhook handler re-reads it so the newest
   * state wins whatever order events arrive in. The local emulator returns undefined (its
   * events carry the whole state and arrival order is checked by their `created` time).
   */
  retrieveSubscription(subscriptionId: string): Promise<Stripe.Subscription | undefined>;
}

let cachedStripe: { key: string; apiUrl: string | undefined; provider: BillingProvider } | undefined;

function paymentsNotSetUp(): never {
  throw new AppError("UNAVAILABLE", "Plans cannot be bought on this site yet: payments are not set up. Please try again later.");
}

/**
 * A production site without STRIPE_SECRET_KEY sells nothing: the test checkout would let
 * students give themselves a paid plan. Webhooks still verify and apply as usual.
 */
const noBillingProvider: BillingProvider = {
  kind: "none",
  createCustomer: async () => paymentsNotSetUp(),
  createCheckoutSession: async () => paymentsNotSetUp(),
  createPortalSession: async () => paymentsNotSetUp(),
  retrieveSubscription: async () => undefined,
};

/**
 * Stripe when STRIPE_SECRET_KEY is set; otherwise the local checkout emulator where LOCAL_CHECKOUT
 * allows it (development and tests by default), and nothing for sale where it does not.
 */
export function billingProvider(env: Env = getEnv()): BillingProvider {
  if (!env.STRIPE_SECRET_KEY) return env.LOCAL_CHECKOUT ? localBillingProvider() : noBillingProvider;
  if (cachedStripe?.key !== env.STRIPE_SECRET_KEY || cachedStripe.apiUrl !== env.STRIPE_API_URL) {
    const client = createStripeClient({ secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL });
    cachedStripe = { key: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL, provider: stripeBillingProvider(client) };
  }
  return cachedStripe.provider;
}

/** Whether the local emulator is in use: its pages and test controls exist only then. */
export function isLocalBilling(env: Env = getEnv()): boolean {
  return !env.STRIPE_SECRET_KEY && env.LOCAL_CHECKOUT;
}
