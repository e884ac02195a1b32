import crypto from "node:crypto";
import { getDb, type Queryable } from "~/utils/db.server";
import type { BillingProvider } from "./billing.server";

/** Where the local emulator's checkout page for a session is. */
export function localCheckoutPath(sessionId: string): string {
  return `/billing/test-checkout/${encodeURIComponent(sessionId)}`;
}

/** Ids shaped like Stripe's, marked as the emulator's so they are never mistaken for real ones. */
export function localId(prefix: "cus" | "cs" | "sub" | "in" | "evt" | "si"): string {
  return `${prefix}_local_${crypto.randomBytes(12).toString("hex")}`;
}

/**
 * A URL the emulator sends the browser back to, as a path on this site. The billing service
 * gives absolute URLs (Stripe needs them); the emulator's pages are on this site already, and a
 * path keeps the browser on the host it is using (APP_URL may name another one in development).
 */
function sitePath(url: string): string {
  const parsed = new URL(url, "http://placeholder.invalid");
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/**
 * The local checkout emulator (no STRIPE_SECRET_KEY): the checkout is a page on this site that
 * says plainly no payment is taken, and what happens there reaches the app as signed
 * Stripe-shaped events through the webhook route (app/features/billing/emulator.server.ts). Its
 * customers are ids only (the app keeps them on the user's Subscription row, as with Stripe); its
 * checkouts and subscriptions are its own tables, as Stripe keeps them on its side.
 */
export function localBillingProvider(db: Queryable = getDb()): BillingProvider {
  return {
    kind: "local",
    async createCustomer() {
      return { customerId: localId("cus") };
    },
    async createCheckoutSession({ userId, customerId, priceId, successUrl, cancelUrl }) {
      const id = localId("cs");
      await db.localCheckoutSession.create({ data: { id, userId, customerId, priceId, successUrl: sitePath(successUrl), cancelUrl: sitePath(cancelUrl) } });
      return { id, url: localCheckoutPath(id) };
    },
    async createPortalSession({ returnUrl }) {
      // The emulator's portal is the billing page's own test controls.
      const back = sitePath(returnUrl);
      return { url: back.startsWith("/billing") ? back : "/billing" };
    },
    async retrieveSubscription() {
      return undefined;
    },
  };
}
