import { difficultyRank, type Difficulty } from "./difficulty";
import { startsQuota, TIER_LABELS, tierOpensMission, tierRequiredFor, type Tier } from "./entitlements";

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

/**
 * Why a student cannot start a mission right now, most fundamental reason first; empty when
 * they can. A mission already started is never locked: re-opening it is free, whatever the
 * student's tier is now. What the tier allows comes from the entitlements module.
 */
export function lockReasons(mission: MissionRules, standing: StudentStanding, titles: (id: string) => string = (id) => id, now = new Date()): LockReason[] {
  if (standing.startedMissionIds.has(mission.id)) return [];
  const reasons: LockReason[] = [];
  if (!tierOpensMission(standing.tier, mission)) {
    const needed = tierRequiredFor(mission);
    const what = mission.isCapstone ? "Capstone missions" : "This mission";
    reasons.push({ kind: "tier", tierRequired: needed, message: `${what} need${mission.isCapstone ? "" : "s"} the ${TIER_LABELS[needed]} plan.` });
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
  const quota = startsQuota(standing.tier, standing.startsThisMonth, now);
  if (quota.left === 0 && quota.limit !== null) {
    reasons.push({ kind: "quota", limit: quota.limit, message: `You have used your ${quota.limit} mission start${quota.limit === 1 ? "" : "s"} for this month.` });
  }
  return reasons;
}

/** Whether the student can start (or re-open) the mission now. */
export function canStartMission(mission: MissionRules, standing: StudentStanding, now = new Date()): boolean {
  return lockReasons(mission, standing, undefined, now).length === 0;
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

/**
 * Whether a recommendation belongs on a mission the student has not started: one they can start
 * now, or one a single step unlocks (the card shows that step beside it). A mission behind
 * several steps is not what to do next, whatever its level.
 */
export function recommendationShown(locks: readonly LockReason[]): boolean {
  if (locks.length === 0) return true;
  if (locks.length > 1) return false;
  const [lock] = locks;
  return lock!.kind !== "prerequisites" || lock!.missing.length === 1;
}

const START_HERE_RANK: Record<Recommendation | "none", number> = { "at-level": 0, "one-above": 1, none: 2, below: 2, stretch: 3 };

/**
 * The one mission to mark "Start here": one the student can start now (not started, nothing locks
 * it), at their level first, then one level up, then the rest, and in track order among equals
 * (the list comes in track order). Null when nothing can be started now.
 */
export function startHere<T extends { locks: readonly LockReason[]; progress: unknown; recommendation: Recommendation | null }>(missions: readonly T[]): T | null {
  let best: T | null = null;
  for (const mission of missions) {
    if (mission.progress || mission.locks.length > 0) continue;
    if (!best || START_HERE_RANK[mission.recommendation ?? "none"] < START_HERE_RANK[best.recommendation ?? "none"]) best = mission;
  }
  return best;
}
