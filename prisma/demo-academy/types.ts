/**
 * Shapes of the demo academy's content: plain data, no Prisma types, so the curriculum can be
 * read, tested and reviewed without a database. `prisma/seed.ts` turns it into rows.
 */

import type { Difficulty } from "~/domain/difficulty";
import type { Tier } from "~/domain/entitlements";

// Difficulty: the profiler's bands (Novice … Elite); Tier: the plan a student needs to start a mission.
export type { Difficulty, Tier };

/** A skill the TalentScope heat-map tracks. `key` is stable and kebab-case. */
export interface SkillSeed {
  key: string;
  name: string;
  category: string;
  description: string;
}

/** One descriptor of a rubric criterion: what work at `score` looks like. */
export interface RubricLevelSeed {
  score: number;
  label: string;
  description: string;
}

/** A rubric criterion; `levels` cover every score from 0 to `maxScore` exactly once. */
export interface RubricCriterionSeed {
  key: string;
  title: string;
  description: string;
  weight: number;
  maxScore: number;
  levels: RubricLevelSeed[];
}

/** An ordered step of a mission. */
export interface SubtaskSeed {
  title: string;
  /** Markdown. */
  instructions: string;
  evidenceRequired: boolean;
  /** From: screenshot, report, log, pcap, code, config. */
  evidenceKinds: string[];
}

/** A micro-skill recommendation shown beside a mission. */
export interface RecipeSeed {
  title: string;
  /** A `SkillSeed.key`. */
  skill: string;
  minutes: number;
  url: string;
}

export interface MissionSeed {
  slug: string;
  title: string;
  summary: string;
  /** Markdown, 2–4 paragraphs. */
  story: string;
  objectives: string[];
  successCriteria: string[];
  difficulty: Difficulty;
  tierRequired: Tier;
  isCapstone: boolean;
  estimatedMinutes: number;
  /** Weighted rubric total (0–100) needed to pass; the database default (70) when absent. */
  passThreshold?: number;
  /** Slugs of missions (may be in any track). */
  prerequisites: string[];
  /** `skill` is a `SkillSeed.key`; 0 < weight <= 1. */
  skills: { skill: string; weight: number }[];
  subtasks: SubtaskSeed[];
  rubric: RubricCriterionSeed[];
  recipes: RecipeSeed[];
}

export interface TrackSeed {
  slug: string;
  title: string;
  summary: string;
  description: string;
  /** In track order. */
  missions: MissionSeed[];
}
