import Stripe from "stripe";
import type { BillingProvider } from "./billing.server";

export interface StripeClientOptions {
  secretKey: string;
  /** Another address for the API (a local fake in tests); Stripe's own when unset. */
  apiUrl?: string;
}

/** The SDK client; `apiUrl` becomes its host/port/protocol options. */
export function createStripeClient({ secretKey, apiUrl }: StripeClientOptions): Stripe {
  const target = apiUrl ? new URL(apiUrl) : undefined;
  return new Stripe(secretKey, {
    // A checkout click waits on these calls: fail in seconds rather than the SDK's minute and more.
    timeout: 20_000,
    maxNetworkRetries: 2,
    telemetry: false,
    ...(target
      ? { host: target.hostname, port: target.port || (target.protocol === "https:" ? 443 : 80), protocol: target.protocol === "https:" ? ("https" as const) : ("http" as const) }
      : {}),
  });
}

/** Stripe's key for "create this user's customer": a retry after a crash gets the same customer back. */
export function customerIdempotencyKey(userId: string): string {
  return `mxp-customer-${userId}`;
}

/** The billing port over Stripe's API: Checkout in subscription mode, the customer portal, subscriptions. */
export function stripeBillingProvider(stripe: Stripe): BillingProvider {
  return {
    kind: "stripe",
    async createCustomer({ userId, email, name }) {
      const customer = await stripe.customers.create({ email, ...(name ? { name } : {}), metadata: { userId } }, { idempotencyKey: customerIdempotencyKey(userId) });
      return { customerId: customer.id };
    },
    async createCheckoutSession({ userId, customerId, priceId, successUrl, cancelUrl }) {
      const session = await stripe.checkout.sessions.create({
        mode: "subscription",
        customer: customerId,
        client_reference_id: userId,
        line_items: [{ price: priceId, quantity: 1 }],
        // The webhook finds the user by this on every subscription event, whatever arrives first.
        subscription_data: { metadata: { userId } },
        metadata: { userId },
        success_url: successUrl,
        cancel_url: cancelUrl,
      });
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { id: session.id, url: session.url };
    },
    async createPortalSession({ customerId, returnUrl }) {
      const session = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
      return { url: session.url };
    },
    async retrieveSubscription(subscriptionId) {
      try {
        return await stripe.subscriptions.retrieve(subscriptionId);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") return undefined;
        throw error;
      }
    },
  };
}
