import { describe, expect, it } from "vitest";
import { canStartMission, lockReasons, recommendation, recommendationShown, startHere, type LockReason, type MissionRules, type StudentStanding } from "./mission-access";

const mission: MissionRules = { id: "m2", tierRequired: "FREE", isCapstone: false, difficulty: "BEGINNER", prerequisiteIds: ["m1"] };
const standing: StudentStanding = { tier: "FREE", approvedMissionIds: new Set(["m1"]), startedMissionIds: new Set(), startsThisMonth: 0 };

describe("lockReasons", () => {
  it("lets a student with quota, tier and prerequisites start", () => {
    expect(lockReasons(mission, standing)).toEqual([]);
  });

  it("locks missions above the tier, with the tier to upgrade to", () => {
    const reasons = lockReasons({ ...mission, tierRequired: "STARTER" }, standing);
    expect(reasons).toMatchObject([{ kind: "tier", tierRequired: "STARTER" }]);
    expect(lockReasons({ ...mission, tierRequired: "STARTER" }, { ...standing, tier: "PREMIUM" })).toEqual([]);
  });

  it("treats capstones as Premium whatever their tier says", () => {
    expect(lockReasons({ ...mission, tierRequired: "STARTER", isCapstone: true }, { ...standing, tier: "STARTER" })[0]).toMatchObject({ kind: "tier", tierRequired: "PREMIUM" });
  });

  it("names unapproved prerequisites", () => {
    const reasons = lockReasons(mission, { ...standing, approvedMissionIds: new Set() }, () => "First shift");
    expect(reasons).toEqual([{ kind: "prerequisites", missing: ["m1"], message: "Finish “First shift” first." }]);
  });

  it("locks new starts once the month's quota is used, but never a started mission", () => {
    expect(lockReasons(mission, { ...standing, startsThisMonth: 1 })).toMatchObject([{ kind: "quota", limit: 1 }]);
    expect(lockReasons(mission, { ...standing, tier: "STARTER", startsThisMonth: 2 })).toEqual([]);
    expect(lockReasons(mission, { ...standing, tier: "STARTER", startsThisMonth: 3 })).toMatchObject([{ kind: "quota", limit: 3 }]);
    expect(lockReasons(mission, { ...standing, tier: "PREMIUM", startsThisMonth: 300 })).toEqual([]);
    expect(lockReasons(mission, { ...standing, startsThisMonth: 1, startedMissionIds: new Set(["m2"]) })).toEqual([]);
  });

  it("never locks a started mission after a downgrade, whatever its tier or the quota", () => {
    const premiumCapstone = { ...mission, tierRequired: "PREMIUM" as const, isCapstone: true };
    expect(canStartMission(premiumCapstone, { ...standing, tier: "PREMIUM" })).toBe(true);
    const fellToFree = { ...standing, tier: "FREE" as const, startsThisMonth: 4 };
    expect(canStartMission(premiumCapstone, fellToFree)).toBe(false);
    expect(canStartMission(premiumCapstone, { ...fellToFree, startedMissionIds: new Set(["m2"]) })).toBe(true);
  });
});

describe("recommendation", () => {
  it("follows PRODUCT.md's bands", () => {
    expect(recommendation("INTERMEDIATE", "INTERMEDIATE")).toBe("at-level");
    expect(recommendation("ADVANCED", "INTERMEDIATE")).toBe("one-above");
    expect(recommendation("ELITE", "INTERMEDIATE")).toBe("stretch");
    expect(recommendation("NOVICE", "INTERMEDIATE")).toBe("below");
  });
});

describe("what the mission list points a student to", () => {
  const prerequisite = (...missing: string[]): LockReason => ({ kind: "prerequisites", missing, message: `Finish ${missing.join(" and ")} first.` });
  const tier: LockReason = { kind: "tier", tierRequired: "STARTER", message: "This mission needs the Starter plan." };
  const quota: LockReason = { kind: "quota", limit: 1, message: "You have used your 1 mission start for this month." };

  it("recommends only missions the student can start, or that a single step unlocks", () => {
    expect(recommendationShown([])).toBe(true);
    expect(recommendationShown([prerequisite("a")])).toBe(true);
    expect(recommendationShown([tier])).toBe(true);
    expect(recommendationShown([prerequisite("a", "b")])).toBe(false);
    expect(recommendationShown([prerequisite("a"), tier])).toBe(false);
    expect(recommendationShown([quota, tier])).toBe(false);
  });

  it("marks one startable mission to start here: at the student's level first, then one up, then in track order", () => {
    const mission = (id: string, recommendation: "at-level" | "one-above" | "stretch" | "below" | null, locks: LockReason[] = [], progress: object | null = null) => ({
      id,
      recommendation,
      locks,
      progress,
    });
    expect(startHere([mission("a", "below"), mission("b", "one-above"), mission("c", "at-level"), mission("d", "at-level")])?.id).toBe("c");
    expect(startHere([mission("a", "stretch"), mission("b", null), mission("c", "one-above")])?.id).toBe("c");
    expect(startHere([mission("a", "stretch"), mission("b", null), mission("c", "below")])?.id).toBe("b");
    // Never one that is locked or already started, however well it fits.
    expect(startHere([mission("a", "at-level", [prerequisite("x")]), mission("b", "at-level", [], { id: "p" }), mission("c", "stretch")])?.id).toBe("c");
    expect(startHere([mission("a", "at-level", [quota])])).toBeNull();
  });
});
