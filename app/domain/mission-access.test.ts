import { describe, expect, it } from "vitest";
import { canStartMission, lockReasons, recommendation, type MissionRules, type StudentStanding } from "./mission-access";

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
