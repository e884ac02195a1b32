import { levelForScore, type Difficulty } from "./difficulty";

/**
 * TalentScope skill signals (PRODUCT.md, "Skill signals"): a pure fold over a student's approved
 * submissions in approval order. Nothing is stored increment by increment, so a retried job, a
 * withdrawn approval or a change to this formula gives the same answer by folding again.
 *
 * The formula, per approved submission and per skill the mission exercises (weight w in 0–1):
 *
 *   reach    = score × CEILING[difficulty]            what this work can show (0–100)
 *   rate     = LEARNING_RATE × w × PACE[difficulty]   how far one piece of evidence moves it
 *   mastery ← mastery + rate × (reach − mastery)      mastery moves toward what the work shows
 *   doubt   ← doubt × (1 − w × TRUST[approver])       confidence = 1 − doubt
 *
 * An easy mission cannot prove expert mastery (its ceiling caps the reach), a harder one and a
 * larger share of the mission move mastery further, and a mentor's approval is trusted more
 * than the AI reviewer's. Level uses the profiler's bands (0–19 Novice … 80–100 Elite).
 */

/** The most mastery a perfect score at each difficulty can show. */
export const CEILING: Record<Difficulty, number> = { NOVICE: 0.4, BEGINNER: 0.55, INTERMEDIATE: 0.7, ADVANCED: 0.85, ELITE: 1 };
/** How much a piece of evidence at each difficulty moves mastery, relative to the hardest. */
export const PACE: Record<Difficulty, number> = { NOVICE: 0.6, BEGINNER: 0.7, INTERMEDIATE: 0.8, ADVANCED: 0.9, ELITE: 1 };
export const LEARNING_RATE = 0.5;
/** How much one fully weighted approval removes of the remaining doubt. */
export const TRUST = { mentor: 0.35, ai: 0.15 } as const;

export interface ApprovedEvidence {
  submissionId: string;
  approvedAt: Date;
  /** The approving review's weighted total, 0–100. */
  score: number;
  difficulty: Difficulty;
  mentorApproved: boolean;
  skills: readonly { skillId: string; weight: number }[];
}

export interface SkillSignalValue {
  skillId: string;
  mastery: number;
  level: Difficulty;
  confidence: number;
  evidenceCount: number;
  lastEvidenceAt: Date;
}

/** One approval's effect on one skill, as the history of the fold (the heat-map's months). */
export interface SkillStep {
  submissionId: string;
  skillId: string;
  score: number;
  weight: number;
  mentorApproved: boolean;
  masteryBefore: number;
  masteryAfter: number;
  at: Date;
}

export interface SkillFold {
  signals: SkillSignalValue[];
  steps: SkillStep[];
}

/** Folds approved evidence, oldest approval first (ties by submission id, so the order is total). */
export function foldSkillSignals(evidence: readonly ApprovedEvidence[]): SkillFold {
  const ordered = [...evidence].sort((a, b) => a.approvedAt.getTime() - b.approvedAt.getTime() || (a.submissionId < b.submissionId ? -1 : a.submissionId > b.submissionId ? 1 : 0));
  const state = new Map<string, { mastery: number; doubt: number; count: number; last: Date }>();
  const steps: SkillStep[] = [];
  for (const item of ordered) {
    const score = clamp(item.score, 0, 100);
    for (const { skillId, weight: rawWeight } of item.skills) {
      const weight = clamp(rawWeight, 0, 1);
      if (weight === 0) continue;
      const current = state.get(skillId) ?? { mastery: 0, doubt: 1, count: 0, last: item.approvedAt };
      const reach = score * CEILING[item.difficulty];
      const rate = LEARNING_RATE * weight * PACE[item.difficulty];
      const mastery = current.mastery + rate * (reach - current.mastery);
      const doubt = current.doubt * (1 - weight * (item.mentorApproved ? TRUST.mentor : TRUST.ai));
      steps.push({
        submissionId: item.submissionId,
        skillId,
        score,
        weight,
        mentorApproved: item.mentorApproved,
        masteryBefore: round(current.mastery),
        masteryAfter: round(mastery),
        at: item.approvedAt,
      });
      state.set(skillId, { mastery, doubt, count: current.count + 1, last: item.approvedAt });
    }
  }
  const signals = [...state.entries()]
    .map(([skillId, value]) => ({
      skillId,
      mastery: round(value.mastery),
      level: levelForScore(value.mastery),
      confidence: round(1 - value.doubt, 3),
      evidenceCount: value.count,
      lastEvidenceAt: value.last,
    }))
    .sort((a, b) => (a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : 0));
  return { signals, steps };
}

/** How sure the signal is, in words (the page shows it beside the number). */
export function confidenceLabel(confidence: number): "low" | "moderate" | "high" {
  if (confidence >= 0.6) return "high";
  if (confidence >= 0.3) return "moderate";
  return "low";
}

/** The skills with the least mastery first (ties: less confidence first): what to practise next. */
export function weakestSkills<T extends { mastery: number; confidence: number }>(signals: readonly T[], count: number): T[] {
  return [...signals].sort((a, b) => a.mastery - b.mastery || a.confidence - b.confidence).slice(0, count);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Number.isFinite(value) ? value : low));
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
