import { describe, expect, it } from "vitest";
import {
  canOpenCapstones,
  startConfirmation,
  canRequestMentorReview,
  effectiveTier,
  ENTITLEMENTS,
  formatQuotaDay,
  grantedTier,
  grantInForce,
  MENTOR_REVIEW_TIER,
  PAST_DUE_GRACE_DAYS,
  pastDueGraceEndsAt,
  quotaMonth,
  quotaResetsAt,
  quotaSummary,
  startsQuota,
  tierInForce,
  tierLetsStart,
  tierOpensMission,
  tierRequiredFor,
  TIERS,
  type GrantState,
  type SubscriptionState,
  type Tier,
} from "./entitlements";

const now = new Date("2026-11-25T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const at = (offsetDays: number) => new Date(now.getTime() + offsetDays * DAY);

describe("the tier table", () => {
  it("follows PRODUCT.md", () => {
    expect(ENTITLEMENTS.FREE.monthlyStarts).toBe(1);
    expect(ENTITLEMENTS.STARTER.monthlyStarts).toBe(3);
    expect(ENTITLEMENTS.PREMIUM.monthlyStarts).toBeNull();
    expect(ENTITLEMENTS.STARTER.mentorReviews).toBe(false);
    expect(ENTITLEMENTS.PREMIUM.mentorReviews).toBe(true);
    expect(ENTITLEMENTS.PREMIUM.capstones).toBe(true);
  });
});

/*
 * The subscription alone, over every tier × every status Stripe reports (and "none", "deleted"
 * and one Stripe may add) × the period end (none, passed, ahead) × the start of a payment problem
 * (none, inside the grace period, after it). Each status's rule is written out in the table, so a
 * change to the module's rule shows up here as a failure, not a matching change.
 */
type PeriodEnd = "none" | "passed" | "ahead";
type PastDue = "none" | "inside grace" | "after grace";
const PERIOD_ENDS: Record<PeriodEnd, Date | null> = { none: null, passed: at(-1), ahead: at(10) };
const PAST_DUE: Record<PastDue, Date | null> = { none: null, "inside grace": at(-(PAST_DUE_GRACE_DAYS - 1)), "after grace": at(-(PAST_DUE_GRACE_DAYS + 1)) };

const keepsTier: Record<string, (periodEnd: PeriodEnd, pastDue: PastDue) => boolean> = {
  active: () => true,
  trialing: () => true,
  past_due: (_, pastDue) => pastDue !== "after grace",
  canceled: (periodEnd) => periodEnd === "ahead",
  unpaid: (periodEnd) => periodEnd === "ahead",
  incomplete_expired: (periodEnd) => periodEnd === "ahead",
  deleted: (periodEnd) => periodEnd === "ahead",
  incomplete: () => false,
  none: () => false,
  paused: () => false,
};

const subscriptionCases = TIERS.flatMap((tier) =>
  Object.keys(keepsTier).flatMap((status) =>
    (Object.keys(PERIOD_ENDS) as PeriodEnd[]).flatMap((periodEnd) => (Object.keys(PAST_DUE) as PastDue[]).map((pastDue) => ({ tier, status, periodEnd, pastDue }))),
  ),
);

function subscriptionOf({ tier, status, periodEnd, pastDue }: (typeof subscriptionCases)[number]): SubscriptionState {
  return { tier, status, currentPeriodEnd: PERIOD_ENDS[periodEnd], pastDueSince: PAST_DUE[pastDue] };
}

describe("the tier a subscription grants", () => {
  it.each(subscriptionCases)("$tier, $status, period end $periodEnd, payment problem $pastDue", (testCase) => {
    const expected: Tier = testCase.tier !== "FREE" && keepsTier[testCase.status]!(testCase.periodEnd, testCase.pastDue) ? testCase.tier : "FREE";
    expect(effectiveTier(subscriptionOf(testCase), now)).toBe(expected);
    expect(tierInForce({ subscription: subscriptionOf(testCase) }, now).tier).toBe(expected);
  });

  it("is FREE without a subscription", () => {
    expect(effectiveTier(null, now)).toBe("FREE");
    expect(effectiveTier(undefined, now)).toBe("FREE");
    expect(tierInForce({}, now)).toEqual({ tier: "FREE", source: "free", subscriptionTier: "FREE", grantedTier: "FREE", paymentProblem: null });
  });

  it("ends a cancelled plan at the exact end of its period", () => {
    const end = at(0);
    const canceled = { tier: "PREMIUM" as const, status: "canceled", currentPeriodEnd: end };
    expect(effectiveTier(canceled, new Date(end.getTime() - 1))).toBe("PREMIUM");
    expect(effectiveTier(canceled, end)).toBe("FREE");
  });

  it("ends a past-due plan at the exact end of its grace period", () => {
    const since = at(-3);
    const graceEnd = pastDueGraceEndsAt(since);
    expect(graceEnd.getTime() - since.getTime()).toBe(PAST_DUE_GRACE_DAYS * DAY);
    const pastDue = { tier: "STARTER" as const, status: "past_due", currentPeriodEnd: at(20), pastDueSince: since };
    expect(effectiveTier(pastDue, new Date(graceEnd.getTime() - 1))).toBe("STARTER");
    // The period end of a past_due subscription is the period not paid for: it does not extend the grace.
    expect(effectiveTier(pastDue, graceEnd)).toBe("FREE");
  });
});

describe("admins' grants", () => {
  const grant = (tier: Tier, overrides: Partial<GrantState> = {}): GrantState => ({ tier, startsAt: at(-5), endsAt: null, revokedAt: null, ...overrides });
  const variants: Record<string, (tier: Tier) => GrantState | null> = {
    none: () => null,
    "active, open-ended": (tier) => grant(tier),
    "active, with an end date": (tier) => grant(tier, { endsAt: at(30) }),
    expired: (tier) => grant(tier, { endsAt: at(-1) }),
    revoked: (tier) => grant(tier, { revokedAt: at(-1) }),
    future: (tier) => grant(tier, { startsAt: at(2) }),
  };
  const countsNow = (variant: string) => variant.startsWith("active");

  it("count from their start until their end or revocation", () => {
    expect(grantInForce(grant("PREMIUM"), now)).toBe(true);
    expect(grantInForce(grant("PREMIUM", { endsAt: now }), now)).toBe(false);
    expect(grantInForce(grant("PREMIUM", { startsAt: now }), now)).toBe(true);
    expect(grantInForce(grant("PREMIUM", { revokedAt: now }), now)).toBe(false);
    expect(grantInForce(grant("PREMIUM", { endsAt: at(-1) }), now)).toBe(false);
    expect(grantInForce(grant("PREMIUM", { startsAt: at(1) }), now)).toBe(false);
  });

  it("give the highest tier among those in force", () => {
    expect(grantedTier([], now)).toBe("FREE");
    expect(grantedTier([grant("STARTER"), grant("PREMIUM", { endsAt: at(-1) })], now)).toBe("STARTER");
    expect(grantedTier([grant("PREMIUM"), grant("STARTER")], now)).toBe("PREMIUM");
    expect(grantedTier([grant("PREMIUM", { revokedAt: at(-1) }), grant("STARTER", { startsAt: at(1) })], now)).toBe("FREE");
  });

  // Every subscription case × every grant variant × every granted tier: the higher one wins.
  it.each(subscriptionCases)("combine with $tier, $status, period end $periodEnd, payment problem $pastDue: the higher tier wins", (testCase) => {
    const fromSubscription = effectiveTier(subscriptionOf(testCase), now);
    for (const [variant, make] of Object.entries(variants)) {
      for (const grantTier of TIERS) {
        const made = make(grantTier);
        const result = tierInForce({ subscription: subscriptionOf(testCase), grants: made ? [made] : [] }, now);
        const fromGrant: Tier = countsNow(variant) ? grantTier : "FREE";
        const expected = TIERS.indexOf(fromGrant) > TIERS.indexOf(fromSubscription) ? fromGrant : fromSubscription;
        const what = `grant ${variant} of ${grantTier}`;
        expect(result.tier, what).toBe(expected);
        expect(result.subscriptionTier, what).toBe(fromSubscription);
        expect(result.grantedTier, what).toBe(fromGrant);
        expect(result.source, what).toBe(expected === "FREE" ? "free" : expected === fromSubscription ? "subscription" : "grant");
      }
    }
  });

  it("name the subscription on a tie, and the grant only when it lifts the tier", () => {
    const paid = { tier: "STARTER" as const, status: "active", currentPeriodEnd: at(20) };
    expect(tierInForce({ subscription: paid, grants: [grant("STARTER")] }, now).source).toBe("subscription");
    expect(tierInForce({ subscription: paid, grants: [grant("PREMIUM")] }, now)).toMatchObject({ tier: "PREMIUM", source: "grant" });
    // A grant that runs out hands back to the subscription.
    expect(tierInForce({ subscription: paid, grants: [grant("PREMIUM", { endsAt: at(-1) })] }, now)).toMatchObject({ tier: "STARTER", source: "subscription" });
  });
});

describe("payment problems", () => {
  const pastDue = (pastDueSince: Date | null): SubscriptionState => ({ tier: "PREMIUM", status: "past_due", currentPeriodEnd: at(20), pastDueSince });

  it("are reported while the plan still holds, with the day it falls back", () => {
    const since = at(-2);
    expect(tierInForce({ subscription: pastDue(since) }, now).paymentProblem).toEqual({ tier: "PREMIUM", since, planHoldsUntil: pastDueGraceEndsAt(since) });
  });

  it("are not reported once the grace period is over, for other statuses, or before the start is known", () => {
    expect(tierInForce({ subscription: pastDue(at(-(PAST_DUE_GRACE_DAYS + 1))) }, now).paymentProblem).toBeNull();
    expect(tierInForce({ subscription: pastDue(null) }, now).paymentProblem).toBeNull();
    for (const status of Object.keys(keepsTier).filter((candidate) => candidate !== "past_due")) {
      expect(tierInForce({ subscription: { ...pastDue(at(-2)), status } }, now).paymentProblem, status).toBeNull();
    }
  });
});

describe("what a tier allows", () => {
  const missionTiers = TIERS.flatMap((tierRequired) => [false, true].map((isCapstone) => ({ tierRequired, isCapstone })));

  it("asks Premium for capstones whatever the mission's own tier says", () => {
    expect(tierRequiredFor({ tierRequired: "FREE", isCapstone: false })).toBe("FREE");
    expect(tierRequiredFor({ tierRequired: "STARTER", isCapstone: false })).toBe("STARTER");
    expect(tierRequiredFor({ tierRequired: "PREMIUM", isCapstone: false })).toBe("PREMIUM");
    for (const tierRequired of TIERS) expect(tierRequiredFor({ tierRequired, isCapstone: true })).toBe("PREMIUM");
  });

  it.each(TIERS)("%s opens missions at or below it, and capstones only with Premium", (tier) => {
    for (const mission of missionTiers) {
      const expected = mission.isCapstone ? tier === "PREMIUM" : TIERS.indexOf(tier) >= TIERS.indexOf(mission.tierRequired);
      expect(tierOpensMission(tier, mission), JSON.stringify(mission)).toBe(expected);
    }
  });

  it("lets only Premium ask for mentor reviews and open capstones", () => {
    expect(TIERS.map(canRequestMentorReview)).toEqual([false, false, true]);
    expect(TIERS.map(canOpenCapstones)).toEqual([false, false, true]);
    expect(MENTOR_REVIEW_TIER).toBe("PREMIUM");
  });

  it("counts the starts left this month and when they reset", () => {
    const resetsAt = new Date("2026-12-01T00:00:00Z");
    expect(startsQuota("FREE", 0, now)).toEqual({ used: 0, limit: 1, left: 1, resetsAt });
    expect(startsQuota("FREE", 1, now)).toEqual({ used: 1, limit: 1, left: 0, resetsAt });
    expect(startsQuota("STARTER", 2, now)).toEqual({ used: 2, limit: 3, left: 1, resetsAt });
    // Starts made on a higher plan still count after a downgrade; nothing goes below zero.
    expect(startsQuota("STARTER", 5, now)).toEqual({ used: 5, limit: 3, left: 0, resetsAt });
    expect(startsQuota("PREMIUM", 40, now)).toEqual({ used: 40, limit: null, left: null, resetsAt });
  });

  it.each(TIERS)("lets %s start a new mission only with the mission's tier and a start left", (tier) => {
    for (const mission of missionTiers) {
      for (const used of [0, 1, 2, 3, 4]) {
        const limit = ENTITLEMENTS[tier].monthlyStarts;
        const expected = tierOpensMission(tier, mission) && (limit === null || used < limit);
        expect(tierLetsStart(tier, mission, used, now), `${JSON.stringify(mission)} after ${used} starts`).toBe(expected);
      }
    }
  });
});

describe("the quota calendar", () => {
  it("counts quota per UTC calendar month", () => {
    expect(quotaMonth(new Date("2026-11-30T23:59:59Z"))).toBe("2026-11");
    expect(quotaMonth(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12");
    expect(quotaResetsAt(now).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(quotaResetsAt(new Date("2026-12-15T00:00:00Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("quota wording", () => {
  it("says the reset day in UTC, whatever the server's time zone", () => {
    expect(formatQuotaDay(new Date("2026-12-01T00:00:00Z"))).toBe("1 December");
    expect(formatQuotaDay("2027-01-01T00:00:00.000Z")).toBe("1 January");
  });

  it("reads as PRODUCT.md puts it, or says the plan has no limit", () => {
    expect(quotaSummary({ used: 1, limit: 1, resetsAt: "2026-12-01T00:00:00.000Z" })).toBe("1 of 1 mission starts used; resets on 1 December");
    expect(quotaSummary({ used: 0, limit: 3, resetsAt: new Date("2027-01-01T00:00:00Z") })).toBe("0 of 3 mission starts used; resets on 1 January");
    expect(quotaSummary({ used: 7, limit: null, resetsAt: "2026-12-01T00:00:00.000Z" })).toBe("Unlimited mission starts");
  });
});

describe("the question before a start that uses the month's quota", () => {
  const december = new Date("2026-12-31T23:30:00Z");
  it("names the start and the month, and asks nothing without a monthly limit", () => {
    expect(startConfirmation({ limit: 1, left: 1 }, december)).toBe("This uses your 1 start for December.");
    expect(startConfirmation({ limit: 3, left: 3 }, december)).toBe("This uses 1 of the 3 starts you have left for December.");
    expect(startConfirmation({ limit: 3, left: 1 }, december)).toBe("This uses your last start for December.");
    expect(startConfirmation({ limit: null, left: null }, december)).toBeNull();
    expect(startConfirmation({ limit: 3, left: 0 }, december)).toBeNull();
    // The month of the quota is UTC's, whatever the server's zone.
    expect(startConfirmation({ limit: 1, left: 1 }, new Date("2027-01-01T00:30:00Z"))).toBe("This uses your 1 start for January.");
  });
});
