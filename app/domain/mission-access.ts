import { difficultyRank, type Difficulty } from "./difficulty";
import { ENTITLEMENTS, tierAllows, type Tier } from "./entitlements";

export interface MissionRules {
  id: string;
  tierRequired: Tier;
  isCapstone: boolean;
  difficulty: Difficulty;
  prerequisiteIds: string[];
}

export interface StudentStanding {
  tier: Tier;
  /** Missions whose work has been approved: they satisfy prerequisites. */
  approvedMissionIds: ReadonlySet<string>;
  /** Missions the student has already started (re-opening them is free). */
  startedMissionIds: ReadonlySet<string>;
  startsThisMonth: number;
}

export type LockReason =
  { kind: "tier"; tierRequired: Tier; message: string } | { kind: "prerequisites"; missing: string[]; message: string } | { kind: "quota"; limit: number; message: string };

/** The tier a mission needs, capstones included (PRODUCT.md: capstones are a Premium extra). */
export function tierNeeded(mission: Pick<MissionRules, "tierRequired" | "isCapstone">): Tier {
  if (mission.isCapstone && !ENTITLEMENTS[mission.tierRequired].capstones) return "PREMIUM";
  return mission.tierRequired;
}

export function monthlyStartsLeft(standing: Pick<StudentStanding, "tier" | "startsThisMonth">): number | null {
  const limit = ENTITLEMENTS[standing.tier].monthlyStarts;
  return limit === null ? null : Math.max(0, limit - standing.startsThisMonth);
}

/**
 * Why a student cannot start a mission right now, most fundamental reason first; empty when
 * they can. A mission already started is never locked: re-opening it is free.
 */
export function lockReasons(mission: MissionRules, standing: StudentStanding, titles: (id: string) => string = (id) => id): LockReason[] {
  if (standing.startedMissionIds.has(mission.id)) return [];
  const reasons: LockReason[] = [];
  const needed = tierNeeded(mission);
  if (!tierAllows(standing.tier, needed)) {
    const what = mission.isCapstone ? "Capstone missions" : "This mission";
    reasons.push({ kind: "tier", tierRequired: needed, message: `${what} need${mission.isCapstone ? "" : "s"} the ${needed === "PREMIUM" ? "Premium" : "Starter"} plan.` });
  }
  const missing = mission.prerequisiteIds.filter((id) => !standing.approvedMissionIds.has(id));
  if (missing.length > 0) {
    reasons.push({
      kind: "prerequisites",
      missing,
      message: `Finish ${missing
        .map(titles)
        .map((title) => `“${title}”`)
        .join(" and ")} first.`,
    });
  }
  const left = monthlyStartsLeft(standing);
  if (left === 0) {
    const limit = ENTITLEMENTS[standing.tier].monthlyStarts!;
    reasons.push({ kind: "quota", limit, message: `You have used your ${limit} mission start${limit === 1 ? "" : "s"} for this month.` });
  }
  return reasons;
}

export type Recommendation = "at-level" | "one-above" | "stretch" | "below";

/** PRODUCT.md: recommend missions at the student's level and one above; further above is a stretch. */
export function recommendation(missionDifficulty: Difficulty, studentLevel: Difficulty): Recommendation {
  const gap = difficultyRank(missionDifficulty) - difficultyRank(studentLevel);
  if (gap === 0) return "at-level";
  if (gap === 1) return "one-above";
  if (gap > 1) return "stretch";
  return "below";
}
