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

/** Whether `actual` is `required` or above it. */
function tierCovers(actual: Tier, required: Tier): boolean {
  return tierRank(actual) >= tierRank(required);
}

/** The higher of two tiers. */
function higherTier(a: Tier, b: Tier): Tier {
  return tierRank(a) >= tierRank(b) ? a : b;
}

/** What Stripe last reported about a student's subscription (the Subscription row). */
export interface SubscriptionState {
  tier: Tier;
  /** Stripe's subscription status, or "none" while only a customer exists. */
  status: string;
  currentPeriodEnd: Date | null;
  /** When the current run of failed payments began; only read while the status is past_due. */
  pastDueSince?: Date | null;
}

/** A tier an admin granted by hand (a TierGrant row). */
export interface GrantState {
  tier: Tier;
  startsAt: Date;
  /** null: until revoked. */
  endsAt: Date | null;
  revokedAt?: Date | null;
}

/** How long a plan whose payment failed (Stripe's past_due) keeps its tier while Stripe retries the card. */
export const PAST_DUE_GRACE_DAYS = 14;

/** When the grace period of a payment problem that began at `pastDueSince` ends. */
export function pastDueGraceEndsAt(pastDueSince: Date): Date {
  return new Date(pastDueSince.getTime() + PAST_DUE_GRACE_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * Stripe's statuses of a subscription that is still being billed: checkout sends its student to
 * the portal rather than start a second one, and an event about another, ended subscription of
 * the same user must not overwrite it.
 */
export const BILLED_STATUSES: ReadonlySet<string> = new Set(["active", "trialing", "past_due", "unpaid", "incomplete"]);

// Statuses in which the subscription grants its tier outright.
const GRANTING_STATUSES = new Set(["active", "trialing"]);
// Statuses of a subscription that has ended or stopped being paid: the period already paid for is kept, then FREE.
const ENDED_STATUSES = new Set(["canceled", "unpaid", "incomplete_expired", "deleted"]);

/**
 * The tier a subscription grants now (PRODUCT.md, "Billing"):
 * - active, trialing: its tier;
 * - past_due: its tier until the grace period counted from `pastDueSince` ends, then FREE (a
 *   past_due subscription whose start is not known yet keeps its tier: the run has just begun);
 * - canceled, unpaid, incomplete_expired, deleted: its tier until the end of the period already
 *   paid, then FREE;
 * - incomplete (the first payment never went through), "none" and any status Stripe may add: FREE.
 */
export function effectiveTier(subscription: SubscriptionState | null | undefined, now = new Date()): Tier {
  if (!subscription || subscription.tier === "FREE") return "FREE";
  const { status } = subscription;
  if (GRANTING_STATUSES.has(status)) return subscription.tier;
  if (status === "past_due") {
    if (!subscription.pastDueSince) return subscription.tier;
    return now.getTime() < pastDueGraceEndsAt(subscription.pastDueSince).getTime() ? subscription.tier : "FREE";
  }
  if (ENDED_STATUSES.has(status) && subscription.currentPeriodEnd && subscription.currentPeriodEnd.getTime() > now.getTime()) return subscription.tier;
  return "FREE";
}

/** Whether an admin's grant counts now: started, not yet ended, not revoked. */
export function grantInForce(grant: GrantState, now = new Date()): boolean {
  const at = now.getTime();
  if (grant.revokedAt && grant.revokedAt.getTime() <= at) return false;
  if (grant.startsAt.getTime() > at) return false;
  return grant.endsAt === null || grant.endsAt.getTime() > at;
}

/** The highest tier the student's grants give now; FREE without one in force. */
export function grantedTier(grants: readonly GrantState[], now = new Date()): Tier {
  return grants.filter((grant) => grantInForce(grant, now)).reduce<Tier>((tier, grant) => higherTier(tier, grant.tier), "FREE");
}

/** A payment that failed while its plan still holds: what the shell's banner says. */
export interface PaymentProblem {
  /** The plan the failed payment was for. */
  tier: Tier;
  since: Date;
  /** The end of the grace period: the plan falls back unless the payment goes through by then. */
  planHoldsUntil: Date;
}

export interface TierInForce {
  /** The tier every entitlement question is answered for. */
  tier: Tier;
  /** Where it comes from; a tie between a subscription and a grant is named after the subscription. */
  source: "subscription" | "grant" | "free";
  /** What the subscription alone grants now. */
  subscriptionTier: Tier;
  /** What the grants alone give now. */
  grantedTier: Tier;
  paymentProblem: PaymentProblem | null;
}

/**
 * The tier in force for a student: the subscription's (effectiveTier) and the admins' grants
 * (grantedTier) combined, the higher one winning. A grant is a floor, never a ceiling: a
 * scholarship to STARTER does not take PREMIUM from a student who pays for it, and a PREMIUM grant
 * covers a STARTER subscriber for as long as it runs, after which the subscription's tier applies
 * again. Neither changes the other: a grant never touches the Stripe subscription.
 */
export function tierInForce(state: { subscription?: SubscriptionState | null; grants?: readonly GrantState[] }, now = new Date()): TierInForce {
  const fromSubscription = effectiveTier(state.subscription, now);
  const fromGrants = grantedTier(state.grants ?? [], now);
  const tier = higherTier(fromSubscription, fromGrants);
  const source = tier === "FREE" ? "free" : tier === fromSubscription ? "subscription" : "grant";
  const subscription = state.subscription;
  const paymentProblem =
    subscription && subscription.status === "past_due" && subscription.pastDueSince && fromSubscription !== "FREE"
      ? { tier: subscription.tier, since: subscription.pastDueSince, planHoldsUntil: pastDueGraceEndsAt(subscription.pastDueSince) }
      : null;
  return { tier, source, subscriptionTier: fromSubscription, grantedTier: fromGrants, paymentProblem };
}

/*
 * Entitlement questions. Every decision about what a tier allows is answered here, from the
 * tier in force; other code never compares tiers or reads ENTITLEMENTS for a decision.
 */

/** The cheapest tier that opens a mission: its own tier, raised to one that includes capstones for a capstone. */
export function tierRequiredFor(mission: { tierRequired: Tier; isCapstone: boolean }): Tier {
  return TIERS.find((tier) => tierCovers(tier, mission.tierRequired) && (!mission.isCapstone || ENTITLEMENTS[tier].capstones)) ?? "PREMIUM";
}

/** Whether the tier opens this mission (its tier, and capstones for a capstone). Quota and prerequisites aside. */
export function tierOpensMission(tier: Tier, mission: { tierRequired: Tier; isCapstone: boolean }): boolean {
  return tierCovers(tier, tierRequiredFor(mission));
}

export function canOpenCapstones(tier: Tier): boolean {
  return ENTITLEMENTS[tier].capstones;
}

export function canRequestMentorReview(tier: Tier): boolean {
  return ENTITLEMENTS[tier].mentorReviews;
}

/** The cheapest tier that includes mentor reviews, for an upgrade message. */
export const MENTOR_REVIEW_TIER: Tier = TIERS.find((tier) => ENTITLEMENTS[tier].mentorReviews) ?? "PREMIUM";

export interface StartsQuota {
  used: number;
  /** null: unlimited. */
  limit: number | null;
  /** null: unlimited. */
  left: number | null;
  /** When the month's count starts again. */
  resetsAt: Date;
}

/** Mission starts this calendar month (UTC) against the tier's quota, and when the count resets. */
export function startsQuota(tier: Tier, startsThisMonth: number, now = new Date()): StartsQuota {
  const limit = ENTITLEMENTS[tier].monthlyStarts;
  return { used: startsThisMonth, limit, left: limit === null ? null : Math.max(0, limit - startsThisMonth), resetsAt: quotaResetsAt(now) };
}

/**
 * Whether the tier lets the student start a mission they have not started yet: it opens the
 * mission and a start is left this month. Re-opening a started mission is always allowed, so a
 * downgrade never locks work already begun. Prerequisites are mission-access's lockReasons.
 */
export function tierLetsStart(tier: Tier, mission: { tierRequired: Tier; isCapstone: boolean }, startsThisMonth: number, now = new Date()): boolean {
  if (!tierOpensMission(tier, mission)) return false;
  const { left } = startsQuota(tier, startsThisMonth, now);
  return left === null || left > 0;
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

const MONTH_NAME = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/**
 * What a student is asked before a start that counts against the month's quota ("This uses your
 * 1 start for December."), or null when their plan has no monthly limit and nothing is asked.
 * The month is the UTC month the start counts against (quotaMonth).
 */
export function startConfirmation(quota: { limit: number | null; left: number | null }, now = new Date()): string | null {
  // None left: the start is refused with the quota's own message, nothing to ask.
  if (quota.limit === null || quota.left === null || quota.left === 0) return null;
  const month = MONTH_NAME.format(now);
  if (quota.limit === 1) return `This uses your 1 start for ${month}.`;
  if (quota.left <= 1) return `This uses your last start for ${month}.`;
  return `This uses 1 of the ${quota.left} starts you have left for ${month}.`;
}
