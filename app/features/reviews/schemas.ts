import { z } from "zod";

/** The review pipeline's states as clients see them (PRODUCT.md: pending | running | completed | failed). */
export const reviewStateSchema = z.enum(["pending", "running", "completed", "failed"]).meta({ id: "ReviewState" });
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const scoredCriterionSchema = z.object({
  key: z.string(),
  title: z.string(),
  score: z.number().int(),
  max: z.number().int(),
  level: z.string().meta({ description: "The level descriptor's label reached, e.g. Proficient" }),
  levelDescription: z.string(),
  justification: z.string(),
  quote: z.string().meta({ description: "A passage from the student's work that backs the score (verbatim)" }),
});
export type ScoredCriterionView = z.infer<typeof scoredCriterionSchema>;

export const reviewFlagSchema = z.object({
  code: z.string(),
  message: z.string(),
  blocking: z.boolean(),
  explanation: z.string().meta({ description: "What the flag means for the student, in plain words" }),
});

export const reviewerSchema = z.object({
  kind: z.enum(["model", "heuristic"]),
  name: z.string().meta({ description: "provider:model for a model, `heuristic` for the built-in reviewer" }),
  label: z.string().meta({ description: "How the page names who scored the work" }),
});

export const completedReviewSchema = z
  .object({
    total: z.number().meta({ description: "Weighted total, 0–100, one decimal" }),
    passed: z.boolean(),
    passThreshold: z.number().int(),
    reviewer: reviewerSchema,
    summary: z.string(),
    flags: z.array(reviewFlagSchema),
    criteria: z.array(scoredCriterionSchema),
    rubric: z.object({
      version: z.number().int().nullable(),
      current: z.boolean().meta({ description: "false when the mission's rubric changed after this score was made" }),
    }),
    completedAt: z.string(),
  })
  .meta({ id: "AiReview" });
export type CompletedReview = z.infer<typeof completedReviewSchema>;

export const reviewFailureSchema = z.object({
  message: z.string().meta({ description: "What happened, for the student" }),
  retryAt: z.string().nullable().meta({ description: "When the next automatic try is due; null when the tries are used up and an admin has been told" }),
});

export const attemptReviewSchema = z
  .object({
    attempt: z.number().int(),
    submissionId: z.string(),
    status: reviewStateSchema,
    review: completedReviewSchema.nullable(),
    failure: reviewFailureSchema.nullable(),
  })
  .meta({ id: "AttemptReview" });
export type AttemptReview = z.infer<typeof attemptReviewSchema>;

/** Admins: AI reviews whose tries are used up. */
export const failedReviewsSchema = z
  .array(
    z.object({
      submissionId: z.string(),
      error: z.string(),
      runs: z.number().int(),
      retryAt: z.string().nullable(),
      reviewer: z.string().nullable(),
      queuedAt: z.string(),
      attempt: z.number().int(),
      missionTitle: z.string(),
      student: z.string(),
      studentEmail: z.string(),
    }),
  )
  .meta({ id: "FailedReviews" });

export const retriedReviewSchema = z.object({ submissionId: z.string(), status: z.literal("pending") }).meta({ id: "RetriedReview" });
