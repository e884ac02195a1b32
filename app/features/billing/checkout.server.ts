import crypto from "node:crypto";
import type { z } from "zod";
import { billingProvider, type BillingProvider } from "~/adapters/billing/billing.server";
import { BILLED_STATUSES, TIER_LABELS } from "~/domain/entitlements";
import type { PublicUser } from "~/features/accounts/service.server";
import { AppError } from "~/utils/errors";
import type { Db } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { safeRedirectPath } from "~/utils/request.server";
import { parseOrThrow } from "~/utils/validation";
import { priceIdFor, type PaidTier } from "./prices.server";
import { lockSubscriptionForUpdate, subscriptionForUpdate } from "./queries.server";
import { checkoutRequest, type checkoutStartSchema } from "./checkout-schemas.server";

type Buyer = Pick<PublicUser, "id" | "email" | "name" | "role">;

/** Where a student goes back to when a billing page was opened from nowhere in particular. */
export const DEFAULT_RETURN_TO = "/dashboard/student/missions";

// Paths a checkout must not send the student back to: billing's own steps would loop.
const NO_RETURN_PREFIXES = ["/billing/checkout", "/billing/portal", "/billing/test-checkout", "/api/"];

/**
 * Where to send the student after checkout or the portal: a path on this site only (never an
 * open redirect: see safeRedirectPath), not one of billing's own steps, else the missions page.
 */
export function billingReturnTo(value: unknown): string {
  if (typeof value !== "string" || value.length > 1000) return DEFAULT_RETURN_TO;
  const path = safeRedirectPath(value, DEFAULT_RETURN_TO);
  return NO_RETURN_PREFIXES.some((prefix) => path.startsWith(prefix)) ? DEFAULT_RETURN_TO : path;
}

function assertStudent(user: Buyer): void {
  if (user.role !== "STUDENT") throw new AppError("FORBIDDEN", "Plans are for student accounts; mentors and administrators have everything they need already.");
}

/**
 * The user's customer at the payment provider, created once. Parallel checkouts of one user
 * (two tabs, a double click) create one customer: the row is made if missing (ON CONFLICT), then
 * locked while the customer is created, so the second caller waits and finds it. The provider's
 * idempotency key covers a crash between its answer and our commit.
 */
export async function ensureCustomer(db: Db, user: Pick<Buyer, "id" | "email" | "name">, provider: BillingProvider = billingProvider()): Promise<string> {
  const existing = await db.subscription.findUnique({ where: { userId: user.id }, select: { stripeCustomerId: true } });
  if (existing?.stripeCustomerId) return existing.stripeCustomerId;
  await lockSubscriptionForUpdate(db, crypto.randomUUID(), user.id);
  return db.$transaction(
    async (tx) => {
      const [row] = await subscriptionForUpdate(tx, user.id);
      if (row?.stripeCustomerId) return row.stripeCustomerId;
      const { customerId } = await provider.createCustomer({ userId: user.id, email: user.email, name: user.name });
      await tx.subscription.update({ where: { userId: user.id }, data: { stripeCustomerId: customerId } });
      return customerId;
    },
    // The provider's answer is awaited inside: longer than Prisma's default of five seconds.
    { timeout: 60_000, maxWait: 60_000 },
  );
}

export type CheckoutStart = z.infer<typeof checkoutStartSchema>;

/** The absolute address of a path on this site, as Stripe needs for its redirects. */
function siteUrl(path: string): string {
  return `${appUrl()}${path}`;
}

function pathWith(path: string, params: Record<string, string>): string {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

/**
 * Starts the checkout of a paid tier and answers where to send the student. A student whose
 * subscription is still billed changes plan in the portal instead: a second checkout would
 * start a second subscription and charge twice.
 */
export async function startCheckout(db: Db, user: Buyer, input: { tier: unknown; returnTo?: unknown }, provider: BillingProvider = billingProvider()): Promise<CheckoutStart> {
  assertStudent(user);
  const { tier } = parseOrThrow(checkoutRequest.pick({ tier: true }), input);
  const returnTo = billingReturnTo(input.returnTo);
  const current = await db.subscription.findUnique({ where: { userId: user.id }, select: { status: true, stripeSubscriptionId: true } });
  if (current?.stripeSubscriptionId && BILLED_STATUSES.has(current.status)) {
    return { kind: "portal", url: (await openPortal(db, user, { returnTo }, provider)).url };
  }
  const customerId = await ensureCustomer(db, user, provider);
  const session = await provider.createCheckoutSession({
    userId: user.id,
    customerId,
    priceId: priceIdFor(tier),
    successUrl: siteUrl(pathWith("/billing/success", { tier, returnTo })),
    cancelUrl: siteUrl(pathWith("/billing/cancel", { tier, returnTo })),
  });
  return { kind: "checkout", url: session.url };
}

/** The provider's portal (change plan, cancel, cards), returning to `returnTo` on this site. */
export async function openPortal(db: Db, user: Buyer, input: { returnTo?: unknown }, provider: BillingProvider = billingProvider()): Promise<{ url: string }> {
  assertStudent(user);
  const returnTo = typeof input.returnTo === "string" && input.returnTo !== "" ? billingReturnTo(input.returnTo) : "/billing";
  const current = await db.subscription.findUnique({ where: { userId: user.id }, select: { stripeCustomerId: true } });
  if (!current?.stripeCustomerId) throw new AppError("INVALID_STATE", "You have no paid plan to manage yet. Choose a plan on the pricing page.");
  return provider.createPortalSession({ customerId: current.stripeCustomerId, returnUrl: siteUrl(returnTo) });
}

/** "Premium" for a paid tier, for page texts. */
export function paidTierLabel(tier: PaidTier): string {
  return TIER_LABELS[tier];
}
