import { describe, expect, it } from "vitest";
import { effectiveTier, ENTITLEMENTS, formatQuotaDay, quotaMonth, quotaResetsAt, quotaSummary, tierAllows } from "./entitlements";

const now = new Date("2026-11-25T12:00:00Z");

describe("entitlements", () => {
  it("follows the tier table", () => {
    expect(ENTITLEMENTS.FREE.monthlyStarts).toBe(1);
    expect(ENTITLEMENTS.STARTER.monthlyStarts).toBe(3);
    expect(ENTITLEMENTS.PREMIUM.monthlyStarts).toBeNull();
    expect(ENTITLEMENTS.STARTER.mentorReviews).toBe(false);
    expect(ENTITLEMENTS.PREMIUM.mentorReviews).toBe(true);
    expect(ENTITLEMENTS.PREMIUM.capstones).toBe(true);
  });

  it("orders tiers", () => {
    expect(tierAllows("PREMIUM", "STARTER")).toBe(true);
    expect(tierAllows("STARTER", "PREMIUM")).toBe(false);
    expect(tierAllows("FREE", "FREE")).toBe(true);
  });

  it("keeps a live subscription's tier", () => {
    expect(effectiveTier({ tier: "PREMIUM", status: "active", currentPeriodEnd: null }, now)).toBe("PREMIUM");
    expect(effectiveTier({ tier: "STARTER", status: "past_due", currentPeriodEnd: new Date("2026-11-01") }, now)).toBe("STARTER");
  });

  it("falls back to FREE at the end of a cancelled or unpaid period", () => {
    expect(effectiveTier({ tier: "PREMIUM", status: "canceled", currentPeriodEnd: new Date("2026-12-01") }, now)).toBe("PREMIUM");
    expect(effectiveTier({ tier: "PREMIUM", status: "canceled", currentPeriodEnd: new Date("2026-11-20") }, now)).toBe("FREE");
    expect(effectiveTier({ tier: "STARTER", status: "unpaid", currentPeriodEnd: null }, now)).toBe("FREE");
    expect(effectiveTier(null, now)).toBe("FREE");
  });

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
