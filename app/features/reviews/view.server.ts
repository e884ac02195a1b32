import { z } from "zod";
import type { Rubric } from "~/domain/rubric";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema, parseOrThrow } from "~/utils/validation";
import { FLAG_EXPLANATIONS, REVIEW_FLAG_CODES, type ReviewFlagCode } from "./flags";
import { mentorRequestView, type MentorRequestView } from "~/features/mentoring/view";
import { attemptReviewRows, type AttemptReviewRow } from "./queries.server";
import { reviewerLabel } from "./reviewer-label";
import type { AttemptReview, ReviewState } from "./schemas";
import { readLevels, rubricContentHash } from "./service.server";

/** The stored shapes of AiReview.scores and .flags (written by the review job). */
const storedScores = z.array(
  z.object({
    key: z.string(),
    title: z.string(),
    score: z.number(),
    maxScore: z.number(),
    level: z.string(),
    levelDescription: z.string(),
    justification: z.string(),
    quote: z.string(),
  }),
);
const storedFlags = z.array(z.object({ code: z.string(), message: z.string(), blocking: z.boolean() }));

const STATES: Record<string, ReviewState> = { PENDING: "pending", RUNNING: "running", COMPLETED: "completed", FAILED: "failed" };

/**
 * Every attempt's AI review for the caller's progress record, newest attempt first: the state of
 * the pipeline, and when it is done the score against the rubric it was made with (`current`
 * says whether that is still the mission's rubric). Another student's record has no attempts here.
 */
export async function attemptReviews(db: Db, user: PublicUser, rawProgressId: unknown, currentRubric: Rubric): Promise<AttemptReview[]> {
  return await attemptReviewsOf(db, parseOrThrow(idSchema, rawProgressId), user.id, currentRubric);
}

/** The same for a record whose owner the caller already checked the reader may see (a mentor's review screen). */
export async function attemptReviewsOf(db: Db, progressId: string, ownerId: string, currentRubric: Rubric): Promise<AttemptReview[]> {
  const currentHash = rubricContentHash(currentRubric);
  return (await attemptReviewRows(db, progressId, ownerId)).map((row) => toAttemptReview(row, currentHash));
}

/**
 * The mission page's reviews in one statement: every attempt's AI review, and the latest
 * attempt's mentor review if the student asked for one (or the capstone went to a mentor).
 */
export async function missionPageReviews(
  db: Db,
  user: PublicUser,
  progressId: string,
  currentRubric: Rubric,
): Promise<{ reviews: AttemptReview[]; mentorReview: MentorRequestView | null }> {
  const currentHash = rubricContentHash(currentRubric);
  const rows = await attemptReviewRows(db, progressId, user.id);
  return { reviews: rows.map((row) => toAttemptReview(row, currentHash)), mentorReview: rows[0] ? mentorRequestView(rows[0]) : null };
}

/** The latest attempt's review (REST `GET /mission-progress/{id}/ai-review`); NOT_FOUND for others' records and before a submission. */
export async function latestAttemptReview(db: Db, user: PublicUser, rawProgressId: unknown): Promise<AttemptReview> {
  const progressId = parseOrThrow(idSchema, rawProgressId);
  const progress = await db.missionProgress.findUnique({
    where: { id: progressId },
    select: {
      userId: true,
      mission: {
        select: {
          passThreshold: true,
          rubric: { orderBy: { position: "asc" }, select: { key: true, title: true, description: true, weight: true, maxScore: true, levels: true } },
        },
      },
    },
  });
  if (!progress || progress.userId !== user.id) throw AppError.notFound("This mission progress");
  const rubric: Rubric = {
    passThreshold: progress.mission.passThreshold,
    criteria: progress.mission.rubric.map((criterion) => ({ ...criterion, levels: readLevels(criterion.levels) })),
  };
  const [latest] = await attemptReviews(db, user, progressId, rubric);
  if (!latest) throw new AppError("NOT_FOUND", "No attempt of this mission has been submitted yet, so there is no review.");
  return latest;
}

function toAttemptReview(row: AttemptReviewRow, currentRubricHash: string): AttemptReview {
  const base = { attempt: row.attempt, submissionId: row.submissionId };
  const status = row.status ? STATES[row.status]! : "pending";
  if (status === "failed") {
    return {
      ...base,
      status,
      review: null,
      failure: row.retryAt
        ? { message: "The review could not run this time. It will be tried again automatically; your work is safe.", retryAt: row.retryAt.toISOString() }
        : { message: "The review could not be completed automatically. An admin has been told and will look at it; your work is safe.", retryAt: null },
    };
  }
  if (status !== "completed" || row.total === null || row.passed === null) return { ...base, status, review: null, failure: null };
  return {
    ...base,
    status,
    failure: null,
    review: {
      total: row.total,
      passed: row.passed,
      passThreshold: z.number().catch(70).parse(row.passThreshold),
      reviewer: reviewerLabel(row.reviewer ?? "heuristic"),
      summary: row.summary ?? "",
      flags: storedFlags
        .catch([])
        .parse(row.flags)
        .map((flag) => ({ ...flag, explanation: (REVIEW_FLAG_CODES as readonly string[]).includes(flag.code) ? FLAG_EXPLANATIONS[flag.code as ReviewFlagCode] : flag.message })),
      criteria: storedScores
        .catch([])
        .parse(row.scores)
        .map((entry) => ({
          key: entry.key,
          title: entry.title,
          score: entry.score,
          max: entry.maxScore,
          level: entry.level,
          levelDescription: entry.levelDescription,
          justification: entry.justification,
          quote: entry.quote,
        })),
      rubric: { version: row.rubricVersion, current: row.rubricHash === null || row.rubricHash === currentRubricHash },
      completedAt: (row.completedAt ?? new Date(0)).toISOString(),
    },
  };
}
