import type { Difficulty } from "~/domain/difficulty";
import { buildHeatMap, type HeatMap } from "~/domain/heat-map";
import { levelFor, verdict, type RubricCriterion } from "~/domain/rubric";
import { foldSkillSignals } from "~/domain/skill-signals";
import { nextSteps } from "~/features/reviews/next-steps";

/**
 * The landing page's samples: a review breakdown and a skill heat-map made from invented scores
 * but computed by the engines a student's real review and heat-map go through (the rubric
 * engine, the skill-signal fold, the heat-map builder), on real missions from the catalogue. The
 * scores are the only invented part, and the page says so.
 */

export interface SampleCriterion {
  key: string;
  title: string;
  /** This criterion's share of the weighted total, in whole percent. */
  weightPercent: number;
  score: number;
  max: number;
  level: string;
  levelDescription: string;
}

export interface SampleReview {
  total: number;
  passed: boolean;
  passThreshold: number;
  criteria: SampleCriterion[];
  /** The weakest criterion and what its next level asks for (as a real review shows it). */
  next: { title: string; label: string; description: string } | null;
}

/**
 * The sample's scores: a good first attempt, every other criterion one level short of the top
 * (and never below the lowest level), so the breakdown shows both full and partial marks.
 */
export function sampleScores(criteria: readonly RubricCriterion[]): Record<string, number> {
  return Object.fromEntries(criteria.map((criterion, index) => [criterion.key, index % 2 === 0 ? criterion.maxScore : Math.max(0, criterion.maxScore - 1)]));
}

/** The sample scores run through the rubric engine: weighted total, verdict, levels and the next step. */
export function sampleReview(criteria: readonly RubricCriterion[], passThreshold: number): SampleReview {
  const scores = sampleScores(criteria);
  const result = verdict({ criteria, passThreshold }, scores, []);
  const weights = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  const [step] = nextSteps(criteria, scores, [], 1);
  return {
    total: result.total,
    passed: result.passed,
    passThreshold,
    criteria: criteria.map((criterion) => {
      const score = scores[criterion.key]!;
      const level = levelFor(criterion, score);
      return {
        key: criterion.key,
        title: criterion.title,
        weightPercent: Math.round((criterion.weight / weights) * 100),
        score,
        max: criterion.maxScore,
        level: level?.label ?? String(score),
        levelDescription: level?.description ?? "",
      };
    }),
    next: step?.nextLevel ? { title: step.criterionTitle, label: step.nextLevel.label, description: step.nextLevel.description } : null,
  };
}

export interface SampleMission {
  slug: string;
  difficulty: Difficulty;
  /** The skills the mission exercises, weight 0–1. */
  skills: readonly { key: string; name: string; weight: number }[];
}

/** The sample student's review totals, one approved mission a month, oldest first. */
export const SAMPLE_TOTALS = [78, 84, 81, 88, 86, 92] as const;

/**
 * The heat-map of a sample student who had the given missions approved (AI-reviewed), one a
 * month up to `now`'s month, with SAMPLE_TOTALS as scores: folded by the skill-signal formula and
 * laid out by the heat-map builder, exactly as a student's own map is.
 */
export function sampleHeatMap(missions: readonly SampleMission[], now: Date): HeatMap {
  const done = missions.slice(0, SAMPLE_TOTALS.length);
  const evidence = done.map((mission, index) => ({
    submissionId: `sample-${index}`,
    // Mid-month, counting back from this month, so every approval lands in its own month.
    approvedAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (done.length - 1 - index), 1, 12)),
    score: SAMPLE_TOTALS[index]!,
    difficulty: mission.difficulty,
    mentorApproved: false,
    skills: mission.skills.map((skill) => ({ skillId: skill.key, weight: skill.weight })),
  }));
  const { steps } = foldSkillSignals(evidence);
  const skills = new Map(done.flatMap((mission) => mission.skills.map((skill) => [skill.key, { skillId: skill.key, key: skill.key, name: skill.name }] as const)));
  return buildHeatMap([...skills.values()], steps, now);
}
