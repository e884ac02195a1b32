import { z } from "zod";
import type { Rubric } from "~/domain/rubric";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema, parseOrThrow } from "~/utils/validation";
import { FLAG_EXPLANATIONS, REVIEW_FLAG_CODES, type ReviewFlagCode } from "./flags";
import { reviewerLabel } from "./reviewer-label";
import type { AttemptReview, ReviewState } from "./schemas";
import { rubricContentHash } from "./service.server";

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

const reviewSelect = {
  id: true,
  attempt: true,
  aiReview: {
    select: {
      status: true,
      reviewer: true,
      scores: true,
      total: true,
      passed: true,
      summary: true,
      flags: true,
      error: true,
      retryAt: true,
      completedAt: true,
      rubricVersion: { select: { version: true, contentHash: true, content: true } },
    },
  },
} as const;

/**
 * Every attempt's AI review for the caller's progress record, newest attempt first: the state of
 * the pipeline, and when it is done the score against the rubric it was made with. Other
 * students' records are NOT_FOUND.
 */
export async function attemptReviews(db: Db, user: PublicUser, rawProgressId: unknown): Promise<AttemptReview[]> {
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
      submissions: { orderBy: { attempt: "desc" }, select: reviewSelect },
    },
  });
  if (!progress || progress.userId !== user.id) throw AppError.notFound("This mission progress");
  const currentHash = rubricContentHash({
    passThreshold: progress.mission.passThreshold,
    criteria: progress.mission.rubric.map((criterion) => ({
      ...criterion,
      levels: z
        .array(z.object({ score: z.number(), label: z.string(), description: z.string() }))
        .catch([])
        .parse(criterion.levels),
    })),
  } satisfies Rubric);
  return progress.submissions.map((submission) => toAttemptReview(submission, currentHash));
}

/** The latest attempt's review (REST `GET /mission-progress/{id}/ai-review`). */
export async function latestAttemptReview(db: Db, user: PublicUser, rawProgressId: unknown): Promise<AttemptReview> {
  const [latest] = await attemptReviews(db, user, rawProgressId);
  if (!latest) throw new AppError("NOT_FOUND", "No attempt of this mission has been submitted yet, so there is no review.");
  return latest;
}

type SubmissionRow = {
  id: string;
  attempt: number;
  aiReview: null | {
    status: string;
    reviewer: string | null;
    scores: unknown;
    total: number | null;
    passed: boolean | null;
    summary: string | null;
    flags: unknown;
    error: string | null;
    retryAt: Date | null;
    completedAt: Date | null;
    rubricVersion: { version: number; contentHash: string; content: unknown } | null;
  };
};

function toAttemptReview(submission: SubmissionRow, currentRubricHash: string): AttemptReview {
  const row = submission.aiReview;
  const base = { attempt: submission.attempt, submissionId: submission.id };
  if (!row) return { ...base, status: "pending", review: null, failure: null };
  const status = STATES[row.status] ?? "pending";
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
  const passThreshold = z.object({ passThreshold: z.number() }).catch({ passThreshold: 70 }).parse(row.rubricVersion?.content).passThreshold;
  return {
    ...base,
    status,
    failure: null,
    review: {
      total: row.total,
      passed: row.passed,
      passThreshold,
      reviewer: reviewerLabel(row.reviewer ?? "heuristic"),
      summary: row.summary ?? "",
      flags: storedFlags
        .catch([])
        .parse(row.flags)
        .map((flag) => ({
          ...flag,
          explanation: (REVIEW_FLAG_CODES as readonly string[]).includes(flag.code) ? FLAG_EXPLANATIONS[flag.code as ReviewFlagCode] : flag.message,
        })),
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
      rubric: { version: row.rubricVersion?.version ?? null, current: row.rubricVersion ? row.rubricVersion.contentHash === currentRubricHash : true },
      completedAt: (row.completedAt ?? new Date(0)).toISOString(),
    },
  };
}
