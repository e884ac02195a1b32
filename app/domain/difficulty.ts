import type { $Enums } from "@prisma/client";
import type { Assert, Same } from "./database-enums";

/** In order, easiest first. */
export const DIFFICULTIES = ["NOVICE", "BEGINNER", "INTERMEDIATE", "ADVANCED", "ELITE"] as const satisfies readonly $Enums.Difficulty[];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type DifficultiesMatchTheDatabase = Assert<Same<Difficulty, $Enums.Difficulty>>;

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  NOVICE: "Novice",
  BEGINNER: "Beginner",
  INTERMEDIATE: "Intermediate",
  ADVANCED: "Advanced",
  ELITE: "Elite",
};

/** PRODUCT.md bands: 0–19 Novice, 20–39 Beginner, 40–59 Intermediate, 60–79 Advanced, 80–100 Elite. */
export function levelForScore(score: number): Difficulty {
  const clamped = Math.max(0, Math.min(100, score));
  return DIFFICULTIES[Math.min(4, Math.floor(clamped / 20))]!;
}

export function difficultyRank(difficulty: Difficulty): number {
  return DIFFICULTIES.indexOf(difficulty);
}
