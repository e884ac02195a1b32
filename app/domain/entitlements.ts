import type { $Enums } from "@prisma/client";
import type { Assert, Same } from "./database-enums";

/** In order, cheapest first. */
export const TIERS = ["FREE", "STARTER", "PREMIUM"] as const satisfies readonly $Enums.Tier[];
export type Tier = (typeof TIERS)[number];
export type TiersMatchTheDatabase = Assert<Same<Tier, $Enums.Tier>>;

export interface TierEntitlements {
  /** Mission starts per calendar month (UTC); null = unlimited. */
  monthlyStarts: number | null;
  mentorReviews: boolean;
  capstones: boolean;
  priceUsdPerMonth: number;
}

/** The tier table of PRODUCT.md, the one place it is written down in code. */
export const ENTITLEMENTS: Record<Tier, TierEntitlements> = {
  FREE: { monthlyStarts: 1, mentorReviews: false, capstones: false, priceUsdPerMonth: 0 },
  STARTER: { monthlyStarts: 3, mentorReviews: false, capstones: false, priceUsdPerMonth: 3 },
  PREMIUM: { monthlyStarts: null, mentorReviews: true, capstones: true, priceUsdPerMonth: 7 },
};

export const TIER_LABELS: Record<Tier, string> = { FREE: "Free", STARTER: "Starter", PREMIUM: "Premium" };

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

export function tierAllows(actual: Tier, required: Tier): boolean {
  return tierRank(actual) >= tierRank(required);
}

export interface SubscriptionState {
  tier: Tier;
  /** Stripe's subscription status. */
  status: string;
  currentPeriodEnd: Date | null;
}

/** How long a plan whose payment failed (Stripe's past_due) keeps its tier while Stripe retries the card. */
export const PAST_DUE_GRACE_DAYS = 14;

/** When the grace period of a payment problem that began at `pastDueSince` ends. */
export function pastDueGraceEndsAt(pastDueSince: Date): Date {
  return new Date(pastDueSince.getTime() + PAST_DUE_GRACE_DAYS * 24 * 60 * 60 * 1000);
}

// Stripe statuses in which the customer keeps what they paid for.
const PAYING_STATUSES = new Set(["active", "trialing", "past_due"]);

/**
 * The tier a student has now. A paid tier holds while Stripe says the subscription is live; a
 * cancelled or unpaid one keeps its tier until the end of the period already paid, then FREE.
 */
export function effectiveTier(subscription: SubscriptionState | null | undefined, now = new Date()): Tier {
  if (!subscription || subscription.tier === "FREE") return "FREE";
  if (PAYING_STATUSES.has(subscription.status)) return subscription.tier;
  if (subscription.currentPeriodEnd && subscription.currentPeriodEnd.getTime() > now.getTime()) return subscription.tier;
  return "FREE";
}

/** "YYYY-MM" of the calendar month (UTC) a start counts against. */
export function quotaMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** When this month's quota resets: the first instant of next month, UTC. */
export function quotaResetsAt(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "1 December": a day of the quota calendar (UTC), as pages and messages say it. */
export function formatQuotaDay(date: Date | string): string {
  const day = new Date(date);
  return `${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]}`;
}

/** "1 of 1 mission starts used; resets on 1 December" (PRODUCT.md's wording), or "Unlimited mission starts". */
export function quotaSummary(quota: { used: number; limit: number | null; resetsAt: Date | string }): string {
  if (quota.limit === null) return "Unlimited mission starts";
  return `${quota.used} of ${quota.limit} mission starts used; resets on ${formatQuotaDay(quota.resetsAt)}`;
}
