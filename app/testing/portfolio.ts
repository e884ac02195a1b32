import crypto from "node:crypto";
import { publishPortfolioItem } from "~/features/portfolio/publish.server";
import { recomputeSkillSignals } from "~/features/skills/fold.server";
import { reviewedAttempt } from "./mentoring";
import type { CreateMissionOptions } from "./missions";

/**
 * An approved attempt (AI review passed) whose approval jobs have run: its portfolio item exists
 * (private, no file chosen) and the student's skill signals are folded. The attempt has one
 * evidence file (auth.log) and the notes of app/testing/reviews.ts.
 */
export async function approvedPortfolioItem(options: CreateMissionOptions & { passed?: true } = {}) {
  const skills = options.skills ?? [{ key: `skill-${crypto.randomBytes(3).toString("hex")}`, weight: 1 }];
  const attempt = await reviewedAttempt({ ...options, skills, passed: true });
  await publishPortfolioItem(attempt.db, attempt.submission.id);
  await recomputeSkillSignals(attempt.db, attempt.student.id);
  const item = await attempt.db.portfolioItem.findUniqueOrThrow({ where: { submissionId: attempt.submission.id } });
  return { ...attempt, item };
}
